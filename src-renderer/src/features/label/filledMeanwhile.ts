import { create } from 'zustand';
import { api, ApiCallError } from '../../api/client';
import { nextPending, useLabeling, type SaveState } from '../../stores/labeling';

/**
 * A first label the core refused because another rater gave the task its last rating while it
 * was on this rater's screen. The screen then shows the task read-only with that reason, offers
 * the next waiting task, and keeps the note the rater had typed for it (nothing typed is lost).
 */
export interface FilledMeanwhile {
  taskId: string;
  /** The task's place in the queue (0-based), to name it once the rater has moved on. */
  position: number;
  /** The note that was to be saved with the refused label; null when none was typed. */
  note: string | null;
}

export const useFilledMeanwhile = create<{ filled: FilledMeanwhile | null }>(() => ({
  filled: null,
}));

export const filledMeanwhileNotice =
  'Another rater has just rated this task, so your rating was not saved. ' +
  'Press S for the next task waiting for you.';

export function forgetFilledMeanwhile(): void {
  useFilledMeanwhile.setState({ filled: null });
}

/** The core's refusal of a label (task not this rater's, session closed): code, not wording. */
export function isRefusal(error: unknown): error is ApiCallError {
  return error instanceof ApiCallError && error.shape.code === 'refused';
}

/**
 * After a refused save of the label for `taskId`: re-reads the rater's queue from the core. If
 * the task now has its ratings from others, the fresh queue (progress counts included) and task
 * replace the stale ones and the refusal is remembered with the unsaved note. Any other refusal
 * (the session was closed) is shown as the save's error, as before.
 */
export async function explainRefusal(
  error: ApiCallError,
  taskId: string,
  note: string | null,
  before: SaveState,
): Promise<void> {
  const { queue, raterId } = useLabeling.getState();
  if (api && queue && raterId) {
    const fresh = await api.call('labeling.queue', { sessionId: queue.sessionId, raterId });
    const index = fresh.entries.findIndex((e) => e.taskId === taskId);
    if (index >= 0 && fresh.entries[index]?.status === 'complete') {
      useFilledMeanwhile.setState({ filled: { taskId, position: index, note } });
      useLabeling.setState({ queue: fresh, save: before, notice: null });
      await useLabeling.getState().goTo(index);
      return;
    }
  }
  useLabeling.setState({ save: { status: 'error', at: before.at, message: error.message } });
}

/**
 * S on a task with nothing to rate (its ratings came from others): on to the next waiting task,
 * without calling it a skip (the task does not stay in this rater's queue).
 */
export async function moveToNextWaiting(): Promise<void> {
  const { queue, cursor } = useLabeling.getState();
  if (!queue) return;
  const next = nextPending(queue, cursor);
  if (next < 0 || next === cursor) {
    useLabeling.setState({ notice: 'No other task is waiting for you.' });
    return;
  }
  useLabeling.setState({ notice: null });
  await useLabeling.getState().goTo(next);
}
