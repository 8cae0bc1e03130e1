import { z } from 'zod';
import { defineRoute } from '../define';
import { Id, IsoTime } from '../common';
import { Decision, Estimate, Verdict } from './scoring';

/**
 * Routes of the reports domain: the figures behind the results overview's charts (Pareto
 * frontier, latency histogram and CDF, pairwise significance, trends of a suite's runs), the
 * decision criteria of every candidate, and exports (HTML report, CSV / JSON Lines / Parquet).
 * Every number is computed in the core; the renderer only draws and formats.
 */

const Num = z.number().nullable();
const Level = z.number().gt(0).lt(1).default(0.95);

export const CostQualityPoint = z.object({
  modelKey: z.string(),
  /** Cost per successful task (US dollars); null when the model is not priced or never succeeded. */
  costPerSuccessUsd: Num,
  quality: Estimate.nullable(),
  /** No other model is at least as good and at least as cheap, and strictly better in one. */
  isPareto: z.boolean(),
});

export const CostQuality = z.object({
  scorerKey: z.string(),
  points: z.array(CostQualityPoint),
  /** The Pareto frontier from cheapest to dearest (model keys). */
  frontier: z.array(z.string()),
});
export type CostQuality = z.infer<typeof CostQuality>;

export const LatencyDistribution = z.object({
  modelKey: z.string(),
  /** Latencies that enter the percentiles (live, successful, not cold-start). */
  n: z.number().int(),
  /** Counts per bin; bins are shared by every model of the run (see `binEdgesMs`). */
  histogram: z.array(z.number().int()),
  /** Points of the empirical CDF, at most a few hundred: latency and the share at or below it. */
  cdf: z.array(z.object({ ms: z.number(), share: z.number() })),
});

export const RunCharts = z.object({
  runId: Id,
  confidenceLevel: z.number(),
  costQuality: z.array(CostQuality),
  latency: z.object({
    /** bins + 1 edges, in milliseconds. */
    binEdgesMs: z.array(z.number()),
    models: z.array(LatencyDistribution),
  }),
});
export type RunCharts = z.infer<typeof RunCharts>;

export const PairwiseCell = z.object({
  baseline: z.string(),
  candidate: z.string(),
  pairedItems: z.number().int(),
  /** candidate − baseline. */
  difference: Estimate,
  test: z.enum(['mcnemar-exact', 'paired-permutation']),
  pValue: Num,
  /** Holm-adjusted across every pair of the matrix. */
  adjustedPValue: Num,
  /** The adjusted p-value is below 1 − confidence level. */
  isSignificant: z.boolean(),
});

export const PairwiseMatrix = z.object({
  runId: Id,
  scorerKey: z.string(),
  confidenceLevel: z.number(),
  models: z.array(z.string()),
  /** One entry per unordered pair (baseline = the earlier model in `models`). */
  pairs: z.array(PairwiseCell),
});
export type PairwiseMatrix = z.infer<typeof PairwiseMatrix>;

export const TrendPoint = z.object({
  runId: Id,
  runName: z.string(),
  createdAt: IsoTime,
  modelKey: z.string(),
  scorerKey: z.string(),
  estimate: Estimate.nullable(),
});

export const SuiteTrends = z.object({
  suiteName: z.string(),
  /** Runs considered, oldest first (the most recent finished runs of the suite). */
  runs: z.array(z.object({ runId: Id, runName: z.string(), createdAt: IsoTime })),
  points: z.array(TrendPoint),
});
export type SuiteTrends = z.infer<typeof SuiteTrends>;

export const CandidateCriteria = z.object({
  modelKey: z.string(),
  /** The evaluation (not stored): what `scoring.decide` would record for this model. */
  decision: Decision.omit({ id: true, createdAt: true }),
});

/** Where an export goes: a path on the machine running the core, or back to the window. */
export const ExportDestination = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('file'),
    path: z.string().min(1),
    overwrite: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal('download') }),
]);
export type ExportDestination = z.infer<typeof ExportDestination>;

