import { z } from 'zod';
import { Id, IsoTime, Sha256 } from '../common';

/**
 * Shapes of human rating sessions: the rubric, sampling and overlap a session is created
 * with, what a rater sees of one task, the labels, and a rater's progress. Numbers that cannot
 * be computed are null, never NaN.
 */

const Num = z.number().nullable();

/**
 * A score scale that fits the number keys: 0–9, or 1–10 where the 0 key means 10.
 */
export const Scale = z
  .strictObject({
    min: z.number().int().min(0).max(1),
    max: z.number().int().min(1).max(10),
  })
  .refine((s) => s.max > s.min && s.max - s.min <= 9, {
    message: 'the scale must fit the number keys: 0–9 or 1–10',
  });
export type Scale = z.infer<typeof Scale>;

export const Rubric = z.strictObject({
  /** What the rater judges ("Does the answer solve the problem?", "Which answer is better?"). */
  question: z.string().trim().min(1).max(2000),
  /** Pointwise only: the score scale (default 1–5). */
  scale: Scale.default({ min: 1, max: 5 }),
  /** A description for each score, e.g. {"1": "wrong", "5": "as good as the reference"}. */
  anchors: z.record(z.string().regex(/^\d+$/), z.string().trim().min(1).max(500)).default({}),
  /** Pointwise only: ask for a pass / fail verdict as well as the score. */
  passFail: z.boolean().default(false),
  /** Pointwise only: offer the workspace's failure-mode tags. */
  failureModes: z.boolean().default(true),
  /** Show the item's reference answer to the rater. */
  showReference: z.boolean().default(false),
});
export type Rubric = z.infer<typeof Rubric>;

const SampleSize = z.number().int().min(1).max(100_000);
const Oversample = {
  n: SampleSize,
  /** Judge scorer keys to read (default: every judge scorer of the runs). */
  scorerKeys: z.array(z.string().min(1)).optional(),
  /** How much more likely a fully flagged unit is drawn than an unflagged one. */
  factor: z.number().min(1).max(100).default(5),
};

export const Sampling = z.discriminatedUnion('strategy', [
  z.strictObject({ strategy: z.literal('all') }),
  z.strictObject({ strategy: z.literal('random'), n: SampleSize }),
  z.strictObject({
    strategy: z.literal('stratified'),
    n: SampleSize,
    /** proportional: each category in its share of the runs; equal: the same number each. */
    allocation: z.enum(['proportional', 'equal']).default('proportional'),
  }),
  /** Oversample units where the judges (or the judge's two orders) disagree. */
  z.strictObject({ strategy: z.literal('judge-disagreement'), ...Oversample }),
  /** Oversample units where the judge is least confident (near the pass mark, ties). */
  z.strictObject({ strategy: z.literal('judge-uncertainty'), ...Oversample }),
  /** Oversample items where the models' scores differ. */
  z.strictObject({ strategy: z.literal('model-disagreement'), ...Oversample }),
]);
export type Sampling = z.infer<typeof Sampling>;

export const Overlap = z.strictObject({
  /** Share of tasks rated by several people (e.g. 0.2 = 20% double-rated). */
  share: z.number().min(0).max(1).default(0),
  ratersPerItem: z.number().int().min(2).max(10).default(2),
});
export type Overlap = z.infer<typeof Overlap>;

export const ModelRef = z.strictObject({ runId: Id, modelKey: z.string().min(1) });
export type ModelRef = z.infer<typeof ModelRef>;

export const SessionKind = z.enum(['pointwise', 'pairwise']);
export type SessionKind = z.infer<typeof SessionKind>;

export const CreateSessionInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: SessionKind,
  /** Pointwise: the runs whose outputs are rated. Pairwise: taken from `pair`. */
  runIds: z.array(Id).max(20).default([]),
  /** Pointwise: only these model keys (default: every model of the runs). */
  models: z.array(z.string().min(1)).optional(),
  /** Pairwise: the two sides; outputs are paired by item, prompt and repeat. */
  pair: z.strictObject({ a: ModelRef, b: ModelRef }).optional(),
  /** Model names hidden, A/B position randomised per item (default). */
  isBlind: z.boolean().default(true),
  rubric: Rubric,
  sampling: Sampling.default({ strategy: 'all' }),
  overlap: Overlap.default({ share: 0, ratersPerItem: 2 }),
  /** Seed of the sampling, overlap and A/B draws (default: the session id). */
  seed: z.string().min(1).max(200).optional(),
});
export type CreateSessionInput = z.input<typeof CreateSessionInput>;

