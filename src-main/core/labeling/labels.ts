/**
 * Giving, changing and undoing labels. Every change is one transaction that writes the label
 * and a history row (the values before the change), so a label is durable the moment it is
 * given and undo can walk back through the rater's changes — across restarts too.
 *
 * Pairwise choices arrive and leave in the positions the rater saw (A = shown first) and are
 * stored in canonical order ('a' = the task's first cell), using the task's recorded swap.
 */
import type {
  LabelView,
  QueueStatus,
  RaterProgress,
  ShownChoice,
  SubmitLabelInput,
} from '@contract/routes/labelingSchemas';
import type { z } from 'zod';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import type { LabelingRepo, LabelRow, TaskRow } from '../db/repos/labeling';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import { syncCellTags } from './cellTags';
import { loadSession, type LoadedSession } from './config';
import { laterThan, removeLabel } from './labelRemoval';
import { labelingRepo } from './repo';
import { statusFromRow } from './progress';
import { progressOf } from './summary';

type TaskStatus = { taskId: string; position: number; status: QueueStatus };
type TaskStatusRow = ReturnType<LabelingRepo['taskStatusRows']>[number];

type Submit = z.output<typeof SubmitLabelInput>;
type StoredChoice = LabelRow['choice'];

export function toStoredChoice(choice: ShownChoice, isSwapped: boolean): NonNullable<StoredChoice> {
  if (choice === 'A') return isSwapped ? 'b' : 'a';
  if (choice === 'B') return isSwapped ? 'a' : 'b';
  return choice;
}

export function toShownChoice(choice: StoredChoice, isSwapped: boolean): ShownChoice | null {
  if (choice === null) return null;
  if (choice === 'a') return isSwapped ? 'B' : 'A';
  if (choice === 'b') return isSwapped ? 'A' : 'B';
  return choice;
}

export function parseTags(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function labelView(row: LabelRow, isSwapped: boolean): LabelView {
  return {
    id: row.id,
    score: row.score,
    choice: toShownChoice(row.choice, isSwapped),
    isPass: row.is_pass === null ? null : row.is_pass === 1,
    note: row.note,
    tags: parseTags(row.tags),
    updatedAt: row.updated_at,
  };
}

interface Values {
  score: number | null;
  choice: StoredChoice;
  isPass: boolean | null;
  note: string | null;
  tags: string;
}

function valuesOf(row: LabelRow): Values {
  return {
    score: row.score,
    choice: row.choice,
    isPass: row.is_pass === null ? null : row.is_pass === 1,
    note: row.note,
    tags: row.tags,
  };
}

function checkInput(repo: LabelingRepo, session: LoadedSession, input: Submit): void {
  const { rubric } = session.config;
  if (session.row.kind === 'pairwise') {
    if (input.score !== undefined)
      throw new ApiError('bad_request', 'a pairwise label has no score');
    if (input.isPass !== undefined && input.isPass !== null)
      throw new ApiError('bad_request', 'a pairwise label has no pass/fail');
    if (input.tags !== undefined && input.tags.length > 0)
      throw new ApiError('bad_request', 'failure-mode tags belong to pointwise labels');
    return;
  }
  if (input.choice !== undefined)
    throw new ApiError('bad_request', 'a pointwise label has a score, not a choice');
  if (
    input.score !== undefined &&
    (input.score < rubric.scale.min || input.score > rubric.scale.max)
  )
    throw new ApiError(
      'bad_request',
      `score ${input.score} is off the scale ${rubric.scale.min}–${rubric.scale.max}`,
    );
  if (input.isPass !== undefined && input.isPass !== null && !rubric.passFail)
    throw new ApiError('bad_request', 'this session does not ask for pass/fail');
  if (input.tags && input.tags.length > 0) {
    if (!rubric.failureModes)
      throw new ApiError('bad_request', 'this session does not use failure-mode tags');
    const known = new Set(repo.failureModes().map((m) => m.id));
    const unknown = input.tags.filter((t) => !known.has(t));
    if (unknown.length > 0)
      throw new ApiError('bad_request', `unknown failure mode(s): ${unknown.join(', ')}`);
  }
}

function merged(previous: Values | null, input: Submit, task: TaskRow): Values {
  return {
    score: input.score ?? previous?.score ?? null,
    choice:
      input.choice !== undefined
        ? toStoredChoice(input.choice, task.is_swapped === 1)
        : (previous?.choice ?? null),
    isPass: input.isPass !== undefined ? input.isPass : (previous?.isPass ?? null),
    note: input.note !== undefined ? input.note?.trim() || null : (previous?.note ?? null),
    tags:
      input.tags !== undefined
        ? JSON.stringify([...new Set(input.tags)].sort())
        : (previous?.tags ?? '[]'),
  };
}

const same = (a: Values, b: Values) => JSON.stringify(a) === JSON.stringify(b);

function openTask(repo: LabelingRepo, session: LoadedSession, taskId: string): TaskRow {
  const task = repo.task(taskId);
  if (!task || task.session_id !== session.row.id) throw notFound('task', taskId);
  return task;
}

export function submitLabel(
  ctx: CoreContext,
  input: Submit,
): { label: LabelView; progress: RaterProgress } {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, input.sessionId);
  if (session.row.status === 'closed')
    throw new ApiError('refused', `session "${session.row.name}" is closed; reopen it to rate`);
  const task = openTask(repo, session, input.taskId);
  if (!repo.rater(input.raterId)) throw notFound('rater', input.raterId);
  checkInput(repo, session, input);
  const existing = repo.labelOfTask(task.id, input.raterId) ?? null;
  const previous = existing ? valuesOf(existing) : null;
  const next = merged(previous, input, task);
  const needed = session.row.kind === 'pairwise' ? next.choice : next.score;
  if (needed === null)
    throw new ApiError(
      'bad_request',
      session.row.kind === 'pairwise' ? 'a pairwise label needs a choice' : 'a label needs a score',
    );
  const at = nowIso();
  let labelId = existing?.id ?? null;
  // A rater who judged this content before (here or in another session) is already counted
  // among its raters: a label from them is an edit and never exceeds the ratings per item.
  const isCounted =
    existing !== null ||
    repo.labelOfContent(task.content_hash, session.config.schemeHash, input.raterId) !== undefined;
  let statuses: TaskStatus[] | undefined;
  if (!previous || !same(previous, next)) {
    repo.transaction(() => {
      if (existing) repo.updateLabelValues(existing.id, { ...next, updatedAt: at });
      else {
        labelId = newId('label');
        repo.insertLabel({
          id: labelId,
          taskId: task.id,
          sessionId: session.row.id,
          raterId: input.raterId,
          contentHash: task.content_hash,
          schemeHash: session.config.schemeHash,
          ...next,
          createdAt: at,
          updatedAt: at,
        });
      }
      repo.addHistory({
        sessionId: session.row.id,
        taskId: task.id,
        raterId: input.raterId,
        labelId: labelId as string,
        previous: previous
          ? JSON.stringify({ ...previous, updatedAt: existing?.updated_at })
          : null,
        createdAt: at,
      });
      syncCellTags(repo, task, input.raterId, previous?.tags ?? null, next.tags, at);
      // Checked after the write, inside the transaction (a refusal rolls it back), so that the
      // one pass over the session's tasks also gives the rater's progress below.
      const rows = repo.taskStatusRows(session.row.id, session.config.schemeHash, input.raterId);
      if (!isCounted) refuseBeyondRequired(rows, task);
      statuses = rows.map((row) => ({
        taskId: row.id,
        position: row.position,
        status: statusFromRow(row),
      }));
    });
    ctx.events.emit('labeling.saved', {
      sessionId: session.row.id,
      taskId: task.id,
      raterId: input.raterId,
    });
  }
  const row = repo.label(labelId as string) as LabelRow;
  return {
    label: labelView(row, task.is_swapped === 1),
    progress: progressOf(repo, session, input.raterId, statuses),
  };
}

