/**
 * What a rater sees: their queue (every task with its status for them) and one task at a
 * time — the input, the outputs in the order shown, and only their own label. Another rater's
 * label is never part of a task view, so nobody sees someone else's verdict before giving
 * their own. Blind sessions show no model names.
 */
import type { Queue, TaskView } from '@contract/routes/labelingSchemas';
import { notFound } from '../apiError';
import type { CoreContext } from '../context';
import { loadSession } from './config';
import { labelView } from './labels';
import { labelingRepo } from './repo';
import { progressOf, statusesOf } from './summary';
import { contentOf, shownOrder } from './taskContent';

export function raterQueue(ctx: CoreContext, sessionId: string, raterId: string): Queue {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, sessionId);
  const statuses = statusesOf(repo, session, raterId);
  return {
    sessionId,
    raterId,
    entries: statuses,
    progress: progressOf(repo, session, raterId, statuses),
  };
}

export function taskView(
  ctx: CoreContext,
  sessionId: string,
  taskId: string,
  raterId: string,
): TaskView {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, sessionId);
  if (!repo.rater(raterId)) throw notFound('rater', raterId);
  const row = repo.taskContents(sessionId, taskId)[0];
  if (!row) throw notFound('task', taskId);
  const content = contentOf(row);
  const isSwapped = row.is_swapped === 1;
  const isBlind = session.row.is_blind === 1;
  const own = repo.labelOfTask(taskId, raterId);
  const inherited = own
    ? undefined
    : repo.labelOfContent(row.content_hash, session.config.schemeHash, raterId);
  const mine = own ?? inherited;
  const pairwise = session.row.kind === 'pairwise';
  return {
    sessionId,
    taskId,
    position: row.position,
    kind: session.row.kind,
    itemKey: content.itemKey,
    category: content.category,
    inputFormat: content.inputFormat,
    input: content.input,
    reference: session.config.rubric.showReference ? content.reference : null,
    outputs: shownOrder(content.outputs.length, isSwapped).map((index, shown) => {
      const output = content.outputs[index] as { text: string; model: string | null };
      return {
        slot: pairwise ? (shown === 0 ? 'A' : 'B') : null,
        text: output.text,
        model: isBlind ? null : output.model,
      };
    }),
    myLabel: mine ? labelView(mine, isSwapped) : null,
    isInherited: !own && inherited !== undefined,
  };
}
