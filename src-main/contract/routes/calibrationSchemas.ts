import { z } from 'zod';
import { Id } from '../common';

/**
 * What the agreement and calibration screens show for a rating session. Every number comes
 * from the core's statistics (src-main/core/agreement, src-main/core/calibration); values that
 * are undefined on the data (NaN) are null.
 */

const Num = z.number().nullable();

export const Interval = z.object({
  estimate: Num,
  low: Num,
  high: Num,
  confidenceLevel: z.number(),
  method: z.string(),
});
export type Interval = z.infer<typeof Interval>;

export const Correlation = z.object({
  estimate: Num,
  n: z.number().int(),
  pValue: Num,
  interval: Interval,
});
export type Correlation = z.infer<typeof Correlation>;

const Rate = Interval.extend({ agreements: z.number().int(), total: z.number().int() });

/** Which value of the labels is compared: the score, the pass/fail verdict, or the pair choice. */
export const Measure = z.enum(['score', 'pass', 'choice']);
export type Measure = z.infer<typeof Measure>;

export const SessionAgreement = z.object({
  sessionId: Id,
  measure: Measure,
  level: z.enum(['nominal', 'ordinal', 'interval', 'ratio']),
  labels: z.array(z.string()),
  units: z.number().int(),
  raters: z.array(z.string()),
  ratings: z.number().int(),
  /** Units rated by two or more people. */
  overlappingUnits: z.number().int(),
  krippendorff: z.object({ alpha: Num, interval: Interval, pairableUnits: z.number().int() }),
  fleiss: z.object({ kappa: Num, interval: Interval, units: z.number().int() }).nullable(),
  pairwiseAgreement: z.object({ estimate: Num, pairs: z.number().int() }),
  pairs: z.array(
    z.object({
      raters: z.tuple([z.string(), z.string()]),
      n: z.number().int(),
      agreement: Rate,
      kappa: Num,
      weighting: z.string(),
      kappaInterval: Interval,
      spearman: Correlation.nullable(),
      kendall: Correlation.nullable(),
    }),
  ),
  raterDiagnostics: z.array(
    z.object({
      rater: z.string(),
      ratings: z.number().int(),
      sharedUnits: z.number().int(),
      meanOffset: Interval.nullable(),
      categoryUse: z.array(z.object({ label: z.string(), share: Num, othersShare: Num })),
      drift: z.object({
        measure: z.string(),
        compared: z.number().int(),
        windows: z.array(z.object({ from: z.number().int(), to: z.number().int(), score: Num })),
        trend: Correlation.nullable(),
      }),
    }),
  ),
  /** Items to discuss, most disagreement first (hidden from a viewer who still has to rate them). */
  mostDisagreed: z.array(
    z.object({
      taskId: z.string(),
      position: z.number().int(),
      itemKey: z.string(),
      disagreement: Num,
      ratings: z.array(
        z.object({ rater: z.string(), label: z.string(), note: z.string().nullable() }),
      ),
    }),
  ),
  /** Disagreed items withheld because the viewer still has to rate them (open session only). */
  withheld: z.number().int(),
  /** Why those items are missing ("3 items you still have to rate are hidden: …"), or null. */
  withheldReason: z.string().nullable(),
  /** Why a statistic is missing (e.g. no item rated twice yet). */
  notes: z.array(z.string()),
});
export type SessionAgreement = z.infer<typeof SessionAgreement>;

const Distribution = z.object({
  counts: z.array(z.number().int()),
  shares: z.array(Num),
  mean: Num,
  standardDeviation: Num,
  unused: z.array(z.string()),
});

export const PpiEstimate = z.object({
  modelKey: z.string(),
  /** What is estimated: the mean score, the pass rate, or the win rate against the other side. */
  quantity: z.string(),
  /** Items labelled by people (and the judge). */
  n: z.number().int(),
  /** Items labelled by the judge only. */
  bigN: z.number().int(),
  ppi: Interval.extend({ lambda: Num }),
  ppiPlusPlus: Interval.extend({ lambda: Num }),
  humanOnly: Interval,
  judgeOnly: Interval,
  judgeBias: Interval,
  warning: z.string().nullable(),
});
export type PpiEstimate = z.infer<typeof PpiEstimate>;

export const JudgeSource = z.object({
  runId: Id,
  runName: z.string(),
  scorerKey: z.string(),
  scorerType: z.string(),
  /** Session tasks the judge scored. */
  scored: z.number().int(),
  /** Mean judge cost per scored cell, when known. */
  costPerItemUsd: Num,
  variants: z.array(
    z.object({
      id: Id,
      name: z.string(),
      status: z.enum(['running', 'completed', 'failed', 'cancelled']),
      scored: z.number().int(),
      error: z.string().nullable(),
      costPerItemUsd: Num,
      createdAt: z.string(),
    }),
  ),
  /** The scorer's parameters, as a starting point for an edited version. */
  params: z.record(z.string(), z.unknown()),
});
export type JudgeSource = z.infer<typeof JudgeSource>;

