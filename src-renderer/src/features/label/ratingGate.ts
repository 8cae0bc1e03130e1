import { useLabeling, type LabelChange } from '../../stores/labeling';
import {
  explainRefusal,
  filledMeanwhileNotice,
  isRefusal,
  useFilledMeanwhile,
} from './filledMeanwhile';

type LabelingSnapshot = ReturnType<typeof useLabeling.getState>;

export const closedSessionNotice = 'This session is closed: its labels cannot be given or changed.';

/** Why the task on screen takes no label from this rater; `message` null: say nothing. */
export interface NotRateable {
  message: string | null;
}

/**
 * Whether the rater may give or change a label on the task on screen: the task is shown and
 * still the one the cursor points at, the session is open, and the task waits for this rater
 * or holds their own label (editing it). A task that has its ratings from other raters is shown
 * read-only — a label there would exceed the session's ratings per item (the core refuses it
 * too). Read when an action runs, not when its key was pressed: keys queue behind a save.
 * `filledMeanwhileId`: the task whose label was just refused because another rater filled it.
 */
export function whyNotRateable(
  state: Pick<LabelingSnapshot, 'session' | 'queue' | 'cursor' | 'task'>,
  filledMeanwhileId: string | null = null,
): NotRateable | null {
  const { session, queue, cursor, task } = state;
  const entry = queue?.entries[cursor];
  // Still loading (the session, or the task the cursor moved to): nothing on screen to rate.
  if (!session || !entry || task.status !== 'ready' || task.value.taskId !== entry.taskId)
    return { message: null };
  if (session.status === 'closed') return { message: closedSessionNotice };
  if (entry.status === 'complete' && entry.taskId === filledMeanwhileId)
    return { message: filledMeanwhileNotice };
  if (entry.status === 'complete')
    return {
      message: `Task ${cursor + 1} already has its ratings from other raters: nothing to rate here.`,
    };
  return null;
}

/** Saves a change when the task on screen is the rater's to rate; else says why not. */
export async function submitIfRateable(
  change: LabelChange,
  advance: boolean | 'complete',
): Promise<void> {
  const state = useLabeling.getState();
  const refusal = whyNotRateable(state, useFilledMeanwhile.getState().filled?.taskId);
  if (refusal) {
    if (refusal.message) useLabeling.setState({ notice: refusal.message });
    return;
  }
  // Known before the save: what it would write, should the core refuse it.
  const taskId = state.queue?.entries[state.cursor]?.taskId;
  const note = change.note ?? state.draft.note ?? null;
  const before = state.save;
  try {
    await state.submit(change, advance);
  } catch (error) {
    // Another rater may have filled the task while it was on screen: the core says so by its
    // code ('refused'), and the fresh state from the core says which refusal it was.
    if (!isRefusal(error) || !taskId) throw error;
    await explainRefusal(error, taskId, note, before);
  }
}
