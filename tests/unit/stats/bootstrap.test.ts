import { describe, expect, it } from 'vitest';
import {
  bootstrapMean,
  bootstrapStatistic,
  intervalFromReplicates,
  jackknifeMeans,
  jackknifeStatistic,
  type BootstrapMethod,
} from '@core/stats/bootstrap';
import { mean, quantile } from '@core/stats/descriptive';
import { chunkSeeds, meanReplicates, meanReplicatesDirect } from '@core/stats/resampleKernels';
import { expectClose, loadFixture } from './loadFixture';

interface BootstrapFixture {
  nResamples: number;
  datasets: Record<
    string,
    { data?: number[]; first?: number[]; second?: number[]; indices: number[][] }
  >;
  cases: Array<{
    dataset: string;
    statistic: 'mean' | 'median' | 'paired-mean-difference';
    method: BootstrapMethod;
    level: number;
    expected: [number, number];
  }>;
}

const fixture = loadFixture<BootstrapFixture>('bootstrap.json');
const median = (values: ArrayLike<number>) => quantile(values, 0.5);

describe('bootstrap intervals from the same resamples as scipy.stats.bootstrap', () => {
  it.each(
    fixture.cases.map((c) => [`${c.dataset} ${c.statistic} ${c.method} ${c.level}`, c] as const),
  )('%s', (_name, c) => {
    const set = fixture.datasets[c.dataset];
    if (!set) throw new Error(`fixture has no dataset ${c.dataset}`);
    const samples =
      c.statistic === 'paired-mean-difference'
        ? [Float64Array.from(set.first ?? []), Float64Array.from(set.second ?? [])]
        : [Float64Array.from(set.data ?? [])];
    const statistic =
      c.statistic === 'median'
        ? (s: readonly Float64Array[]) => median(s[0] as Float64Array)
        : c.statistic === 'mean'
          ? (s: readonly Float64Array[]) => mean(s[0] as Float64Array)
          : (s: readonly Float64Array[]) => mean(s[1] as Float64Array) - mean(s[0] as Float64Array);
    // Rebuild the replicates from scipy's own resample indices.
    const replicates = Float64Array.from(set.indices, (row) =>
      statistic(samples.map((sample) => Float64Array.from(row, (i) => sample[i] as number))),
    );
    const estimate = statistic(samples);
    const jackknifeValues =
      c.statistic === 'mean'
        ? jackknifeMeans(samples[0] as Float64Array)
        : jackknifeStatistic(samples, statistic);
    const interval = intervalFromReplicates(replicates, estimate, {
      method: c.method,
      confidenceLevel: c.level,
      jackknifeValues,
    });
    expectClose(interval.low, c.expected[0], 1e-9, `${c.dataset} low`);
    expectClose(interval.high, c.expected[1], 1e-9, `${c.dataset} high`);
  });
});

describe('seeded bootstrap', () => {
  const data = Array.from({ length: 200 }, (_, i) => Math.sin(i) * 3 + (i % 7));

  it('is reproducible from its seed and changes with it', () => {
    const a = bootstrapMean(data, { seed: 'run-1', nResamples: 2000 });
    const b = bootstrapMean(data, { seed: 'run-1', nResamples: 2000 });
    const c = bootstrapMean(data, { seed: 'run-2', nResamples: 2000 });
    expect([a.low, a.high]).toEqual([b.low, b.high]);
    expect([a.low, a.high]).not.toEqual([c.low, c.high]);
    expect(a.low).toBeLessThan(a.estimate);
    expect(a.high).toBeGreaterThan(a.estimate);
  });

  it('gives the same replicates however the chunks are split between threads', () => {
    const values = Float64Array.from(data);
    const seeds = chunkSeeds(42, 1700);
    const whole = meanReplicates(values, seeds, 1700);
    const parts = [
      meanReplicates(values, seeds, 1700, 0, 2),
      meanReplicates(values, seeds, 1700, 2, seeds.length),
    ];
    expect(Array.from(whole)).toEqual([...parts[0]!, ...parts[1]!]);
  });

  it('draws direct-index and multinomial replicates from the same distribution', () => {
    // Pass/fail data takes the multinomial path; compare its replicate spread with direct indexing.
    const binary = Float64Array.from({ length: 4000 }, (_, i) => (i % 10 < 7 ? 1 : 0));
    const seeds = chunkSeeds(7, 4000);
    const multinomial = meanReplicates(binary, seeds, 4000);
    const direct = new Float64Array(4000);
    for (let chunk = 0; chunk < seeds.length; chunk++)
      meanReplicatesDirect(binary, seeds[chunk]!, 500, direct, chunk * 500);
    const sd = (x: Float64Array) =>
      Math.sqrt(x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1));
    const theory = Math.sqrt((0.7 * 0.3) / 4000);
    for (const replicates of [multinomial, direct]) {
      expect(Math.abs(mean(replicates) - 0.7)).toBeLessThan((5 * theory) / Math.sqrt(4000));
      expect(Math.abs(sd(replicates) / theory - 1)).toBeLessThan(0.06);
    }
  });

  it('collapses to the estimate when every value is equal', () => {
    const all = bootstrapMean([1, 1, 1, 1], { nResamples: 100 });
    expect(all.isDegenerate).toBe(true);
    expect([all.low, all.high]).toEqual([1, 1]);
  });

  it('refuses BCa of a general statistic on huge samples instead of taking minutes', () => {
    const big = [new Float64Array(6000)];
    expect(() =>
      bootstrapStatistic(big, (s) => median(s[0]!), { method: 'bca', nResamples: 10 }),
    ).toThrow(/percentile/);
  });
});
