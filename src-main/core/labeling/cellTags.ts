/**
 * A pointwise label's failure-mode tags also tag the output itself (`cell_failure_modes`), so
 * the compare grid can count and filter by them. Called inside the label's transaction with the
 * tags before and after the change (a new label, an edit, or an undo).
 */
import type { LabelingRepo, TaskRow } from '../db/repos/labeling';
import { parseTags } from './labels';

export function syncCellTags(
  repo: LabelingRepo,
  task: Pick<TaskRow, 'cell_id' | 'cell_b_id'>,
  raterId: string,
  before: string | null,
  after: string | null,
  at: string,
): void {
  // Pairwise tasks carry no tags; imported tasks have no cell in this workspace.
  if (task.cell_id === null || task.cell_b_id !== null) return;
  const previous = new Set(before === null ? [] : parseTags(before));
  const next = new Set(after === null ? [] : parseTags(after));
  const added = [...next].filter((t) => !previous.has(t));
  const removed = [...previous].filter((t) => !next.has(t));
  if (added.length > 0) repo.addCellFailureModes(task.cell_id, added, raterId, at);
  if (removed.length > 0) repo.removeCellFailureModes(task.cell_id, removed, raterId);
}
