import { describe, expect, it } from 'vitest';
import { breakdown, regressionsAndImprovements, smallSampleWarning } from '@core/stats/breakdown';
import { quantile } from '@core/stats/descriptive';
import {
  bootstrapQuantiles,
  latencySummary,
  operationalSummary,
  type ResponseTiming,
} from '@core/stats/latency';
import { meanPassAtK, passAtK } from '@core/stats/passAtK';
import { promptSensitivity, repeatVariance } from '@core/stats/sensitivity';
import { expectClose, loadFixture } from './loadFixture';

describe('pass@k (unbiased estimator, Chen et al. 2021)', () => {
  it('reproduces exact binomial-coefficient values', () => {
    for (const c of loadFixture<{
      cases: Array<{ n: number; c: number; k: number; expected: number }>;
    }>('passatk.json').cases) {
      expectClose(passAtK(c.n, c.c, c.k), c.expected, 1e-12, `pass@${c.k} n=${c.n} c=${c.c}`);
    }
  });

  it('averages over items and refuses impossible inputs', () => {
    expect(
      meanPassAtK(
        [
          { n: 10, c: 3 },
          { n: 10, c: 0 },
        ],
        1,
      ),
    ).toBeCloseTo(0.15, 12);
    expect(meanPassAtK([{ n: 1, c: 1 }], 2)).toBeNull();
    expect(() => passAtK(5, 6, 1)).toThrow(/0 ≤ c ≤ n/);
  });
});

function timing(latencyMs: number, extra: Partial<ResponseTiming> = {}): ResponseTiming {
  return {
    latencyMs,
    tokensPerSecond: 40,
    costUsd: 0.002,
    isCached: false,
    isColdStart: false,
    isError: false,
    startedAtMs: 0,
    endedAtMs: latencyMs,
    ...extra,
  };
}

describe('latency and operational statistics', () => {
  const latencies = Array.from({ length: 400 }, (_, i) => 100 + ((i * 37) % 400));

  it('reports type-7 percentiles with bootstrap intervals that contain them', () => {
    const [p50, p95] = bootstrapQuantiles(latencies, [0.5, 0.95], { seed: 1, nResamples: 500 });
    expect(p50!.estimate).toBe(quantile(latencies, 0.5));
    expect(p95!.estimate).toBe(quantile(latencies, 0.95));
    expect(p50!.low).toBeLessThanOrEqual(p50!.estimate);
    expect(p95!.high).toBeGreaterThanOrEqual(p95!.estimate);
    expect(bootstrapQuantiles(latencies, [0.5], { seed: 1, nResamples: 500 })).toEqual(
      bootstrapQuantiles(latencies, [0.5], { seed: 1, nResamples: 500 }),
    );
  });

  it('excludes cached and cold-start responses from latency by default', () => {
    const responses = [
      timing(5000, { isColdStart: true }),
      timing(1, { isCached: true }),
      ...latencies.map((l) => timing(l)),
      timing(0, { isError: true, latencyMs: null }),
    ];
    const summary = latencySummary(responses, { nResamples: 200 });
    expect(summary).toMatchObject({ n: 400, excludedCached: 1, excludedColdStart: 1 });
    expect(
      latencySummary(responses, { nResamples: 200, includeColdStart: true }).p99.estimate,
    ).toBeGreaterThan(summary.p99.estimate);
  });

  it('counts cached answers as excluded even though they are stored without a latency', () => {
    // The engine stores a cache hit with latency_ms NULL: it was not timed, it was not sent.
    const responses = [
      ...latencies.map((l) => timing(l)),
      timing(0, { isCached: true, latencyMs: null }),
      timing(0, { isCached: true, latencyMs: null }),
    ];
    expect(latencySummary(responses, { nResamples: 200 })).toMatchObject({
      n: 400,
      excludedCached: 2,
      excludedColdStart: 0,
    });
  });

  it('computes error rate, throughput, tokens/s and cost per successful task', () => {
    const responses = [
      timing(100, { startedAtMs: 0, endedAtMs: 1000 }),
      timing(100, { startedAtMs: 500, endedAtMs: 2000 }),
      timing(0, { isError: true, latencyMs: null, costUsd: 0, startedAtMs: 1000, endedAtMs: 1500 }),
    ];
    const ops = operationalSummary(responses, [true, false, false], { nResamples: 300 });
    expect(ops.errorRate.estimate).toBeCloseTo(1 / 3, 12);
    expect(ops.throughputPerSecond).toBeCloseTo(1, 12);
    expect(ops.totalCostUsd).toBeCloseTo(0.004, 12);
    expect(ops.costPerSuccessUsd!.estimate).toBeCloseTo(0.004, 12);
    expect(ops.tokensPerSecond!.estimate).toBe(40);
  });

  it('has no cost per successful task when an answered cell is unpriced (unknown, not free)', () => {
    const priced = timing(100, { costUsd: 0.002 });
    const unpriced = timing(100, { costUsd: null });
    const failed = timing(0, { isError: true, latencyMs: null, costUsd: null });
    expect(operationalSummary([priced, unpriced], [true, true]).costPerSuccessUsd).toBeNull();
    // An error without a price does not make the others unknown.
    const ops = operationalSummary([priced, failed], [true, false], { nResamples: 300 });
    expect(ops.costPerSuccessUsd!.estimate).toBeCloseTo(0.002, 12);
  });
});

