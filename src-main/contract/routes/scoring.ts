import { z } from 'zod';
import { defineEvent, defineRoute } from '../define';
import { Empty, Id, IsoTime } from '../common';

/**
 * Routes and events of the scoring domain: scorer metadata, scoring runs, score tables with
 * intervals, comparisons, human overrides, decisions and the sample-size helper. Numbers that
 * cannot be computed (no data) are null, never NaN.
 */

const Num = z.number().nullable();

export const Estimate = z.object({
  estimate: Num,
  low: Num,
  high: Num,
  /** wilson, bootstrap-bca, bootstrap-percentile, newcombe … */
  method: z.string(),
  n: z.number().int(),
});
export type Estimate = z.infer<typeof Estimate>;

export const ScorerMeta = z.object({
  id: z.string(),
  version: z.string(),
  label: z.string(),
  description: z.string(),
  family: z.string(),
  scope: z.enum(['cell', 'group', 'pair']),
  execution: z.enum(['pool', 'main']),
  valueType: z.enum(['binary', 'continuous', 'ordinal']).nullable(),
  paramsJsonSchema: z.record(z.string(), z.unknown()),
});

export const ScorerEstimate = z.object({
  scorerKey: z.string(),
  scorerType: z.string(),
  valueType: z.enum(['binary', 'continuous', 'ordinal']),
  /** Cells with a value. */
  n: z.number().int(),
  items: z.number().int(),
  errors: z.number().int(),
  /** Answered cells without a score of this scorer (not scored yet). */
  unscored: z.number().int(),
  passRate: Estimate.nullable(),
  mean: Estimate.nullable(),
  passAtK: z.array(z.object({ k: z.number().int(), estimate: z.number() })).nullable(),
  overridden: z.number().int(),
  judgeCostUsd: Num,
  warning: z.string().nullable(),
});
export type ScorerEstimate = z.infer<typeof ScorerEstimate>;

const Sensitivity = z.object({
  scorerKey: z.string(),
  perPrompt: z.array(z.object({ promptKey: z.string(), n: z.number().int(), mean: Num })),
  range: Num,
  meanItemStdAcrossPrompts: Num,
  itemsChangedByPrompt: Num,
});

const RepeatVariance = z.object({
  scorerKey: z.string(),
  meanWithinVariance: Num,
  unstableShare: Num,
  cells: z.number().int(),
});

