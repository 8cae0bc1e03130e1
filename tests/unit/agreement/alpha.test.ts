import { describe, expect, it } from 'vitest';
import { bootstrapKrippendorffAlpha, krippendorffAlpha } from '@core/agreement/krippendorff';
import { bootstrapFleissKappa, fleissKappa, fleissKappaFromCounts } from '@core/agreement/fleiss';
import { codeLabels, CodingError, naturalLabelOrder } from '@core/agreement/coding';
import { agreementReport } from '@core/agreement/report';
import type { RatingMatrix } from '@core/agreement/types';

describe("Krippendorff's alpha edge cases", () => {
  it('is 1 for perfect agreement, NaN without any variation, and ignores units with one rating', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [2, 2],
          [3, null],
        ],
        'nominal',
      ).alpha,
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [1, 1],
        ],
        'interval',
      ).alpha,
    ).toBeNaN();
    expect(
      krippendorffAlpha(
        [
          [1, 2],
          [3, null],
        ],
        'nominal',
      ).pairableUnits,
    ).toBe(1);
  });

  it('two raters, nominal, no missing: equals Scott-type expected agreement with the small-sample correction', () => {
    // α = 1 − (n − 1)·D_o/D_e; for two coders and nominal data α ≈ Scott's π with (n − 1)/n.
    const rows = [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 1],
      [2, 2],
      [2, 0],
    ];
    const alpha = krippendorffAlpha(rows, 'nominal');
    const n = 12;
    const pairsDisagree = 2 * 2; // two disagreeing units, each contributing o_ck + o_kc
    const expectedSum = (() => {
      const counts = [4, 5, 3]; // how often 0, 1 and 2 occur
      let s = 0;
      for (let c = 0; c < 3; c++)
        for (let k = 0; k < 3; k++) if (c !== k) s += (counts[c] as number) * (counts[k] as number);
      return s;
    })();
    expect(alpha.alpha).toBeCloseTo(1 - ((n - 1) * pairsDisagree) / expectedSum, 12);
  });

  it('bootstrap interval over units is seeded and contains the estimate', () => {
    const rows = Array.from({ length: 80 }, (_, u) => [
      u % 4,
      u % 4,
      (u * 7) % 5 === 0 ? (u + 1) % 4 : u % 4,
      null,
    ]);
    const interval = bootstrapKrippendorffAlpha(rows, 'nominal', { resamples: 400, seed: 'x' });
    expect(interval.estimate).toBeCloseTo(krippendorffAlpha(rows, 'nominal').alpha, 12);
    expect(interval.low).toBeLessThan(interval.estimate);
    expect(interval.high).toBeGreaterThanOrEqual(interval.estimate);
    expect(bootstrapKrippendorffAlpha(rows, 'nominal', { resamples: 400, seed: 'x' })).toEqual(
      interval,
    );
  });
});

describe("Fleiss' kappa", () => {
  it('from counts equals from ratings; a bootstrap interval brackets it', () => {
    const rows = [
      [1, 1, 2],
      [2, 2, 2],
      [1, 2, 3],
      [3, 3, 3],
      [1, 1, 1],
      [2, 3, 3],
    ];
    const counts = [
      [2, 1, 0],
      [0, 3, 0],
      [1, 1, 1],
      [0, 0, 3],
      [3, 0, 0],
      [0, 1, 2],
    ];
    expect(fleissKappa(rows).kappa).toBeCloseTo(fleissKappaFromCounts(counts).kappa, 12);
    const interval = bootstrapFleissKappa(rows, { resamples: 300 });
    expect(interval.low).toBeLessThan(interval.estimate);
  });
});

describe('coding labels', () => {
  it('orders numeric labels numerically, then text', () => {
    expect(naturalLabelOrder(['10', '9', 'b', 'a', '1.5'])).toEqual(['1.5', '9', '10', 'a', 'b']);
  });
  it('needs a scale for ordinal text and numbers for interval data', () => {
    expect(() => codeLabels(['good', 'bad'], 'ordinal')).toThrow(CodingError);
    expect(() => codeLabels(['good', 'bad'], 'interval')).toThrow(/numeric labels/);
    expect(() => codeLabels(['good', 'meh'], 'ordinal', ['bad', 'good'])).toThrow(
      /not on the scale/,
    );
    expect(codeLabels(['good', 'bad'], 'ordinal', ['bad', 'ok', 'good']).values).toEqual([0, 1, 2]);
    expect(codeLabels(['2.5', '1'], 'interval').values).toEqual([1, 2.5]);
  });
});

describe('agreement report', () => {
  it('puts the statistics, rater pairs, diagnostics and disagreements together', () => {
    const coding = codeLabels(['1', '2', '3'], 'ordinal');
    const values = Array.from({ length: 30 }, (_, u) => [
      u % 3,
      u % 3,
      u % 5 === 0 ? (u + 1) % 3 : u % 3,
    ]);
    const matrix: RatingMatrix = {
      unitIds: values.map((_, i) => `item-${i}`),
      raterIds: ['a', 'b', 'c'],
      values,
    };
    const report = agreementReport(matrix, coding, { bootstrap: { resamples: 200 }, top: 3 });
    expect(report.units).toBe(30);
    expect(report.ratings).toBe(90);
    expect(report.pairs).toHaveLength(3);
    expect(report.pairs[0]?.cohen.kappa).toBe(1);
    expect(report.pairs[0]?.cohen.weighting).toBe('quadratic');
    expect(report.pairs[1]?.spearman).not.toBeNull();
    expect(report.fleiss?.kappa).toBeGreaterThan(0.5);
    expect(report.mostDisagreed).toHaveLength(3);
    const labels = report.mostDisagreed[0]?.ratings.map((r) => r.label) ?? [];
    expect(new Set(labels).size).toBeGreaterThan(1);
    expect(labels.every((l) => ['1', '2', '3'].includes(l))).toBe(true);
    expect(report.raterDiagnostics[2]?.bias.meanOffset).not.toBeNull();
  });
});