export const reportRoutes = {
  'reports.charts': defineRoute({
    kind: 'query',
    description:
      'Figures behind the run charts: cost vs quality with the Pareto frontier per scorer, latency histograms and CDFs per model.',
    input: z.strictObject({
      runId: Id,
      confidenceLevel: Level,
      bins: z.number().int().min(2).max(200).default(30),
    }),
    output: RunCharts,
  }),
  'reports.pairwise': defineRoute({
    kind: 'query',
    description:
      'Paired tests between every two models of a run on one scorer, Holm-adjusted across the pairs.',
    input: z.strictObject({ runId: Id, scorerKey: z.string(), confidenceLevel: Level }),
    output: PairwiseMatrix,
  }),
  'reports.trends': defineRoute({
    kind: 'query',
    description:
      "Each scorer's estimate per model across the most recent finished runs of a run's suite (by suite name), oldest first.",
    input: z.strictObject({
      runId: Id,
      limit: z.number().int().min(1).max(50).default(12),
      confidenceLevel: Level,
    }),
    output: SuiteTrends,
  }),
  'reports.criteria': defineRoute({
    kind: 'query',
    description:
      "The suite's decision criteria evaluated for every model of a run (optionally against a baseline run), without storing a decision.",
    input: z.strictObject({
      runId: Id,
      baselineRunId: Id.optional(),
      /** Which model of the baseline run (needed when it has several). */
      baselineModel: z.string().optional(),
      confidenceLevel: Level,
      weights: z.record(z.string(), z.number().min(0)).optional(),
      /** The same thresholds and defaults as `scoring.decide`. */
      shipThreshold: z.number().min(0).max(1).default(0.8),
      caveatThreshold: z.number().min(0).max(1).default(0.5),
    }),
    output: z.object({ hasCriteria: z.boolean(), candidates: z.array(CandidateCriteria) }),
  }),
  'reports.html': defineRoute({
    kind: 'command',
    description:
      'The self-contained HTML report of a run (scores, a stored decision or a fresh evaluation, the comparison with its baseline), written to a path or returned for download.',
    input: z.strictObject({
      runId: Id,
      /** A stored decision to report; otherwise the run is evaluated now (when one model can be picked). */
      decisionId: Id.optional(),
      modelKey: z.string().optional(),
      baselineRunId: Id.optional(),
      /** Which model of the baseline run (needed when it has several). */
      baselineModel: z.string().optional(),
      confidenceLevel: Level,
      destination: ExportDestination,
    }),
    output: z.object({
      fileName: z.string(),
      /** Where it was written (file destination), else null. */
      path: z.string().nullable(),
      /** The document (download destination), else null. */
      html: z.string().nullable(),
      bytes: z.number().int(),
      verdict: Verdict.nullable(),
    }),
  }),
  'reports.exportResults': defineRoute({
    kind: 'command',
    description:
      'Starts a job writing every cell of a run with its response as CSV, JSON Lines or Parquet (the same columns as `yardstick export`).',
    input: z.strictObject({
      runId: Id,
      format: z.enum(['csv', 'jsonl', 'parquet']),
      destination: ExportDestination,
    }),
    output: z.object({
      jobId: Id,
      /** For a download destination: pass it to `reports.download` once the job completed. */
      downloadId: Id.nullable(),
      fileName: z.string(),
      /**
       * For a CSV or JSON Lines download: the provenance file (`<fileName>.provenance.json`,
       * as written next to a saved export), also fetched with `reports.download`. Parquet
       * carries its provenance in its metadata.
       */
      provenanceDownloadId: Id.nullable(),
    }),
  }),
  'reports.download': defineRoute({
    kind: 'command',
    description:
      'One chunk (base64) of a finished export kept for download; the file is deleted once its last chunk was read.',
    input: z.strictObject({ downloadId: Id, offset: z.number().int().min(0).default(0) }),
    output: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number().int(),
      base64: z.string(),
      /** Where the next chunk starts; null after the last one. */
      nextOffset: z.number().int().nullable(),
    }),
  }),
};