export const SessionSummary = z.object({
  id: Id,
  name: z.string(),
  kind: SessionKind,
  isBlind: z.boolean(),
  status: z.enum(['open', 'closed']),
  createdAt: IsoTime,
  /** Arrived from a portable session file (its content is not backed by runs here). */
  isImported: z.boolean(),
  runIds: z.array(z.string()),
  rubric: Rubric,
  sampling: Sampling,
  overlap: Overlap,
  schemeHash: Sha256,
  tasks: z.number().int(),
  /** Tasks with as many ratings as they need (own or inherited labels). */
  completeTasks: z.number().int(),
  labels: z.number().int(),
  raters: z.number().int(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const RaterProgress = z.object({
  raterId: Id,
  rater: z.string(),
  total: z.number().int(),
  /** Tasks this rater labelled in this session. */
  rated: z.number().int(),
  /** Tasks this rater had labelled elsewhere (same content, same question). */
  inherited: z.number().int(),
  /** Tasks still waiting for this rater. */
  pending: z.number().int(),
  /** Recent pace in labels per minute (pauses over 5 minutes left out). */
  perMinute: Num,
  etaMs: Num,
  lastSavedAt: IsoTime.nullable(),
});
export type RaterProgress = z.infer<typeof RaterProgress>;

export const SessionDetail = SessionSummary.extend({
  progress: z.array(RaterProgress),
  /** Pointwise: the models rated; pairwise: the two sides (hidden from raters when blind). */
  sources: z.array(z.object({ runId: z.string().nullable(), modelKey: z.string() })),
});
export type SessionDetail = z.infer<typeof SessionDetail>;

export const QueueStatus = z.enum(['rated', 'inherited', 'pending', 'complete']);
export type QueueStatus = z.infer<typeof QueueStatus>;

export const Queue = z.object({
  sessionId: Id,
  raterId: Id,
  entries: z.array(z.object({ taskId: Id, position: z.number().int(), status: QueueStatus })),
  progress: RaterProgress,
});
export type Queue = z.infer<typeof Queue>;

/** A pairwise choice in the positions shown to the rater. */
export const ShownChoice = z.enum(['A', 'B', 'tie', 'both_bad']);
export type ShownChoice = z.infer<typeof ShownChoice>;

export const LabelView = z.object({
  id: Id,
  score: Num,
  choice: ShownChoice.nullable(),
  isPass: z.boolean().nullable(),
  note: z.string().nullable(),
  /** Failure-mode ids. */
  tags: z.array(z.string()),
  updatedAt: IsoTime,
});
export type LabelView = z.infer<typeof LabelView>;

export const TaskView = z.object({
  sessionId: Id,
  taskId: Id,
  position: z.number().int(),
  kind: SessionKind,
  itemKey: z.string(),
  category: z.string().nullable(),
  inputFormat: z.enum(['text', 'messages']),
  input: z.string(),
  reference: z.string().nullable(),
  /** In the order shown: A then B for pairs (randomised per task when blind). */
  outputs: z.array(
    z.object({
      slot: z.enum(['A', 'B']).nullable(),
      text: z.string(),
      model: z.string().nullable(),
    }),
  ),
  /** This rater's own label (never another rater's). */
  myLabel: LabelView.nullable(),
  /** The label came from another session that judged the same content. */
  isInherited: z.boolean(),
});
export type TaskView = z.infer<typeof TaskView>;

export const SubmitLabelInput = z.strictObject({
  sessionId: Id,
  taskId: Id,
  raterId: Id,
  score: z.number().int().min(0).max(10).optional(),
  choice: ShownChoice.optional(),
  isPass: z.boolean().nullable().optional(),
  note: z.string().max(10_000).nullable().optional(),
  tags: z.array(Id).max(50).optional(),
});
export type SubmitLabelInput = z.input<typeof SubmitLabelInput>;

export const Rater = z.object({
  id: Id,
  name: z.string(),
  createdAt: IsoTime,
  labels: z.number().int(),
});
export type Rater = z.infer<typeof Rater>;

export const FailureMode = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  isArchived: z.boolean(),
});
export type FailureMode = z.infer<typeof FailureMode>;

export const RunSources = z.array(
  z.object({
    runId: Id,
    runName: z.string(),
    status: z.string(),
    datasetVersionId: Id,
    models: z.array(
      z.object({ modelKey: z.string(), model: z.string(), outputs: z.number().int() }),
    ),
    categories: z.array(z.object({ category: z.string().nullable(), items: z.number().int() })),
    judgeScorers: z.array(
      z.object({ key: z.string(), type: z.string(), scored: z.number().int() }),
    ),
  }),
);
export type RunSources = z.infer<typeof RunSources>;

export const ImportResult = z.object({
  sessionId: Id,
  sessionName: z.string(),
  /** The session did not exist here and was created from the file. */
  isNewSession: z.boolean(),
  tasksAdded: z.number().int(),
  labelsAdded: z.number().int(),
  labelsUpdated: z.number().int(),
  labelsUnchanged: z.number().int(),
  /** Labels removed here because the file records their removal (an undo) after their last change. */
  labelsRemoved: z.number().int(),
  /** The same rater labelled the same task in both places: the later change was kept. */
  conflicts: z.number().int(),
  ratersAdded: z.array(z.string()),
  failureModesAdded: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ExportedSession = z.object({
  fileName: z.string(),
  text: z.string(),
  bytes: z.number().int(),
  checksum: Sha256,
  tasks: z.number().int(),
  labels: z.number().int(),
});
export type ExportedSession = z.infer<typeof ExportedSession>;