export const CalibrationOptions = z.object({
  sessionId: Id,
  kind: z.enum(['pointwise', 'pairwise']),
  measures: z.array(Measure),
  judges: z.array(JudgeSource),
  notes: z.array(z.string()),
});
export type CalibrationOptions = z.infer<typeof CalibrationOptions>;

const SideText = z.object({ label: z.string(), model: z.string().nullable(), text: z.string() });

export const SessionCalibration = z.object({
  sessionId: Id,
  runId: Id,
  scorerKey: z.string(),
  scorerType: z.string(),
  variantId: z.string().nullable(),
  measure: Measure,
  level: z.enum(['nominal', 'ordinal', 'interval', 'ratio']),
  labels: z.array(z.string()),
  humans: z.object({
    raters: z.array(z.string()),
    items: z.number().int(),
    consensus: z.string(),
    unresolved: z.number().int(),
    krippendorffAlpha: Num,
  }),
  comparison: z.object({
    n: z.number().int(),
    agreement: Rate,
    kappa: Num,
    weighting: z.string(),
    kappaInterval: Interval,
    kappaBootstrap: Interval,
    spearman: Correlation.nullable(),
    kendall: Correlation.nullable(),
    confusion: z.object({
      labels: z.array(z.string()),
      counts: z.array(z.array(z.number().int())),
    }),
  }),
  perHuman: z.array(z.object({ rater: z.string(), agreement: Rate, kappa: Num })),
  disagreements: z.array(
    z.object({
      taskId: Id,
      position: z.number().int(),
      itemKey: z.string(),
      judge: z.string(),
      human: z.string(),
      distance: z.number(),
      judgeReasoning: z.string().nullable(),
      humanNotes: z.array(z.object({ rater: z.string(), note: z.string() })),
      input: z.string(),
      outputs: z.array(SideText),
    }),
  ),
  scaleUse: z
    .object({
      labels: z.array(z.string()),
      judge: Distribution,
      human: Distribution,
      totalVariation: Num,
      homogeneity: z.object({ chiSquare: Num, df: Num, pValue: Num }),
      marginalHomogeneity: z.object({ statistic: Num, df: Num, pValue: Num }).nullable(),
    })
    .nullable(),
  positionBias: z
    .object({
      pairs: z.number().int(),
      consistent: z.number().int(),
      flipRate: Interval,
      firstBothTimes: z.number().int(),
      secondBothTimes: z.number().int(),
      leanFirst: z.number().int(),
      leanSecond: z.number().int(),
      firstPositionPreference: Interval,
      pValue: Num,
      favoured: z.enum(['first', 'second']).nullable(),
    })
    .nullable(),
  verbosity: z
    .object({
      kind: z.enum(['pairwise', 'pointwise']),
      /** Pairwise: the judge's longer-output win rate; pointwise: ρ(length, judge score). */
      judge: Interval.nullable(),
      human: Interval.nullable(),
      /** Pairwise: judge − human longer-win rate; pointwise: ρ(length, judge − human). */
      excess: Interval.nullable(),
      excessPValue: Num,
    })
    .nullable(),
  selfPreference: z
    .object({
      judgeFamily: z.string(),
      estimate: Interval,
      n: z.number().int(),
      pValue: Num,
      ownMean: Num,
      otherMean: Num,
    })
    .nullable(),
  estimates: z.array(PpiEstimate),
  notes: z.array(z.string()),
});
export type SessionCalibration = z.infer<typeof SessionCalibration>;

export const VariantComparison = z.object({
  sessionId: Id,
  runId: Id,
  scorerKey: z.string(),
  measure: Measure,
  base: z.object({ agreement: Interval, kappa: Num, n: z.number().int() }),
  versions: z.array(
    z.object({
      variantId: Id,
      name: z.string(),
      items: z.number().int(),
      before: z.object({ agreement: Interval, kappa: Num }),
      after: z.object({ agreement: Interval, kappa: Num }),
      agreementChange: Interval.extend({ pValue: Num }),
      kappaChange: Interval,
    }),
  ),
  cheapest: z.object({
    target: z.number(),
    criterion: z.enum(['lower-bound', 'estimate']),
    chosen: z.string().nullable(),
    reason: z.string(),
    candidates: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        costPerItemUsd: Num,
        agreement: Interval,
        meetsTarget: z.boolean(),
      }),
    ),
  }),
  notes: z.array(z.string()),
});
export type VariantComparison = z.infer<typeof VariantComparison>;
