import { z } from 'zod';
import { Id, removalCountLine } from '../common';

/** What deleting a suite removes with it, by kind (rows). */
export const SuiteRemovalCounts = z.object({
  /** Saved texts of the suite's name (each save of a changed text is one). */
  versions: z.number().int(),
  /** Unsaved edits stored for any of those texts. */
  drafts: z.number().int(),
});
export type SuiteRemovalCounts = z.infer<typeof SuiteRemovalCounts>;

/** One kind of row deleting a suite removes, named by the core for its count ("1 saved version"). */
export const SuiteRemovalCountLine = removalCountLine(SuiteRemovalCounts);
export type SuiteRemovalCountLine = z.infer<typeof SuiteRemovalCountLine>;

/** A run named in a refusal, with what a screen needs to link to it. */
export const RunUsingSuite = z.object({
  runId: Id,
  runName: z.string(),
  /** True while the run itself is being deleted (it is then no longer listed). */
  isBeingDeleted: z.boolean(),
});
export type RunUsingSuite = z.infer<typeof RunUsingSuite>;

/** Why a suite cannot be deleted now; each says what to do. */
export const SuiteRemovalBlocker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('runs'),
    /** Every run that used any saved text of the name; `runs` holds the newest five. */
    total: z.number().int(),
    runs: z.array(RunUsingSuite),
    message: z.string(),
  }),
]);
export type SuiteRemovalBlocker = z.infer<typeof SuiteRemovalBlocker>;

/** The dry run of `suites.delete`: the same counts and refusal reasons, nothing changed. */
export const SuiteRemovalPreview = z.object({
  suiteId: Id,
  suiteName: z.string(),
  /** True when nothing blocks the deletion. */
  canDelete: z.boolean(),
  blockers: z.array(SuiteRemovalBlocker),
  counts: SuiteRemovalCounts,
  /** What a screen or terminal lists of `counts`, in order: the versions and any drafts. */
  countLines: z.array(SuiteRemovalCountLine),
});
export type SuiteRemovalPreview = z.infer<typeof SuiteRemovalPreview>;
