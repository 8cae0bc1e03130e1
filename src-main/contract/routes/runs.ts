import { z } from 'zod';
import { defineEvent, defineRoute } from '../define';
import { Empty, Id, IsoTime, Page, Sha256 } from '../common';
import { RunName, RunRemovalInterrupted, RunRemovalPreview, RunRemoved } from './runRemovalSchemas';

export * from './runRemovalSchemas';

export const RunStatus = z.enum([
  'planned',
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
]);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunSummary = z.object({
  id: Id,
  name: z.string(),
  status: RunStatus,
  suiteId: Id,
  suiteName: z.string(),
  datasetVersionId: Id,
  datasetName: z.string(),
  createdAt: IsoTime,
  finishedAt: IsoTime.nullable(),
  cellCount: z.number().int(),
  finishedCellCount: z.number().int(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** How a run is executed this time (not part of its plan). */
export const ExecutionOptions = z.strictObject({
  /** Ignore the response cache (answers are still stored in it). */
  noCache: z.boolean().default(false),
  /** Overrides the suite's concurrency for every provider. */
  concurrency: z.number().int().min(1).max(1000).optional(),
});

export const PlanOptionsInput = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  /** `index` is 1-based: shard 1/4 … 4/4; items are split by a hash of their key. */
  shard: z
    .strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) })
    .refine((s) => s.index <= s.count, 'shard index must be between 1 and count')
    .optional(),
  /** Use only the first N items. */
  limit: z.number().int().min(1).optional(),
});

/** A suite given by stored id or by its YAML text (stored content-addressed when run). */
export const SuiteRef = z.union([
  z.strictObject({ suiteId: Id }),
  z.strictObject({ yaml: z.string().min(1), sourcePath: z.string().optional() }),
]);

const ModelProgress = z.object({
  modelKey: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  ok: z.number().int(),
  errors: z.number().int(),
  cached: z.number().int(),
  /** Money spent on this model so far; null while its answers carry no price (not in the pricing table). */
  costUsd: z.number().nullable(),
  /** Errors of this model by class (rate_limited, timeout, …), earlier sessions included. */
  errorsByClass: z.record(z.string(), z.number().int()),
});

export const RunProgress = z.object({
  runId: Id,
  status: RunStatus,
  total: z.number().int(),
  done: z.number().int(),
  ok: z.number().int(),
  errors: z.number().int(),
  cached: z.number().int(),
  /**
   * Money spent in this run so far (cached responses cost nothing); null when nothing answered
   * so far carried a price.
   */
  costUsd: z.number().nullable(),
  /** Cells per second over the recent past of this session (pauses left out). */
  throughputPerSec: z.number().nullable(),
  etaMs: z.number().nullable(),
  /** Time this session has been running, pauses left out. */
  elapsedMs: z.number(),
  /**
   * A pause or cancel that was asked for and has not taken effect yet (requests in flight
   * finish or wait out a Retry-After first); absent when nothing is pending.
   */
  stopping: z.enum(['pausing', 'cancelling']).optional(),
  models: z.array(ModelProgress),
  errorsByClass: z.record(z.string(), z.number().int()),
  providers: z.array(
    z.object({
      key: z.string(),
      circuit: z.enum(['closed', 'open', 'half_open', 'tripped']),
      inFlight: z.number().int(),
      concurrency: z.number().int(),
      /** Waiting for the time a rate-limited provider asked for. */
      isPausedByProvider: z.boolean(),
    }),
  ),
});
export type RunProgress = z.infer<typeof RunProgress>;

