/**
 * Reference values: published worked examples, and tests/fixtures/agreement/reference.json
 * made by generate.py (an independent numpy implementation of each formula, and scipy).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cohensKappa, type KappaWeighting } from '@core/agreement/cohen';
import { kendallTauB, spearman } from '@core/agreement/correlation';
import { chiSquareSurvival, studentTCdf, studentTQuantile } from '@core/agreement/distributions';
import { fleissKappa } from '@core/agreement/fleiss';
import { krippendorffAlpha } from '@core/agreement/krippendorff';
import type { MeasurementLevel, Rating } from '@core/agreement/types';
import { repoRoot } from '../../support/core';

interface PairReference {
  raters: [number, number];
  cohen_none: number;
  cohen_linear: number;
  cohen_quadratic: number;
  n: number;
  spearman: number;
  spearmanP: number;
  kendall: number;
  kendallP: number;
}

interface Reference {
  krippendorff2011: {
    rows: Rating[][];
    printed: Record<MeasurementLevel, number>;
    alpha: Record<MeasurementLevel, number>;
  };
  fleiss1971: {
    rows: number[][];
    kappa: number;
    z: number;
    printed: number;
    irr: { kappa: number; z: number };
  };
  syntheticOrdinal: {
    rows: Rating[][];
    alpha: Record<MeasurementLevel, number>;
    fleiss: { kappa: number; observedAgreement: number; expectedAgreement: number };
    pairs: PairReference[];
  };
  syntheticContinuous: {
    x: number[];
    y: number[];
    spearman: number;
    spearmanP: number;
    kendall: number;
    kendallP: number;
  };
  distributions: {
    t: { t: number; df: number; cdf: number }[];
    tQuantile: { p: number; df: number; q: number }[];
    chi2: { x: number; df: number; sf: number }[];
  };
}

const reference = JSON.parse(
  readFileSync(join(repoRoot, 'tests/fixtures/agreement/reference.json'), 'utf8'),
) as Reference;

const tolerance = 1e-6;
const column = (rows: readonly Rating[][], r: number) => rows.map((row) => row[r] ?? null);

describe("Krippendorff's alpha", () => {
  const example = reference.krippendorff2011;
  it.each(['nominal', 'ordinal', 'interval', 'ratio'] as const)(
    'reproduces the worked example of Krippendorff (2011) at the %s level',
    (level) => {
      const alpha = krippendorffAlpha(example.rows, level).alpha;
      expect(Math.abs(alpha - example.printed[level])).toBeLessThan(0.0005);
      expect(Math.abs(alpha - example.alpha[level])).toBeLessThan(tolerance);
    },
  );

  it('counts pairable values as the paper does (n = 40 of 41 values; unit 12 has one)', () => {
    const result = krippendorffAlpha(example.rows, 'nominal');
    expect(result.pairableValues).toBe(40);
    expect(result.pairableUnits).toBe(11);
  });

  it.each(['nominal', 'ordinal', 'interval', 'ratio'] as const)(
    'matches numpy on seeded ordinal data with missing values (%s)',
    (level) => {
      const data = reference.syntheticOrdinal;
      expect(Math.abs(krippendorffAlpha(data.rows, level).alpha - data.alpha[level])).toBeLessThan(
        tolerance,
      );
    },
  );
});

describe("Fleiss' kappa", () => {
  it('reproduces Fleiss (1971): 30 subjects, 6 raters, 5 diagnoses', () => {
    const example = reference.fleiss1971;
    const result = fleissKappa(example.rows);
    expect(Math.abs(result.kappa - example.printed)).toBeLessThan(0.0005);
    expect(Math.abs(result.kappa - example.irr.kappa)).toBeLessThan(1e-7);
    expect(Math.abs(result.kappa - example.kappa)).toBeLessThan(tolerance);
    // Fleiss, Nee & Landis (1979) z as irr::kappam.fleiss prints it (7 significant digits).
    expect(Math.abs((result.test?.z ?? 0) - example.irr.z)).toBeLessThan(1e-5);
    expect(result.ratersPerUnit).toBe(6);
  });

  it('matches numpy on data with missing ratings (Gwet generalisation)', () => {
    const data = reference.syntheticOrdinal;
    const result = fleissKappa(data.rows, [1, 2, 3, 4, 5]);
    expect(Math.abs(result.kappa - data.fleiss.kappa)).toBeLessThan(tolerance);
    expect(Math.abs(result.observedAgreement - data.fleiss.observedAgreement)).toBeLessThan(
      tolerance,
    );
    expect(Math.abs(result.expectedAgreement - data.fleiss.expectedAgreement)).toBeLessThan(
      tolerance,
    );
    expect(result.ratersPerUnit).toBeNull();
    expect(result.test).toBeNull();
  });
});

describe("Cohen's kappa and rank correlations on seeded data", () => {
  const data = reference.syntheticOrdinal;
  it.each(data.pairs.map((p) => [p.raters.join('-'), p] as const))('rater pair %s', (_, pair) => {
    const a = column(data.rows, pair.raters[0]);
    const b = column(data.rows, pair.raters[1]);
    for (const weighting of ['none', 'linear', 'quadratic'] as KappaWeighting[]) {
      const kappa = cohensKappa(a, b, { weighting, categories: [1, 2, 3, 4, 5] }).kappa;
      expect(Math.abs(kappa - pair[`cohen_${weighting}`])).toBeLessThan(tolerance);
    }
    const rho = spearman(a, b);
    const tau = kendallTauB(a, b);
    expect(rho.n).toBe(pair.n);
    expect(Math.abs(rho.estimate - pair.spearman)).toBeLessThan(tolerance);
    expect(Math.abs(rho.pValue - pair.spearmanP)).toBeLessThan(tolerance);
    expect(Math.abs(tau.estimate - pair.kendall)).toBeLessThan(tolerance);
    expect(Math.abs(tau.pValue - pair.kendallP)).toBeLessThan(tolerance);
  });

  it('continuous scores without ties', () => {
    const c = reference.syntheticContinuous;
    expect(Math.abs(spearman(c.x, c.y).estimate - c.spearman)).toBeLessThan(tolerance);
    expect(Math.abs(spearman(c.x, c.y).pValue - c.spearmanP)).toBeLessThan(1e-9);
    expect(Math.abs(kendallTauB(c.x, c.y).estimate - c.kendall)).toBeLessThan(tolerance);
    expect(Math.abs(kendallTauB(c.x, c.y).pValue - c.kendallP)).toBeLessThan(1e-9);
  });
});

describe('distributions against scipy.stats', () => {
  it.each(reference.distributions.t)('t cdf at $t with $df df', ({ t, df, cdf }) => {
    expect(Math.abs(studentTCdf(t, df) - cdf)).toBeLessThan(1e-10);
  });
  it.each(reference.distributions.tQuantile)('t quantile $p with $df df', ({ p, df, q }) => {
    expect(Math.abs(studentTQuantile(p, df) - q)).toBeLessThan(1e-8);
  });
  it.each(reference.distributions.chi2)(
    'chi-square survival at $x with $df df',
    ({ x, df, sf }) => {
      expect(Math.abs(chiSquareSurvival(x, df) - sf)).toBeLessThan(1e-10);
    },
  );
});
