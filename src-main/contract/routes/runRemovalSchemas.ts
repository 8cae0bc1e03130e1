import { z } from 'zod';
import { Id, IsoTime, removalCountLine } from '../common';

/** A new display name for a run: trimmed, 1–200 characters. */
export const RunName = z
  .string()
  .trim()
  .min(1, 'a run name cannot be empty')
  .max(200, 'a run name is at most 200 characters');

/** What deleting a run removes with it, by kind (rows). */
export const RunRemovalCounts = z.object({
  cells: z.number().int(),
  responses: z.number().int(),
  scores: z.number().int(),
  scoreOverrides: z.number().int(),
  failureModeTags: z.number().int(),
  judgeVariants: z.number().int(),
  judgeVariantScores: z.number().int(),
  runModels: z.number().int(),
  runPrompts: z.number().int(),
});
export type RunRemovalCounts = z.infer<typeof RunRemovalCounts>;

/** One kind of row deleting a run removes, named by the core for its count ("1 cell", "8 cells"). */
export const RunRemovalCountLine = removalCountLine(RunRemovalCounts);
export type RunRemovalCountLine = z.infer<typeof RunRemovalCountLine>;

/**
 * Why a run cannot be deleted now. Each says what to do; decisions and sessions carry what a
 * screen needs to link to them.
 */
export const RunRemovalBlocker = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('executing'), message: z.string() }),
  z.object({ kind: z.literal('scoring'), jobId: Id, message: z.string() }),
  z.object({
    kind: z.literal('decision'),
    decisionId: Id,
    /** The run the decision was recorded on (where it is shown). */
    decisionRunId: Id,
    role: z.enum(['candidate', 'baseline']),
    verdict: z.enum(['ship', 'ship_with_caveats', 'dont_ship']),
    createdAt: IsoTime,
    message: z.string(),
  }),
  z.object({
    kind: z.literal('labeling_session'),
    sessionId: Id,
    sessionName: z.string(),
    /** Tasks of the session on this run's outputs. */
    taskCount: z.number().int(),
    message: z.string(),
  }),
]);
export type RunRemovalBlocker = z.infer<typeof RunRemovalBlocker>;

/** The dry run of `runs.delete`: the same counts and refusal reasons, nothing changed. */
export const RunRemovalPreview = z.object({
  runId: Id,
  runName: z.string(),
  /** True when nothing blocks the deletion. */
  canDelete: z.boolean(),
  blockers: z.array(RunRemovalBlocker),
  counts: RunRemovalCounts,
  /** What a screen or terminal lists of `counts`, in order: the cells and every kind with rows. */
  countLines: z.array(RunRemovalCountLine),
  /**
   * Distinct answers of this run held in the response cache: they stay, so running the same
   * suite again is answered from the cache.
   */
  cachedResponsesKept: z.number().int(),
});
export type RunRemovalPreview = z.infer<typeof RunRemovalPreview>;

export const RunRemoved = z.object({
  runId: Id,
  runName: z.string(),
  deleted: RunRemovalCounts,
  cachedResponsesKept: z.number().int(),
});
export type RunRemoved = z.infer<typeof RunRemoved>;

/**
 * A run whose deletion started and stopped part way (cancelled, failed, or the app closed or
 * crashed meanwhile) and is not going on now. It stays hidden from every reader — half of its
 * cells are gone — and is listed only so that its deletion can be finished.
 */
export const RunRemovalInterrupted = z.object({
  runId: Id,
  runName: z.string(),
  removalStartedAt: IsoTime,
  cellsLeft: z.number().int(),
});
export type RunRemovalInterrupted = z.infer<typeof RunRemovalInterrupted>;
