/**
 * What a viewer of a session's agreement summary may see of other raters' labels. A rater never
 * sees another rater's label (nor, on a blind pairwise task, which model gave which output)
 * before giving their own, so a task the viewer still has to rate is withheld. The rule lives in
 * the core because the renderer cannot be trusted to hide what it has been sent.
 */
import type { TaskRow } from '../db/repos/labeling';
import type { LoadedSession } from './config';
import { taskStatus, type SessionState } from './progress';

/** No rater of this id exists: an anonymous viewer is asked what a rater with no label would be. */
const prospectiveRater = '';

export interface BlindView {
  /** True when the task's labels are withheld from this viewer. */
  withholds(task: TaskRow): boolean;
  /** Why withheld items are missing, for the count given; null when nothing is withheld. */
  reason(count: number): string | null;
}

export function blindView(
  session: LoadedSession,
  state: SessionState,
  viewerRaterId: string | undefined,
): BlindView {
  // A closed session asks nobody anything more: everyone may see everything.
  const open = session.row.status !== 'closed';
  const viewer = viewerRaterId ?? prospectiveRater;
  return {
    withholds: (task) => open && taskStatus(state, task, viewer) === 'pending',
    reason: (count) => {
      if (count === 0) return null;
      const items = count === 1 ? '1 item' : `${count} items`;
      const verb = count === 1 ? 'is' : 'are';
      return viewerRaterId === undefined
        ? `${items} still to be rated ${verb} hidden: pick your rater to see the ones you have rated (a rater does not see others' labels before giving their own).`
        : `${items} you still have to rate ${verb} hidden: a rater does not see others' labels (or, in a blind session, which model is which) before giving their own.`;
    },
  };
}