const LatencySummary = z.object({
  /** Live, successful, not cold-start responses. */
  n: z.number().int(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  ttftP50Ms: z.number().nullable(),
});

export const RunModelResult = z.object({
  modelKey: z.string(),
  providerKind: z.string(),
  model: z.string(),
  params: z.record(z.string(), z.unknown()),
  total: z.number().int(),
  ok: z.number().int(),
  errors: z.number().int(),
  cached: z.number().int(),
  pending: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** Some token counts were estimated with a tokenizer (the provider reported no usage). */
  hasTokenEstimates: z.boolean(),
  /** Nominal cost of the responses (cached ones included), when the model is priced. */
  costUsd: z.number().nullable(),
  latency: LatencySummary,
  errorsByClass: z.record(z.string(), z.number().int()),
});
export type RunModelResult = z.infer<typeof RunModelResult>;

export const RunDetail = RunSummary.extend({
  startedAt: IsoTime.nullable(),
  error: z.string().nullable(),
  manifest: z.record(z.string(), z.unknown()),
  manifestHash: Sha256,
  models: z.array(RunModelResult),
  /** Executing in this process right now. */
  isActive: z.boolean(),
});
export type RunDetail = z.infer<typeof RunDetail>;

export const RunResultRow = z.object({
  cellId: z.string(),
  ordinal: z.number().int(),
  itemKey: z.string(),
  category: z.string().nullable(),
  promptKey: z.string(),
  modelKey: z.string(),
  repeat: z.number().int(),
  status: z.enum(['pending', 'done', 'error', 'skipped']),
  output: z.string().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  latencyMs: z.number().nullable(),
  ttftMs: z.number().nullable(),
  costUsd: z.number().nullable(),
  errorClass: z.string().nullable(),
  errorMessage: z.string().nullable(),
  isCached: z.boolean(),
  isColdStart: z.boolean(),
});
export type RunResultRow = z.infer<typeof RunResultRow>;

export const RunEstimate = z.object({
  itemCount: z.number().int(),
  cellCount: z.number().int(),
  models: z.array(
    z.object({
      modelKey: z.string(),
      cells: z.number().int(),
      inputTokens: z.number().int(),
      /** Upper bound: max_tokens per cell (or the default when unset). */
      maxOutputTokens: z.number().int(),
      /** Upper bound in US dollars; null when the model has no price. */
      maxCostUsd: z.number().nullable(),
      /**
       * Time to send every cell of this model alone: cells × median latency of its earlier
       * responses ÷ the lane's concurrency (or the RPM limit, when slower). Null without history.
       */
      estimatedMs: z.number().nullable(),
      /** Earlier responses the median latency came from (0: no history, no time). */
      latencySamples: z.number().int(),
    }),
  ),
  /** Upper bound for the whole run; null when any model has no price. */
  maxCostUsd: z.number().nullable(),
  /**
   * The priced models' upper bounds added up (0 when none has a price), so one model without a
   * price does not hide the others' total.
   */
  pricedMaxCostUsd: z.number(),
  /** Models without a price, in suite order. */
  unpricedModelKeys: z.array(z.string()),
  /** Time for the whole run: models sharing a provider lane take turns, lanes run side by side. */
  estimatedMs: z.number().nullable(),
  isTokenEstimate: z.boolean(),
});
export type RunEstimate = z.infer<typeof RunEstimate>;

const RunRef = z.strictObject({ runId: Id });

export const runRoutes = {
  'runs.list': defineRoute({
    kind: 'query',
    description: 'Every run, newest first, with cell counts.',
    input: Empty,
    output: z.array(RunSummary),
  }),
  'runs.get': defineRoute({
    kind: 'query',
    description: 'One run with its manifest and per-model counts, tokens, cost and latency.',
    input: RunRef,
    output: RunDetail,
  }),
  'runs.results': defineRoute({
    kind: 'query',
    description: 'A page of the cells of a run with their responses, in run order.',
    input: z.strictObject({
      runId: Id,
      modelKey: z.string().optional(),
      status: z.enum(['pending', 'done', 'error']).optional(),
      page: Page.optional(),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(RunResultRow) }),
  }),
  'runs.progress': defineRoute({
    kind: 'query',
    description: 'The latest progress of a run executing in this process (null otherwise).',
    input: RunRef,
    output: RunProgress.nullable(),
  }),
  'runs.estimate': defineRoute({
    kind: 'query',
    description:
      'What running a suite would send: cells, tokens and an upper bound on cost (with the priced part and the unpriced models when some have no price).',
    input: z.strictObject({ suite: SuiteRef, plan: PlanOptionsInput.optional() }),
    output: RunEstimate,
  }),
  'runs.start': defineRoute({
    kind: 'command',
    description:
      'Validates and plans a suite (every cell written first), then executes it in the background.',
    input: z.strictObject({
      suite: SuiteRef,
      plan: PlanOptionsInput.optional(),
      execution: ExecutionOptions.optional(),
    }),
    output: z.object({ runId: Id, cellCount: z.number().int(), jobId: Id }),
  }),
  'runs.resume': defineRoute({
    kind: 'command',
    description:
      'Continues a paused, cancelled, failed or interrupted run: sends only cells without a stored response.',
    input: z.strictObject({
      runId: Id,
      execution: ExecutionOptions.optional(),
      /** Also re-send cells that ended in an error. */
      retryErrors: z.boolean().default(false),
    }),
    output: z.object({ runId: Id, pending: z.number().int(), jobId: Id.nullable() }),
  }),
  'runs.pause': defineRoute({
    kind: 'command',
    description: 'Stops sending new requests; requests in flight finish and are stored.',
    input: RunRef,
    output: z.object({ status: RunStatus }),
  }),
  'runs.cancel': defineRoute({
    kind: 'command',
    description: 'Aborts requests in flight and stops; everything stored is kept.',
    input: RunRef,
    output: z.object({ cancelled: z.boolean() }),
  }),
  'runs.rename': defineRoute({
    kind: 'command',
    description: 'Gives a run a new display name (trimmed, 1–200 characters).',
    input: z.strictObject({ runId: Id, name: RunName }),
    output: z.object({ runId: Id, name: z.string() }),
  }),
  'runs.deletePreview': defineRoute({
    kind: 'query',
    description:
      'What deleting a run would remove (rows by kind) and what refuses it (executing, being scored, a decision or a labeling session using it); changes nothing.',
    input: RunRef,
    output: RunRemovalPreview,
  }),
  'runs.delete': defineRoute({
    kind: 'command',
    description:
      'Deletes a run and everything that hangs off it in one transaction (the response cache is kept); refused while it executes or when a decision or labeling session uses it.',
    input: RunRef,
    output: RunRemoved,
  }),
  'runs.interruptedDeletions': defineRoute({
    kind: 'query',
    description:
      'Runs whose deletion stopped part way (cancelled, failed, or the app closed) and is not going on now: hidden from every other reader, listed only to finish deleting them.',
    input: Empty,
    output: z.array(RunRemovalInterrupted),
  }),
  'runs.finishDelete': defineRoute({
    kind: 'command',
    description:
      'Finishes deleting a run whose deletion stopped part way: the rest of its cells in batches as a job, then the run.',
    input: RunRef,
    output: RunRemoved,
  }),
};

export const RunFinished = z.object({
  runId: Id,
  status: z.enum(['completed', 'cancelled', 'failed']),
  error: z.string().nullable(),
  progress: RunProgress,
});
export type RunFinished = z.infer<typeof RunFinished>;

export const runEvents = {
  'run.progress': defineEvent({
    description: 'A run advanced (throttled to a few per second) or changed status.',
    payload: RunProgress,
  }),
  'run.finished': defineEvent({
    description: 'A run execution ended: completed, cancelled or failed (scoring starts here).',
    payload: RunFinished,
  }),
};
