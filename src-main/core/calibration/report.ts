/**
 * Judge calibration from imported labels (what `yardstick calibrate` runs): for each judge in
 * the judge file, the comparison with the human consensus, agreement with each human rater,
 * score-scale use, and — when the data allow — position bias (the judge file holds verdicts in
 * both orders) and verbosity bias (the items carry the outputs' text).
 */
import { krippendorffAlpha } from '../agreement/krippendorff';
import { codeLabels, valueOf, type LabelCoding } from '../agreement/coding';
import { cohensKappa, type KappaWeighting } from '../agreement/cohen';
import { agreementRate, type AgreementRate } from '../agreement/confusion';
import type { BootstrapOptions } from '../agreement/bootstrap';
import { buildRatingMatrix } from '../agreement/coding';
import type { MeasurementLevel } from '../agreement/types';
import { selectLabels } from '../labels/toMatrix';
import type { ExternalLabel } from '../labels/types';
import { humanConsensus, type ConsensusMethod } from './consensus';
import { compareJudgeWithHumans, type JudgeHumanComparison } from './judgeVsHuman';
import { parsePairwiseVerdict, type PairwiseVerdict } from './pairwise';
import { positionBias, type PositionBiasReport } from './positionBias';
import { scaleUse, type ScaleUseReport } from './scaleUse';
import {
  pairwiseVerbosityBias,
  pointwiseVerbosityBias,
  type PairwiseVerbosityReport,
  type PointwiseVerbosityReport,
} from './verbosityBias';

export interface LabelSource {
  labels: readonly ExternalLabel[];
  items: ReadonlyMap<string, Record<string, unknown>>;
}

export interface CalibrationOptions {
  level: MeasurementLevel;
  scale?: readonly string[];
  /** Default: majority for nominal, median for ordinal, mean for interval and ratio. */
  consensus?: ConsensusMethod;
  weighting?: KappaWeighting;
  confidenceLevel?: number;
  bootstrap?: BootstrapOptions;
  /** Judges (sources in the judge labels) to calibrate; default all. */
  judges?: readonly string[];
  /** Item fields holding the outputs' text: two for pairwise verdicts, one for scores. */
  outputFields?: readonly string[];
  /** How many disagreements to list per judge (default 20). */
  top?: number;
}

export interface JudgeCalibration {
  judge: string;
  comparison: JudgeHumanComparison;
  perHuman: { rater: string; agreement: AgreementRate; kappa: number }[];
  scaleUse: ScaleUseReport;
  positionBias: PositionBiasReport | null;
  verbosity:
    | { kind: 'pairwise'; report: PairwiseVerbosityReport }
    | { kind: 'pointwise'; report: PointwiseVerbosityReport }
    | null;
  /** Judge-labelled items with no human consensus to compare with. */
  unmatchedItems: number;
}

export interface CalibrationReport {
  level: MeasurementLevel;
  labels: string[];
  humans: {
    raters: string[];
    items: number;
    consensus: ConsensusMethod;
    unresolved: number;
    krippendorffAlpha: number | null;
  };
  judges: JudgeCalibration[];
}

function textLength(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? value : JSON.stringify(value)).length;
}

function attribute(sources: readonly LabelSource[], itemId: string, field: string): unknown {
  for (const source of sources) {
    const value = source.items.get(itemId)?.[field];
    if (value !== undefined) return value;
  }
  return undefined;
}

function swappedPairs(labels: readonly ExternalLabel[], judge: string) {
  const original = new Map<string, PairwiseVerdict>();
  const swapped = new Map<string, PairwiseVerdict>();
  for (const l of labels) {
    if (l.source !== judge) continue;
    const verdict = parsePairwiseVerdict(l.label);
    if (verdict === null) continue;
    (l.isSwapped === true ? swapped : original).set(l.itemId, verdict);
  }
  return [...swapped].flatMap(([itemId, s]) => {
    const o = original.get(itemId);
    return o === undefined ? [] : [{ itemId, original: o, swapped: s }];
  });
}

interface JudgeContext {
  judge: string;
  judgeSource: LabelSource;
  humanSource: LabelSource;
  consensusByItem: Map<string, number>;
  humanNotes: Map<string, string>;
  humanMatrix: ReturnType<typeof buildRatingMatrix>;
  coding: LabelCoding;
  options: CalibrationOptions;
}