export const ModelSummary = z.object({
  modelKey: z.string(),
  cells: z.number().int(),
  responses: z.number().int(),
  errors: z.number().int(),
  scorers: z.array(ScorerEstimate),
  latency: z.object({
    n: z.number().int(),
    excludedCached: z.number().int(),
    excludedColdStart: z.number().int(),
    p50: Estimate,
    p95: Estimate,
    p99: Estimate,
    meanMs: Num,
  }),
  operational: z.object({
    errorRate: Estimate,
    throughputPerSecond: Num,
    tokensPerSecond: Estimate.nullable(),
    totalCostUsd: z.number(),
    costPerSuccessUsd: Estimate.nullable(),
    successes: z.number().int(),
  }),
  promptSensitivity: z.array(Sensitivity),
  repeatVariance: z.array(RepeatVariance),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

export const RunScoreSummary = z.object({
  runId: Id,
  runName: z.string(),
  status: z.string(),
  confidenceLevel: z.number(),
  /** Scores replaced by a person; the estimates above use the overridden values. */
  overridesUsed: z.number().int(),
  scorers: z.array(
    z.object({ key: z.string(), type: z.string(), version: z.string(), configHash: z.string() }),
  ),
  models: z.array(ModelSummary),
  generatedAt: IsoTime,
});
export type RunScoreSummary = z.infer<typeof RunScoreSummary>;

export const GroupEstimate = z.object({
  group: z.string(),
  n: z.number().int(),
  estimate: Num,
  low: Num,
  high: Num,
  warning: z.string().nullable(),
});

export const ItemChange = z.object({ itemKey: z.string(), baseline: Num, candidate: Num });

export const ScorerComparison = z.object({
  scorerKey: z.string(),
  valueType: z.enum(['binary', 'continuous', 'ordinal']),
  pairedItems: z.number().int(),
  baseline: Estimate,
  candidate: Estimate,
  /** candidate − baseline. */
  difference: Estimate,
  test: z.object({
    name: z.enum(['mcnemar-exact', 'paired-permutation']),
    pValue: Num,
    /** Holm-adjusted across the scorers of this comparison. */
    adjustedPValue: Num,
    table: z
      .object({
        bothPass: z.number().int(),
        baselineOnly: z.number().int(),
        candidateOnly: z.number().int(),
        neither: z.number().int(),
      })
      .nullable(),
  }),
  effectSize: z.object({
    name: z.enum(['cohens-h', 'cohens-dz']),
    estimate: Num,
    low: Num,
    high: Num,
  }),
  regressionCount: z.number().int(),
  improvementCount: z.number().int(),
  regressions: z.array(ItemChange),
  improvements: z.array(ItemChange),
  warning: z.string().nullable(),
});
export type ScorerComparison = z.infer<typeof ScorerComparison>;

export const ComparisonSide = z.object({ runId: Id, runName: z.string(), modelKey: z.string() });

export const Comparison = z.object({
  baseline: ComparisonSide,
  candidate: ComparisonSide,
  confidenceLevel: z.number(),
  scorers: z.array(ScorerComparison),
  latencyP95Ms: z.object({ baseline: Estimate, candidate: Estimate }),
  unmatchedItems: z.object({ baselineOnly: z.number().int(), candidateOnly: z.number().int() }),
});
export type Comparison = z.infer<typeof Comparison>;

export const Bound = z.object({ min: z.number().optional(), max: z.number().optional() });

export const CriterionEvaluation = z.object({
  metric: z.string(),
  acceptable: Bound.nullable(),
  ideal: Bound.nullable(),
  weight: z.number(),
  gate: z.boolean(),
  value: Estimate.nullable(),
  /** Which end of the interval was held against each bound (the conservative one). */
  boundUsed: z.string(),
  status: z.enum(['met_ideal', 'met', 'uncertain', 'not_met', 'no_data']),
  score: z.number(),
  explanation: z.string(),
});
export type CriterionEvaluation = z.infer<typeof CriterionEvaluation>;

export const Verdict = z.enum(['ship', 'ship_with_caveats', 'dont_ship']);
/** A verdict in words, as the Decide screen and the HTML report show it. */
export const verdictLabels: Record<z.infer<typeof Verdict>, string> = {
  ship: 'Ship',
  ship_with_caveats: 'Ship with caveats',
  dont_ship: "Don't ship",
};

export const WeightSensitivity = z.object({
  metric: z.string(),
  weight: z.number(),
  /** The weight at which the verdict would change, holding the others fixed (null: none). */
  flipsAtWeight: Num,
  flipsTo: Verdict.nullable(),
});

export const Decision = z.object({
  id: Id,
  runId: Id,
  baselineRunId: Id.nullable(),
  /** The baseline run's model the `.delta` criteria were measured against. */
  baselineModel: z.string().nullable(),
  modelKey: z.string().nullable(),
  verdict: Verdict,
  weightedScore: Num,
  reasons: z.array(z.string()),
  criteria: z.array(CriterionEvaluation),
  weightSensitivity: z.array(WeightSensitivity),
  thresholds: z.object({ ship: z.number(), caveats: z.number() }),
  confidenceLevel: z.number(),
  manifestHash: z.string(),
  createdAt: IsoTime,
});
export type Decision = z.infer<typeof Decision>;

export const ScoreWithOverrides = z.object({
  scoreId: z.number().int(),
  scorerKey: z.string(),
  scorerType: z.string(),
  scorerVersion: z.string(),
  value: Num,
  isPass: z.boolean().nullable(),
  automatedValue: Num,
  automatedIsPass: z.boolean().nullable(),
  isOverridden: z.boolean(),
  error: z.string().nullable(),
  costUsd: Num,
  details: z.record(z.string(), z.unknown()),
  overrides: z.array(
    z.object({
      id: z.number().int(),
      rater: z.string(),
      value: Num,
      isPass: z.boolean().nullable(),
      reason: z.string(),
      createdAt: IsoTime,
    }),
  ),
});

const DecisionOptions = {
  confidenceLevel: z.number().gt(0).lt(1).default(0.95),
  weights: z
    .record(z.string(), z.number().min(0))
    .optional()
    .describe('Override criterion weights by metric.'),
  shipThreshold: z.number().min(0).max(1).default(0.8),
  caveatThreshold: z.number().min(0).max(1).default(0.5),
};

export const scoringRoutes = {
  'scoring.scorers': defineRoute({
    kind: 'query',
    description: 'Every registered scorer with its version and a JSON Schema of its parameters.',
    input: Empty,
    output: z.array(ScorerMeta),
  }),
  'scoring.score': defineRoute({
    kind: 'command',
    description:
      'Scores a run in the background (only cells whose scores are missing or stale, unless force).',
    input: z.strictObject({
      runId: Id,
      force: z.boolean().default(false),
      only: z.array(z.string()).optional(),
    }),
    output: z.object({ jobId: Id }),
  }),
  'scoring.summary': defineRoute({
    kind: 'query',
    description:
      'Per model and scorer: estimates with intervals, latency percentiles, cost, prompt sensitivity.',
    input: z.strictObject({ runId: Id, confidenceLevel: z.number().gt(0).lt(1).default(0.95) }),
    output: RunScoreSummary,
  }),
  'scoring.breakdown': defineRoute({
    kind: 'query',
    description:
      "One scorer's estimate per category or tag, per model, with small-sample warnings.",
    input: z.strictObject({ runId: Id, scorerKey: z.string(), by: z.enum(['category', 'tag']) }),
    output: z.array(z.object({ modelKey: z.string(), groups: z.array(GroupEstimate) })),
  }),
  'scoring.compare': defineRoute({
    kind: 'query',
    description:
      'Paired comparison of a candidate with a baseline (two runs, or two models of one run).',
    input: z.strictObject({
      baselineRunId: Id,
      candidateRunId: Id,
      baselineModel: z.string().optional(),
      candidateModel: z.string().optional(),
      confidenceLevel: z.number().gt(0).lt(1).default(0.95),
    }),
    output: Comparison,
  }),
  'scoring.cellScores': defineRoute({
    kind: 'query',
    description: "A cell's scores with their details and every human override (who, when, why).",
    input: z.strictObject({ cellId: Id }),
    output: z.array(ScoreWithOverrides),
  }),
  'scoring.override': defineRoute({
    kind: 'command',
    description: 'A person overrides an automated score; the reason is required and kept.',
    input: z.strictObject({
      scoreId: z.number().int(),
      rater: z.string().min(1).max(100),
      value: z.number().nullable().optional(),
      isPass: z.boolean().nullable().optional(),
      reason: z.string().min(3).max(2000),
    }),
    output: z.object({ overrideId: z.number().int() }),
  }),
  'scoring.decide': defineRoute({
    kind: 'command',
    description:
      "Evaluates the suite's decision criteria on a run (optionally against a baseline run) and stores the decision record.",
    input: z.strictObject({
      runId: Id,
      modelKey: z.string().optional(),
      baselineRunId: Id.optional(),
      /** Which model of the baseline run (needed when it has several). */
      baselineModel: z.string().optional(),
      ...DecisionOptions,
    }),
    output: Decision,
  }),
  'scoring.decisions': defineRoute({
    kind: 'query',
    description: 'Stored decision records of a run, newest first.',
    input: z.strictObject({ runId: Id }),
    output: z.array(Decision),
  }),
  'scoring.sampleSize': defineRoute({
    kind: 'query',
    description:
      'Items needed to detect a difference (paired pass/fail, independent pass rates, or paired scores).',
    input: z.discriminatedUnion('design', [
      z.strictObject({
        design: z.literal('paired-proportions'),
        discordantShare: z.number().gt(0).max(1),
        difference: z.number(),
        alpha: z.number().gt(0).lt(1).default(0.05),
        power: z.number().gt(0).lt(1).default(0.8),
      }),
      z.strictObject({
        design: z.literal('two-proportions'),
        baseline: z.number().min(0).max(1),
        candidate: z.number().min(0).max(1),
        alpha: z.number().gt(0).lt(1).default(0.05),
        power: z.number().gt(0).lt(1).default(0.8),
      }),
      z.strictObject({
        design: z.literal('paired-means'),
        sdDifference: z.number().gt(0),
        difference: z.number(),
        alpha: z.number().gt(0).lt(1).default(0.05),
        power: z.number().gt(0).lt(1).default(0.8),
      }),
    ]),
    output: z.object({ items: z.number().int(), formula: z.string() }),
  }),
};

export const scoringEvents = {
  'scoring.finished': defineEvent({
    description: 'A scoring pass over a run ended.',
    payload: z.object({
      runId: Id,
      status: z.enum(['completed', 'failed', 'cancelled']),
      scorers: z.array(
        z.object({
          key: z.string(),
          scored: z.number().int(),
          errors: z.number().int(),
          notes: z.array(z.string()),
        }),
      ),
      error: z.string().nullable(),
    }),
  }),
  'scoring.decided': defineEvent({
    description: 'A decision record was stored.',
    payload: z.object({ runId: Id, decisionId: Id, verdict: Verdict }),
  }),
};
