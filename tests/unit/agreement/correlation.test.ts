import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapRankCorrelation, kendallTauB, spearman } from '@core/agreement/correlation';
import { averageRanks } from '@core/agreement/ranks';

/** τ-b by counting every pair: the definition, O(n²). */
function bruteForceTauB(x: number[], y: number[]): number {
  let concordant = 0;
  let discordant = 0;
  let xTies = 0;
  let yTies = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign((x[i] as number) - (x[j] as number));
      const dy = Math.sign((y[i] as number) - (y[j] as number));
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) xTies++;
      else if (dy === 0) yTies++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  return (
    (concordant - discordant) /
    Math.sqrt((concordant + discordant + xTies) * (concordant + discordant + yTies))
  );
}

describe('rank correlations', () => {
  it("Knight's O(n log n) tau-b equals the pair-counting definition, ties included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 3,
          maxLength: 60,
        }),
        (pairs) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const expected = bruteForceTauB(x, y);
          const actual = kendallTauB(x, y).estimate;
          if (Number.isNaN(expected)) return Number.isNaN(actual);
          return Math.abs(actual - expected) < 1e-12;
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('average ranks for ties, as scipy.stats.rankdata', () => {
    expect(Array.from(averageRanks([10, 20, 20, 5, 20]))).toEqual([2, 4, 4, 1, 4]);
  });

  it('Spearman intervals: Bonett–Wright is wider than Fisher, Fieller in between at moderate rho', () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    const y = x.map((v) => v + ((v * 7919) % 13) - 6);
    const bw = spearman(x, y, { variance: 'bonett-wright' }).interval;
    const fieller = spearman(x, y, { variance: 'fieller' }).interval;
    const fisher = spearman(x, y, { variance: 'fisher' }).interval;
    expect(bw.high - bw.low).toBeGreaterThan(fisher.high - fisher.low);
    expect(fieller.high - fieller.low).toBeGreaterThan(fisher.high - fisher.low);
    expect(bw.method).toBe('fisher-z (bonett-wright)');
    // The interval is tanh(atanh(r) ± 1.96·√((1 + r²/2)/(n − 3))).
    const r = bw.estimate;
    const half = 1.959963984540054 * Math.sqrt((1 + (r * r) / 2) / 37);
    expect(bw.low).toBeCloseTo(Math.tanh(Math.atanh(r) - half), 12);
    expect(bw.high).toBeCloseTo(Math.tanh(Math.atanh(r) + half), 12);
  });

  it("Kendall's interval uses Fieller's 0.437/(n − 4) on Fisher's z", () => {
    const x = Array.from({ length: 30 }, (_, i) => i);
    const y = x.map((v) => (v * 17) % 31);
    const result = kendallTauB(x, y);
    const half = 1.959963984540054 * Math.sqrt(0.437 / 26);
    expect(result.interval.low).toBeCloseTo(Math.tanh(Math.atanh(result.estimate) - half), 12);
  });

  it('drops missing pairs and gives a seeded bootstrap alternative', () => {
    const x = [1, 2, null, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const y = [2, 1, 3, null, 5, 7, 6, 8, 10, 9, 12, 11];
    expect(spearman(x, y).n).toBe(10);
    const boot = bootstrapRankCorrelation(x, y, 'kendall', { resamples: 300, seed: 1 });
    expect(boot.estimate).toBeCloseTo(kendallTauB(x, y).estimate, 12);
    expect(boot.low).toBeLessThanOrEqual(boot.estimate);
    expect(boot.high).toBeGreaterThanOrEqual(boot.estimate);
    expect(bootstrapRankCorrelation(x, y, 'kendall', { resamples: 300, seed: 1 })).toEqual(boot);
  });
});