/**
 * A task is asked of a rater while fewer distinct raters than it requires have labelled its
 * content. A first label from a rater on a task that already had its ratings from others would
 * exceed the session's ratings per item: refused, whatever the screen offered.
 * `rows` are read after the new label was written, so the rater is counted among them.
 */
function refuseBeyondRequired(rows: readonly TaskStatusRow[], task: TaskRow): void {
  const row = rows.find((r) => r.id === task.id);
  if (!row || row.raters <= row.required) return;
  const others = row.raters - 1;
  throw new ApiError(
    'refused',
    `task ${task.position + 1} already has ${others} rating${others === 1 ? '' : 's'} from other raters ` +
      `and needs ${row.required}: it is not waiting for this rater, so no label was saved`,
  );
}

/** The values before a change; `updatedAt` (their time) is kept for the record only. */
interface StoredPrevious extends Values {
  updatedAt?: string;
}

/**
 * What a rater may have given before the score or choice (a note, pass/fail): the screen keeps
 * them when undo removes the label they were saved with, so undoing a choice does not lose them.
 */
export interface RemovedParts {
  note: string | null;
  isPass: boolean | null;
}

export function undoLast(
  ctx: CoreContext,
  sessionId: string,
  raterId: string,
): {
  taskId: string | null;
  action: 'removed' | 'restored' | null;
  removed: RemovedParts | null;
  progress: RaterProgress;
} {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, sessionId);
  // Undo changes a label as much as giving one does: not in a closed session either.
  if (session.row.status === 'closed')
    throw new ApiError(
      'refused',
      `session "${session.row.name}" is closed; reopen it to change labels`,
    );
  if (!repo.rater(raterId)) throw notFound('rater', raterId);
  const last = repo.lastChange(sessionId, raterId);
  let action: 'removed' | 'restored' | null = null;
  let removed: RemovedParts | null = null;
  if (last) {
    repo.transaction(() => {
      const task = last.task_id ? repo.task(last.task_id) : undefined;
      const label = repo.label(last.label_id);
      const at = nowIso();
      if (last.previous === null) {
        // The tombstone lets the removal travel to workspaces that imported the label.
        if (label) {
          removeLabel(repo, label, laterThan(label.updated_at, at));
          const { note, isPass } = valuesOf(label);
          removed = { note, isPass };
        }
        action = 'removed';
      } else {
        const previous = JSON.parse(last.previous) as StoredPrevious;
        if (task) syncCellTags(repo, task, raterId, label?.tags ?? null, previous.tags, at);
        // Restoring is a change made now: its time moves forward (not back to the previous
        // value's), so a newer-wins merge elsewhere takes the restored value.
        repo.updateLabelValues(last.label_id, {
          score: previous.score,
          choice: previous.choice,
          isPass: previous.isPass,
          note: previous.note,
          tags: previous.tags,
          updatedAt: label ? laterThan(label.updated_at, at) : at,
        });
        action = 'restored';
      }
      repo.markUndone(last.id);
    });
    if (last.task_id)
      ctx.events.emit('labeling.saved', { sessionId, taskId: last.task_id, raterId });
  }
  return {
    taskId: last?.task_id ?? null,
    action,
    removed,
    progress: progressOf(repo, session, raterId),
  };
}
