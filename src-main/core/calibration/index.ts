/** Judge calibration's public API (see README.md and docs/calibration.md). */
export { humanConsensus, type Consensus, type ConsensusMethod } from './consensus';
export {
  compareJudgeWithHumans,
  type CalibrationItem,
  type Disagreement,
  type JudgeHumanComparison,
} from './judgeVsHuman';
export { parsePairwiseVerdict, swapVerdict, verdictScore, type PairwiseVerdict } from './pairwise';
export { positionBias, type PositionBiasReport, type SwappedPair } from './positionBias';
export {
  pairwiseVerbosityBias,
  pointwiseVerbosityBias,
  type LengthPair,
  type LengthScore,
} from './verbosityBias';
export {
  inferModelFamily,
  pairwiseSelfPreference,
  pointwiseSelfPreference,
  type SelfPreferenceReport,
} from './selfPreference';
export { scaleUse, stuartMaxwell, type ScaleUseReport } from './scaleUse';
export {
  ppiMean,
  predictionPoweredEstimate,
  type PpiInput,
  type PpiOptions,
  type PpiReport,
} from './ppi';
export {
  compareJudgeVersions,
  pickCheapestJudge,
  type JudgeCandidate,
  type JudgeChoice,
} from './judgeSelection';
export { calibrateFromLabels, type CalibrationOptions, type CalibrationReport } from './report';
