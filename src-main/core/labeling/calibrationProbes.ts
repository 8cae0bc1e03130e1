/**
 * Bias probes of a judge over a session (core/calibration does the statistics):
 * - position bias: each pairwise judge's verdicts in both orders (the scorer always asks twice);
 * - verbosity: pairwise, how often the judge (and the people) pick the longer output;
 *   pointwise, ρ(length, judge − human);
 * - self-preference: the judge's model family against the outputs' families.
 */
import type { SessionCalibration } from '@contract/routes/calibrationSchemas';
import { labelOf } from '../agreement/coding';
import { positionBias, type SwappedPair } from '../calibration/positionBias';
import type { PairwiseVerdict } from '../calibration/pairwise';
import {
  inferModelFamily,
  pairwiseSelfPreference,
  pointwiseSelfPreference,
} from '../calibration/selfPreference';
import { pairwiseVerbosityBias, pointwiseVerbosityBias } from '../calibration/verbosityBias';
import type { CalibrationData, CodedTask } from './calibrationData';
import { finite, interval } from './serialise';
import { contentOf } from './taskContent';

type Out = SessionCalibration;

export function positionProbe(data: CalibrationData, confidenceLevel: number): Out['positionBias'] {
  const pairs: SwappedPair[] = [];
  for (const t of data.tasks)
    for (const o of t.reading?.orders ?? [])
      if (o.candidateFirst && o.baselineFirst)
        pairs.push({
          itemId: `${t.row.id}:${o.judge}`,
          original: o.candidateFirst,
          swapped: o.baselineFirst,
        });
  if (pairs.length === 0) return null;
  const p = positionBias(pairs, { confidenceLevel });
  return {
    pairs: p.pairs,
    consistent: p.consistent,
    flipRate: interval(p.flipRate),
    firstBothTimes: p.firstBothTimes,
    secondBothTimes: p.secondBothTimes,
    leanFirst: p.leanFirst,
    leanSecond: p.leanSecond,
    firstPositionPreference: interval(p.firstPositionPreference),
    pValue: finite(p.pValue),
    favoured: p.favoured,
  };
}

/** A pairwise label as a verdict with the judge's candidate as A. */
function asVerdict(
  data: CalibrationData,
  t: CodedTask,
  value: number | null,
): PairwiseVerdict | null {
  if (value === null || t.task.candidateIndex === null) return null;
  const label = labelOf(data.coding, value);
  if (label === 'tie') return 'tie';
  return label === t.task.models[t.task.candidateIndex] ? 'A' : 'B';
}

function texts(t: CodedTask): string[] {
  return contentOf(t.task.row).outputs.map((o) => o.text);
}

export function verbosityProbe(
  data: CalibrationData,
  coded: readonly CodedTask[],
  confidenceLevel: number,
): Out['verbosity'] {
  if (data.session.row.kind === 'pairwise') {
    const pairs = coded.flatMap((t) => {
      const judge = asVerdict(data, t, t.judge);
      const index = t.task.candidateIndex;
      if (judge === null || index === null) return [];
      const out = texts(t);
      return [
        {
          itemId: t.task.row.id,
          lengthA: (out[index] ?? '').length,
          lengthB: (out[1 - index] ?? '').length,
          judge,
          human: asVerdict(data, t, t.human),
        },
      ];
    });
    if (pairs.length < 3) return null;
    const v = pairwiseVerbosityBias(pairs, { confidenceLevel });
    return {
      kind: 'pairwise',
      judge: interval(v.judgeLongerWinRate),
      human: v.humanLongerWinRate ? interval(v.humanLongerWinRate) : null,
      excess: v.excess ? interval(v.excess) : null,
      excessPValue: v.excess ? finite(v.excess.pValue) : null,
    };
  }
  const items = coded.flatMap((t) =>
    t.judge === null
      ? []
      : [
          {
            itemId: t.task.row.id,
            length: (texts(t)[0] ?? '').length,
            judge: t.judge,
            human: t.human,
          },
        ],
  );
  if (items.length < 4) return null;
  const v = pointwiseVerbosityBias(items, { confidenceLevel });
  return {
    kind: 'pointwise',
    judge: interval(v.judgeVsLength.interval),
    human: v.humanVsLength ? interval(v.humanVsLength.interval) : null,
    excess: v.excessVsLength ? interval(v.excessVsLength.interval) : null,
    excessPValue: v.excessVsLength ? finite(v.excessVsLength.pValue) : null,
  };
}

interface JudgeParams {
  judges?: { model?: string }[];
}

export function selfPreferenceProbe(
  data: CalibrationData,
  coded: readonly CodedTask[],
  modelNames: ReadonlyMap<string, string>,
  confidenceLevel: number,
): Out['selfPreference'] {
  const judgeModel = (data.scorer.params as JudgeParams).judges?.[0]?.model;
  if (!judgeModel) return null;
  const family = inferModelFamily(judgeModel);
  const name = (key: string | undefined) => modelNames.get(key ?? '') ?? key ?? '';
  const complete = coded.filter((t) => t.judge !== null && t.human !== null);
  if (data.session.row.kind === 'pairwise') {
    const pairs = complete.flatMap((t) => {
      const index = t.task.candidateIndex;
      const judge = asVerdict(data, t, t.judge);
      const human = asVerdict(data, t, t.human);
      if (index === null || judge === null || human === null) return [];
      return [
        {
          itemId: t.task.row.id,
          modelA: name(t.task.models[index]),
          modelB: name(t.task.models[1 - index]),
          judge,
          human,
        },
      ];
    });
    const mixed = pairs.filter(
      (p) => (inferModelFamily(p.modelA) === family) !== (inferModelFamily(p.modelB) === family),
    );
    if (mixed.length < 2) return null;
    const r = pairwiseSelfPreference(pairs, family, { confidenceLevel });
    return {
      judgeFamily: family,
      estimate: interval(r),
      n: r.n,
      pValue: finite(r.pValue),
      ownMean: finite(r.own.mean),
      otherMean: finite(r.other.mean),
    };
  }
  const outputs = complete.map((t) => ({
    itemId: t.task.row.id,
    model: name(t.task.models[0]),
    judge: t.judge as number,
    human: t.human as number,
  }));
  const own = outputs.filter((o) => inferModelFamily(o.model) === family).length;
  if (own < 2 || outputs.length - own < 2) return null;
  const r = pointwiseSelfPreference(outputs, family, { confidenceLevel });
  return {
    judgeFamily: family,
    estimate: interval(r),
    n: r.n,
    pValue: finite(r.pValue),
    ownMean: finite(r.own.mean),
    otherMean: finite(r.other.mean),
  };
}
