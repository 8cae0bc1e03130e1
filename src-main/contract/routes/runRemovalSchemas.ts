import { z } from 'zod';
import { Id, IsoTime } from '../common';

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