function verbosityFor(
  context: JudgeContext,
  judged: ExternalLabel[],
): JudgeCalibration['verbosity'] {
  const fields = context.options.outputFields ?? [];
  const sources = [context.judgeSource, context.humanSource];
  const { coding } = context;
  if (fields.length === 2) {
    const pairs = judged.flatMap((l) => {
      const verdict = parsePairwiseVerdict(l.label);
      const lengthA = textLength(attribute(sources, l.itemId, fields[0] as string));
      const lengthB = textLength(attribute(sources, l.itemId, fields[1] as string));
      if (verdict === null || lengthA === null || lengthB === null) return [];
      const consensus = context.consensusByItem.get(l.itemId);
      const human =
        consensus === undefined
          ? null
          : parsePairwiseVerdict(coding.labels[coding.values.indexOf(consensus)] ?? '');
      return [{ itemId: l.itemId, lengthA, lengthB, judge: verdict, human }];
    });
    return pairs.length > 2
      ? { kind: 'pairwise', report: pairwiseVerbosityBias(pairs, context.options) }
      : null;
  }
  if (fields.length === 1) {
    const items = judged.flatMap((l) => {
      const length = textLength(attribute(sources, l.itemId, fields[0] as string));
      return length === null
        ? []
        : [
            {
              itemId: l.itemId,
              length,
              judge: valueOf(coding, l.label),
              human: context.consensusByItem.get(l.itemId) ?? null,
            },
          ];
    });
    return items.length > 3
      ? { kind: 'pointwise', report: pointwiseVerbosityBias(items, context.options) }
      : null;
  }
  return null;
}

function calibrateJudge(context: JudgeContext): JudgeCalibration {
  const { judge, coding, options, humanMatrix } = context;
  const judged = selectLabels(context.judgeSource.labels, { sources: [judge] });
  const items = judged.flatMap((l) => {
    const human = context.consensusByItem.get(l.itemId);
    return human === undefined
      ? []
      : [
          {
            itemId: l.itemId,
            judge: valueOf(coding, l.label),
            human,
            judgeReasoning: l.note,
            humanNote: context.humanNotes.get(l.itemId) ?? null,
          },
        ];
  });
  const comparison = compareJudgeWithHumans(items, coding, options);
  comparison.disagreements = comparison.disagreements.slice(0, options.top ?? 20);
  const judgeByItem = new Map(judged.map((l) => [l.itemId, valueOf(coding, l.label)]));
  const weighting = options.weighting ?? (coding.level === 'nominal' ? 'none' : 'quadratic');
  const perHuman = humanMatrix.raterIds.map((rater, r) => {
    const human = humanMatrix.values.map((row) => row[r] ?? null);
    const judgeValues = humanMatrix.unitIds.map((id) => judgeByItem.get(id) ?? null);
    return {
      rater,
      agreement: agreementRate(human, judgeValues, options.confidenceLevel),
      kappa: cohensKappa(human, judgeValues, { weighting, categories: coding.values }).kappa,
    };
  });
  const swapped = swappedPairs(context.judgeSource.labels, judge);
  return {
    judge,
    comparison,
    perHuman,
    scaleUse: scaleUse(
      items.map((i) => i.judge),
      items.map((i) => i.human),
      coding,
    ),
    positionBias: swapped.length > 0 ? positionBias(swapped, options) : null,
    verbosity: verbosityFor(context, judged),
    unmatchedItems: judged.length - items.length,
  };
}

function notesByItem(labels: readonly ExternalLabel[]): Map<string, string> {
  const notes = new Map<string, string>();
  for (const l of labels) {
    if (l.note === null) continue;
    const previous = notes.get(l.itemId);
    notes.set(l.itemId, `${previous === undefined ? '' : `${previous}\n`}${l.source}: ${l.note}`);
  }
  return notes;
}

export function calibrateFromLabels(
  judgeSource: LabelSource,
  humanSource: LabelSource,
  options: CalibrationOptions,
): CalibrationReport {
  const humanLabels = selectLabels(humanSource.labels, { kind: 'human' });
  // Swapped-order verdicts stay in: the position-bias probe needs them.
  const judgeLabels = selectLabels(judgeSource.labels, { kind: 'judge', includeSwapped: true });
  const coding = codeLabels(
    [...humanLabels, ...judgeLabels].map((l) => l.label),
    options.level,
    options.scale,
  );
  const humanMatrix = buildRatingMatrix(
    humanLabels.map((l) => ({
      unitId: l.itemId,
      raterId: l.source,
      label: l.label,
      order: l.order,
    })),
    coding,
  );
  const method =
    options.consensus ??
    (options.level === 'nominal' ? 'majority' : options.level === 'ordinal' ? 'median' : 'mean');
  const consensus = humanConsensus(humanMatrix, method);
  const consensusByItem = new Map<string, number>();
  consensus.values.forEach((v, u) => {
    if (v !== null) consensusByItem.set(humanMatrix.unitIds[u] as string, v);
  });
  const judges = options.judges ?? [...new Set(judgeLabels.map((l) => l.source))];
  const pairable = humanMatrix.values.some((row) => row.filter((v) => v !== null).length >= 2);
  return {
    level: options.level,
    labels: coding.labels,
    humans: {
      raters: [...humanMatrix.raterIds],
      items: humanMatrix.unitIds.length,
      consensus: method,
      unresolved: consensus.unresolved,
      krippendorffAlpha: pairable
        ? krippendorffAlpha(humanMatrix.values, options.level).alpha
        : null,
    },
    judges: judges.map((judge) =>
      calibrateJudge({
        judge,
        judgeSource: { ...judgeSource, labels: judgeLabels },
        humanSource: { ...humanSource, labels: humanLabels },
        consensusByItem,
        humanNotes: notesByItem(humanLabels),
        humanMatrix,
        coding,
        options,
      }),
    ),
  };
}
