/** The agreement statistics' public API (see README.md and docs/agreement.md). */
export type { IntervalEstimate, MeasurementLevel, Rating, RatingMatrix } from './types';
export { measurementLevels } from './types';
export {
  buildRatingMatrix,
  codeLabels,
  CodingError,
  labelOf,
  valueOf,
  type LabelCoding,
} from './coding';
export type { BootstrapInterval, BootstrapOptions } from './bootstrap';
export { bootstrapCohensKappa, cohensKappa, type CohenKappa, type KappaWeighting } from './cohen';
export {
  bootstrapFleissKappa,
  fleissKappa,
  fleissKappaFromCounts,
  type FleissKappa,
} from './fleiss';
export {
  bootstrapKrippendorffAlpha,
  krippendorffAlpha,
  type KrippendorffAlpha,
} from './krippendorff';
export {
  bootstrapRankCorrelation,
  kendallTauB,
  spearman,
  type Correlation,
  type SpearmanVariance,
} from './correlation';
export {
  agreementRate,
  confusionMatrix,
  pairwiseAgreement,
  type AgreementRate,
  type ConfusionMatrix,
} from './confusion';
export { raterBias, raterDrift, type RaterBias, type RaterDrift } from './raters';
export { rankUnitsByDisagreement, type UnitDisagreement } from './disagreement';
export { agreementReport, type AgreementReport, type AgreementReportOptions } from './report';
