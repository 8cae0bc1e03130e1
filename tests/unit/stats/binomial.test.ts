import { describe, expect, it } from 'vitest';
import { binomialPmf, binomialTest, sampleBinomial } from '@core/stats/binomial';
import { wilsonInterval } from '@core/stats/proportion';
import { createRandom } from '@core/stats/random';
import { expectClose, loadFixture } from './loadFixture';

interface BinomialFixture {
  tests: Array<{
    k: number;
    n: number;
    p: number;
    twoSided: number;
    less: number;
    greater: number;
  }>;
  wilson: Array<{
    k: number;
    n: number;
    level: number;
    wilson: [number, number];
    wilsoncc: [number, number];
  }>;
  newcombe1998a: Array<{
    k: number;
    n: number;
    wilson: [number, number];
    wilsoncc: [number, number];
  }>;
}

const fixture = loadFixture<BinomialFixture>('binomial.json');

describe('exact binomial test (against scipy.stats.binomtest)', () => {
  it('reproduces two-sided and one-sided p-values to 1e-9', () => {
    for (const t of fixture.tests) {
      const label = `binomtest(${t.k}, ${t.n}, ${t.p})`;
      expectClose(binomialTest(t.k, t.n, t.p), t.twoSided, 1e-9, `${label} two-sided`);
      expectClose(binomialTest(t.k, t.n, t.p, 'less'), t.less, 1e-9, `${label} less`);
      expectClose(binomialTest(t.k, t.n, t.p, 'greater'), t.greater, 1e-9, `${label} greater`);
    }
  });
});

describe('Wilson interval', () => {
  it('reproduces scipy proportion_ci(wilson / wilsoncc) to 1e-12', () => {
    for (const w of fixture.wilson) {
      const plain = wilsonInterval(w.k, w.n, { confidenceLevel: w.level });
      const corrected = wilsonInterval(w.k, w.n, {
        confidenceLevel: w.level,
        continuityCorrection: true,
      });
      const label = `${w.k}/${w.n} at ${w.level}`;
      expectClose(plain.low, w.wilson[0], 1e-12, `${label} low`);
      expectClose(plain.high, w.wilson[1], 1e-12, `${label} high`);
      expectClose(corrected.low, w.wilsoncc[0], 1e-12, `${label} cc low`);
      expectClose(corrected.high, w.wilsoncc[1], 1e-12, `${label} cc high`);
    }
  });

  it('matches the worked examples printed in Newcombe (1998a), Table I', () => {
    for (const w of fixture.newcombe1998a) {
      const plain = wilsonInterval(w.k, w.n);
      const corrected = wilsonInterval(w.k, w.n, { continuityCorrection: true });
      expect(plain.low).toBeCloseTo(w.wilson[0], 4);
      expect(plain.high).toBeCloseTo(w.wilson[1], 4);
      expect(corrected.low).toBeCloseTo(w.wilsoncc[0], 4);
      expect(corrected.high).toBeCloseTo(w.wilsoncc[1], 4);
    }
  });

  it('has no interval without trials', () => {
    const w = wilsonInterval(0, 0);
    expect(w.estimate).toBeNaN();
    expect([w.low, w.high]).toEqual([0, 1]);
  });
});

describe('binomial sampler', () => {
  it('draws from the exact distribution (chi-square against the pmf, inversion and BTPE)', () => {
    for (const [n, p] of [
      [20, 0.3],
      [1000, 0.2],
      [100000, 0.45],
      [500, 0.93],
    ] as const) {
      const random = createRandom(`binomial-${n}-${p}`);
      const draws = 20000;
      const counts = new Map<number, number>();
      let total = 0;
      for (let i = 0; i < draws; i++) {
        const x = sampleBinomial(random, n, p);
        total += x;
        counts.set(x, (counts.get(x) ?? 0) + 1);
      }
      const meanDraw = total / draws;
      const sd = Math.sqrt(n * p * (1 - p));
      // The sample mean is within 5 standard errors of n·p.
      expect(Math.abs(meanDraw - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws));
      // Chi-square over bins with expected count ≥ 20: the statistic stays near its df.
      let chi = 0;
      let bins = 0;
      for (let k = 0; k <= n; k++) {
        const expected = draws * binomialPmf(k, n, p);
        if (expected < 20) continue;
        bins++;
        chi += ((counts.get(k) ?? 0) - expected) ** 2 / expected;
      }
      expect(bins).toBeGreaterThan(3);
      expect(chi / bins).toBeLessThan(2);
    }
  });
});
