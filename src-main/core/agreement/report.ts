/**
 * Everything the agreement screen and `yardstick agreement` show for one set of ratings:
 * Krippendorff's α and Fleiss' κ with bootstrap intervals, each pair of raters (agreement
 * rate, Cohen's κ, rank correlations for ordered scales), per-rater bias and drift, and the
 * units with the most disagreement. Values are reported as labels (via the coding).
 */
import type { BootstrapInterval, BootstrapOptions } from './bootstrap';
import { labelOf, type LabelCoding } from './coding';
import { cohensKappa, type KappaWeighting } from './cohen';
import { agreementRate, pairwiseAgreement, type AgreementRate } from './confusion';
import { kendallTauB, spearman, type Correlation } from './correlation';
import { rankUnitsByDisagreement } from './disagreement';
import { bootstrapFleissKappa, fleissKappa } from './fleiss';
import { bootstrapKrippendorffAlpha, krippendorffAlpha } from './krippendorff';
import { raterBias, raterDrift, type RaterBias, type RaterDrift } from './raters';
import type { IntervalEstimate, MeasurementLevel, RatingMatrix } from './types';

export interface AgreementReportOptions {
  confidenceLevel?: number;
  bootstrap?: BootstrapOptions;
  /** Cohen's κ weights; default none for nominal data, quadratic otherwise. */
  weighting?: KappaWeighting;
  /** How many of the most disagreed units to list (default 20). */
  top?: number;
  /** Windows for the drift analysis (default 4). */
  driftWindows?: number;
}

export interface RaterPairReport {
  raters: [string, string];
  n: number;
  agreement: AgreementRate;
  cohen: { kappa: number; weighting: KappaWeighting; interval: IntervalEstimate };
  spearman: Correlation | null;
  kendall: Correlation | null;
}

export interface AgreementReport {
  level: MeasurementLevel;
  labels: string[];
  units: number;
  raters: string[];
  ratings: number;
  krippendorff: {
    alpha: number;
    observedDisagreement: number;
    expectedDisagreement: number;
    pairableUnits: number;
    pairableValues: number;
    interval: BootstrapInterval;
  };
  /** For nominal and ordinal data (categories treated as unordered). */
  fleiss: {
    kappa: number;
    observedAgreement: number;
    expectedAgreement: number;
    units: number;
    ratersPerUnit: number | null;
    test: { standardErrorNull: number; z: number; pValue: number } | null;
    interval: BootstrapInterval;
  } | null;
  /** Share of equal pairs of ratings within units. */
  pairwiseAgreement: { estimate: number; pairs: number };
  pairs: RaterPairReport[];
  raterDiagnostics: { bias: RaterBias; drift: RaterDrift }[];
  mostDisagreed: {
    unitId: string;
    disagreement: number;
    ratings: { raterId: string; label: string }[];
  }[];
}

function column(matrix: RatingMatrix, r: number) {
  return matrix.values.map((row) => row[r] ?? null);
}

function raterPairs(
  matrix: RatingMatrix,
  level: MeasurementLevel,
  weighting: KappaWeighting,
  confidenceLevel: number,
): RaterPairReport[] {
  const pairs: RaterPairReport[] = [];
  for (let a = 0; a < matrix.raterIds.length; a++) {
    for (let b = a + 1; b < matrix.raterIds.length; b++) {
      const first = column(matrix, a);
      const second = column(matrix, b);
      const agreement = agreementRate(first, second, confidenceLevel);
      if (agreement.total < 2) continue;
      const kappa = cohensKappa(first, second, { weighting, confidenceLevel });
      const ordered = level !== 'nominal';
      pairs.push({
        raters: [matrix.raterIds[a] as string, matrix.raterIds[b] as string],
        n: agreement.total,
        agreement,
        cohen: { kappa: kappa.kappa, weighting, interval: kappa.interval },
        spearman: ordered ? spearman(first, second, { confidenceLevel }) : null,
        kendall: ordered ? kendallTauB(first, second, { confidenceLevel }) : null,
      });
    }
  }
  return pairs;
}

export function agreementReport(
  matrix: RatingMatrix,
  coding: LabelCoding,
  options: AgreementReportOptions = {},
): AgreementReport {
  const level = coding.level;
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const bootstrap = { ...options.bootstrap, confidenceLevel };
  const weighting = options.weighting ?? (level === 'nominal' ? 'none' : 'quadratic');
  const alpha = krippendorffAlpha(matrix.values, level);
  const categorical = level === 'nominal' || level === 'ordinal';
  let fleiss: AgreementReport['fleiss'] = null;
  if (categorical) {
    const kappa = fleissKappa(matrix.values, coding.values);
    fleiss = {
      kappa: kappa.kappa,
      observedAgreement: kappa.observedAgreement,
      expectedAgreement: kappa.expectedAgreement,
      units: kappa.units,
      ratersPerUnit: kappa.ratersPerUnit,
      test: kappa.test,
      interval: bootstrapFleissKappa(matrix.values, { ...bootstrap, categories: coding.values }),
    };
  }
  const bias = raterBias(matrix, level, confidenceLevel);
  const drift = raterDrift(matrix, level, { windows: options.driftWindows ?? 4 });
  return {
    level,
    labels: coding.labels,
    units: matrix.unitIds.length,
    raters: [...matrix.raterIds],
    ratings: matrix.values.reduce((n, row) => n + row.filter((v) => v !== null).length, 0),
    krippendorff: {
      alpha: alpha.alpha,
      observedDisagreement: alpha.observedDisagreement,
      expectedDisagreement: alpha.expectedDisagreement,
      pairableUnits: alpha.pairableUnits,
      pairableValues: alpha.pairableValues,
      interval: bootstrapKrippendorffAlpha(matrix.values, level, bootstrap),
    },
    fleiss,
    pairwiseAgreement: pairwiseAgreement(matrix.values),
    pairs: raterPairs(matrix, level, weighting, confidenceLevel),
    raterDiagnostics: bias.map((b, r) => ({ bias: b, drift: drift[r] as RaterDrift })),
    mostDisagreed: rankUnitsByDisagreement(matrix, level, { top: options.top ?? 20 })
      .filter((unit) => unit.disagreement > 0)
      .map((unit) => ({
        unitId: unit.unitId,
        disagreement: unit.disagreement,
        ratings: unit.values.map(({ raterId, value }) => ({
          raterId,
          label: labelOf(coding, value),
        })),
      })),
  };
}
