/**
 * Where a session stands, computed from its tasks and every label answering its question about
 * their content (labels are keyed by content, so labels given in other sessions count):
 * - a task is complete when as many distinct raters as it requires have labelled its content;
 * - for one rater a task is `rated` (their label in this session), `inherited` (their label on
 *   the same content from elsewhere), `complete` (enough others did it) or `pending`;
 * - pace is labels per minute over the rater's last 20 saves in the session, leaving out
 *   pauses over five minutes; the ETA is what is pending at that pace.
 */
import type { QueueStatus, RaterProgress } from '@contract/routes/labelingSchemas';
import type { NamedLabelRow, TaskRow } from '../db/repos/labeling';

const pauseMs = 5 * 60 * 1000;
const paceWindow = 20;

export interface SessionState {
  tasks: TaskRow[];
  /** Latest label per (content hash, rater id). */
  byContent: Map<string, Map<string, NamedLabelRow>>;
  /** Labels given in this session, by task id then rater id. */
  byTask: Map<string, Map<string, NamedLabelRow>>;
}

export function sessionState(tasks: TaskRow[], labels: readonly NamedLabelRow[]): SessionState {
  const byContent = new Map<string, Map<string, NamedLabelRow>>();
  const byTask = new Map<string, Map<string, NamedLabelRow>>();
  // Labels come oldest first: a later label of the same rater on the same content replaces it.
  for (const label of labels) {
    let raters = byContent.get(label.content_hash);
    if (!raters) byContent.set(label.content_hash, (raters = new Map<string, NamedLabelRow>()));
    raters.set(label.rater_id, label);
    if (label.task_id !== null) {
      let own = byTask.get(label.task_id);
      if (!own) byTask.set(label.task_id, (own = new Map<string, NamedLabelRow>()));
      own.set(label.rater_id, label);
    }
  }
  return { tasks, byContent, byTask };
}

export function isComplete(state: SessionState, task: TaskRow): boolean {
  return (state.byContent.get(task.content_hash)?.size ?? 0) >= task.required_ratings;
}

export function taskStatus(state: SessionState, task: TaskRow, raterId: string): QueueStatus {
  if (state.byTask.get(task.id)?.has(raterId)) return 'rated';
  if (state.byContent.get(task.content_hash)?.has(raterId)) return 'inherited';
  return isComplete(state, task) ? 'complete' : 'pending';
}

/** Labels per minute over recent saves, pauses left out; null with fewer than two saves. */
export function pacePerMinute(saveTimes: readonly string[]): number | null {
  const times = saveTimes.slice(-paceWindow - 1).map((t) => Date.parse(t));
  let spent = 0;
  let intervals = 0;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    if (gap < 0 || gap > pauseMs) continue;
    spent += gap;
    intervals++;
  }
  if (intervals === 0) return null;
  // Saves within one millisecond: count them as one millisecond apart rather than infinitely fast.
  return (intervals / Math.max(spent, intervals)) * 60_000;
}

/** A task's status for a rater from `LabelingRepo.taskStatusRows` (same rules as `taskStatus`). */
export function statusFromRow(row: {
  own: number;
  mine: number;
  raters: number;
  required: number;
}): QueueStatus {
  if (row.own) return 'rated';
  if (row.mine) return 'inherited';
  return row.raters >= row.required ? 'complete' : 'pending';
}

export function progressFromStatuses(
  statuses: readonly QueueStatus[],
  rater: { id: string; name: string },
  saveTimes: readonly string[],
): RaterProgress {
  const count = (s: QueueStatus) => statuses.filter((x) => x === s).length;
  const pending = count('pending');
  const perMinute = pacePerMinute(saveTimes);
  return {
    raterId: rater.id,
    rater: rater.name,
    total: statuses.length,
    rated: count('rated'),
    inherited: count('inherited'),
    pending,
    perMinute,
    etaMs: perMinute === null ? null : (pending / perMinute) * 60_000,
    lastSavedAt: saveTimes.at(-1) ?? null,
  };
}

export function raterProgress(
  state: SessionState,
  rater: { id: string; name: string },
  saveTimes: readonly string[],
): RaterProgress {
  return progressFromStatuses(
    state.tasks.map((task) => taskStatus(state, task, rater.id)),
    rater,
    saveTimes,
  );
}
