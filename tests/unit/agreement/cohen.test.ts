import { describe, expect, it } from 'vitest';
import { bootstrapCohensKappa, cohensKappa } from '@core/agreement/cohen';

/** Expands a k×k table of counts into two raters' ratings. */
function fromTable(table: number[][]): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) {
        a.push(i);
        b.push(j);
      }
    }),
  );
  return { a, b };
}

// The SAS PROC FREQ example that statsmodels' test_inter_rater.py checks against (printed to 4 decimals).
const sasTable = [
  [0, 4, 1],
  [0, 8, 0],
  [0, 1, 5],
];

describe("Cohen's kappa", () => {
  it('reproduces the SAS simple kappa: 0.4842, ASE 0.1380, 95% CI [0.2137, 0.7547], H0 ASE 0.1484, Z 3.2626', () => {
    const { a, b } = fromTable(sasTable);
    const result = cohensKappa(a, b, { categories: [0, 1, 2] });
    expect(result.kappa).toBeCloseTo(0.4842, 4);
    expect(result.standardError).toBeCloseTo(0.138, 4);
    expect(result.interval.low).toBeCloseTo(0.2137, 4);
    expect(result.interval.high).toBeCloseTo(0.7547, 4);
    expect(result.test.standardErrorNull).toBeCloseTo(0.1484, 4);
    expect(result.test.z).toBeCloseTo(3.2626, 4);
    expect(result.test.pValue).toBeCloseTo(0.0011, 4);
    expect(result.table).toEqual(sasTable);
  });

  it('reproduces the SAS weighted kappa (linear weights): 0.4701, ASE 0.1457, CI [0.1845, 0.7558], Z 3.2971', () => {
    const { a, b } = fromTable(sasTable);
    const result = cohensKappa(a, b, { categories: [0, 1, 2], weighting: 'linear' });
    expect(result.kappa).toBeCloseTo(0.4701, 4);
    expect(result.standardError).toBeCloseTo(0.1457, 4);
    expect(result.interval.low).toBeCloseTo(0.1845, 4);
    expect(result.interval.high).toBeCloseTo(0.7558, 4);
    expect(result.test.standardErrorNull).toBeCloseTo(0.1426, 4);
    expect(result.test.z).toBeCloseTo(3.2971, 4);
  });

  it('is 1 for perfect agreement and drops pairs with a missing rating', () => {
    const result = cohensKappa([1, 2, 3, null, 2], [1, 2, 3, 1, null]);
    expect(result.kappa).toBe(1);
    expect(result.n).toBe(3);
  });

  it('weights by position on the full scale when categories are given (an unused middle point counts)', () => {
    const a = [1, 1, 2, 4, 4, 4, 2, 1, 2];
    const b = [2, 1, 4, 4, 2, 1, 2, 2, 2];
    const observedOnly = cohensKappa(a, b, { weighting: 'quadratic' });
    const fullScale = cohensKappa(a, b, { weighting: 'quadratic', categories: [1, 2, 3, 4] });
    expect(observedOnly.categories).toEqual([1, 2, 4]);
    // Values from generate.py's cohen_kappa (numpy) on the same data.
    expect(observedOnly.kappa).toBeCloseTo(0.2, 12);
    expect(fullScale.kappa).toBeCloseTo(0.19718309859154914, 12);
  });

  it('refuses ratings outside the given categories and unequal lengths', () => {
    expect(() => cohensKappa([1, 9], [1, 1], { categories: [1, 2] })).toThrow(
      /not one of the categories/,
    );
    expect(() => cohensKappa([1, 2], [1])).toThrow(/differ in length/);
  });

  it('bootstrap interval: seeded, reproducible, around the estimate', () => {
    const { a, b } = fromTable(sasTable.map((row) => row.map((c) => c * 5)));
    const first = bootstrapCohensKappa(a, b, { resamples: 500, seed: 7 });
    const again = bootstrapCohensKappa(a, b, { resamples: 500, seed: 7 });
    const other = bootstrapCohensKappa(a, b, { resamples: 500, seed: 8 });
    expect(again).toEqual(first);
    expect(other.low).not.toBe(first.low);
    expect(first.low).toBeLessThan(first.estimate);
    expect(first.high).toBeGreaterThan(first.estimate);
    expect(first.validResamples).toBe(500);
    // With 95 units the percentile interval is close to the asymptotic one.
    const asymptotic = cohensKappa(a, b).interval;
    expect(Math.abs(first.low - asymptotic.low)).toBeLessThan(0.06);
    expect(Math.abs(first.high - asymptotic.high)).toBeLessThan(0.06);
  });
});
