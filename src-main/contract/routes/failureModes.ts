import { z } from 'zod';
import { defineRoute } from '../define';
import { Empty, Id } from '../common';
import { GridColumnsBy } from './results';

/**
 * Failure modes on outputs: tag a cell with modes from the workspace taxonomy
 * (`labeling.failureModes` lists it, `labeling.addFailureMode` extends it), count them per
 * model, and carry the taxonomy to the next evaluation as a file.
 */

export const FailureModeCounts = z.object({
  modes: z.array(
    z.object({
      id: Id,
      name: z.string(),
      description: z.string().nullable(),
      isArchived: z.boolean(),
      /** Outputs tagged with it in the runs asked about. */
      total: z.number().int(),
    }),
  ),
  /**
   * Every column of `results.grid` for the same runs and layout, in its order, with its id and
   * label, tagged or not: taggedOutputs 0 means nobody has tagged that column yet.
   */
  columns: z.array(
    z.object({
      columnId: z.string(),
      label: z.string(),
      /** Outputs of the column with at least one failure mode. */
      taggedOutputs: z.number().int(),
      /** Tagged outputs by failure-mode id; a mode none of them carries is left out. */
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
});
export type FailureModeCounts = z.infer<typeof FailureModeCounts>;

export const TaxonomyImportResult = z.object({
  added: z.array(z.string()),
  existing: z.array(z.string()),
  /** Existing modes that had no description and received the file's. */
  described: z.array(z.string()),
});
export type TaxonomyImportResult = z.infer<typeof TaxonomyImportResult>;

export const failureModeRoutes = {
  'failureModes.tagCell': defineRoute({
    kind: 'command',
    description: 'Sets the failure modes of one output (cell); an empty list removes them all.',
    input: z.strictObject({
      cellId: z.string().min(1),
      failureModeIds: z.array(Id).max(100),
      /** Who tagged it (a rater profile name, created on first use). */
      rater: z.string().min(1).max(100).optional(),
    }),
    output: z.object({ cellId: z.string(), failureModeIds: z.array(Id) }),
  }),
  'failureModes.counts': defineRoute({
    kind: 'query',
    description:
      'Tagged outputs per failure mode and per grid column (model or prompt variant), every column of the grid included.',
    input: z.strictObject({
      runId: Id,
      baselineRunId: Id.optional(),
      columnsBy: GridColumnsBy.default('model'),
    }),
    output: FailureModeCounts,
  }),
  'failureModes.export': defineRoute({
    kind: 'query',
    description:
      'The workspace failure-mode taxonomy as a JSON file, to carry to the next evaluation.',
    input: Empty,
    output: z.object({ fileName: z.string(), text: z.string(), count: z.number().int() }),
  }),
  'failureModes.import': defineRoute({
    kind: 'command',
    description:
      'Adds the failure modes of a taxonomy file to this workspace (by name; existing ones are kept).',
    input: z.union([
      z.strictObject({ text: z.string().min(1), fileName: z.string().max(300).optional() }),
      z.strictObject({ path: z.string().min(1) }),
    ]),
    output: TaxonomyImportResult,
  }),
};
