/**
 * Removing a label leaves a tombstone (`label_tombstones`): the id, what it judged, the rater and
 * when. Portable session files carry tombstones, so a removal made on one laptop removes the
 * label on the others, and an older file still holding the label does not bring it back.
 *
 * The rule, everywhere: a tombstone removes a label whose last change is at the same instant or
 * earlier; a label changed strictly later than its tombstone was given again and stays.
 */
import type { LabelingRepo, LabelRow } from '../db/repos/labeling';
import { syncCellTags } from './cellTags';

/** True when a removal at `removedAt` outranks a label last changed at `updatedAt`. */
export function removalWins(removedAt: string, updatedAt: string): boolean {
  return removedAt >= updatedAt;
}

/**
 * The first instant after `before` that is not earlier than `now`: a change made now must rank
 * above the label's previous change even when the clock has not moved on (same millisecond) or
 * went back, or other workspaces would keep the older value.
 */
export function laterThan(before: string, now: string): string {
  if (now > before) return now;
  const next = Date.parse(before) + 1;
  return Number.isNaN(next) ? now : new Date(next).toISOString();
}

/**
 * Deletes a label and records its tombstone at `removedAt` (call inside a transaction). The
 * tags it put on its output are taken back, as an undo does.
 */
export function removeLabel(repo: LabelingRepo, label: LabelRow, removedAt: string): void {
  const task = label.task_id === null ? undefined : repo.task(label.task_id);
  if (task) syncCellTags(repo, task, label.rater_id, label.tags, null, removedAt);
  repo.deleteLabel(label.id);
  repo.recordTombstone({
    label_id: label.id,
    task_id: label.task_id,
    session_id: label.session_id,
    rater_id: label.rater_id,
    content_hash: label.content_hash,
    scheme_hash: label.scheme_hash,
    removed_at: removedAt,
  });
}
