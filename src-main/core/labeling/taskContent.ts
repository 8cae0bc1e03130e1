/**
 * What a task shows: the item's input and the output(s) judged, from the run's cells, or — for
 * a task imported from a portable session file — from the payload the file carried. Outputs
 * are in canonical order (pairs: the order of the content hash); `shownOrder` applies the
 * task's recorded A/B swap.
 */
import { z } from 'zod';
import type { TaskContentRow } from '../db/repos/labeling';

export const TaskPayload = z.object({
  itemKey: z.string(),
  category: z.string().nullable(),
  inputFormat: z.enum(['text', 'messages']),
  input: z.string(),
  reference: z.string().nullable(),
  /** Canonical order; `model` is null when the exporting session was blind. */
  outputs: z
    .array(z.object({ text: z.string(), model: z.string().nullable() }))
    .min(1)
    .max(2),
});
export type TaskPayload = z.infer<typeof TaskPayload>;

export interface TaskContent extends TaskPayload {
  /** The run each output came from (null for imported tasks). */
  runIds: (string | null)[];
}

export function contentOf(row: TaskContentRow): TaskContent {
  if (row.payload !== null) {
    const payload = TaskPayload.parse(JSON.parse(row.payload));
    return { ...payload, runIds: payload.outputs.map(() => null) };
  }
  const outputs = [{ text: row.output_a ?? '', model: row.model_a }];
  const runIds = [row.run_a];
  if (row.cell_b_id !== null) {
    outputs.push({ text: row.output_b ?? '', model: row.model_b });
    runIds.push(row.run_b);
  }
  return {
    itemKey: row.item_key ?? '',
    category: row.category,
    inputFormat: row.input_format ?? 'text',
    input: row.input ?? '',
    reference: row.reference,
    outputs,
    runIds,
  };
}

/** Indexes into the canonical outputs in the order shown (A first). */
export function shownOrder(outputCount: number, isSwapped: boolean): number[] {
  if (outputCount === 1) return [0];
  return isSwapped ? [1, 0] : [0, 1];
}