describe('breakdowns, regressions and sensitivity', () => {
  const units = Array.from({ length: 80 }, (_, i) => ({
    itemKey: `i${i}`,
    category: i < 70 ? 'common' : 'rare',
    tags: i % 2 ? ['odd'] : [],
    value: i % 3 ? 1 : 0,
    isPass: i % 3 !== 0,
  }));

  it('estimates each group and warns on small ones', () => {
    const groups = breakdown(units, 'category', true, { seed: 1 });
    expect(groups.map((g) => [g.group, g.n])).toEqual([
      ['common', 70],
      ['rare', 10],
    ]);
    expect(groups[0]!.warning).toBeNull();
    expect(groups[1]!.warning).toMatch(/wide/);
    expect(smallSampleWarning(4)).toMatch(/too few/);
    expect(breakdown(units, 'tag', true).map((g) => g.group)).toEqual(['(untagged)', 'odd']);
  });

  it('lists items the candidate newly fails and newly passes', () => {
    const pairs = [
      {
        itemKey: 'a',
        baseline: { ...units[1]!, isPass: true },
        candidate: { ...units[1]!, isPass: false },
      },
      {
        itemKey: 'b',
        baseline: { ...units[1]!, isPass: false },
        candidate: { ...units[1]!, isPass: true },
      },
      {
        itemKey: 'c',
        baseline: { ...units[1]!, isPass: true },
        candidate: { ...units[1]!, isPass: true },
      },
    ];
    const { regressions, improvements } = regressionsAndImprovements(pairs);
    expect(regressions.map((r) => r.itemKey)).toEqual(['a']);
    expect(improvements.map((r) => r.itemKey)).toEqual(['b']);
  });

  it('separates prompt sensitivity from repeat noise', () => {
    const obs = [
      { itemKey: 'x', promptKey: 'p1', repeat: 0, value: 1 },
      { itemKey: 'x', promptKey: 'p1', repeat: 1, value: 1 },
      { itemKey: 'x', promptKey: 'p2', repeat: 0, value: 0 },
      { itemKey: 'x', promptKey: 'p2', repeat: 1, value: 0 },
      { itemKey: 'y', promptKey: 'p1', repeat: 0, value: 1 },
      { itemKey: 'y', promptKey: 'p1', repeat: 1, value: 0 },
      { itemKey: 'y', promptKey: 'p2', repeat: 0, value: 1 },
      { itemKey: 'y', promptKey: 'p2', repeat: 1, value: 1 },
    ];
    const prompts = promptSensitivity(obs);
    expect(prompts.perPrompt).toEqual([
      { promptKey: 'p1', n: 4, mean: 0.75 },
      { promptKey: 'p2', n: 4, mean: 0.5 },
    ]);
    expect(prompts.range).toBe(0.25);
    expect(prompts.itemsChangedByPrompt).toBe(1);
    const repeats = repeatVariance(obs);
    expect(repeats).toMatchObject({ cells: 4, unstableShare: 0.25, meanWithinVariance: 0.125 });
  });
});
