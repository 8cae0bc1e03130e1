/**
 * Promoting a human-approved output to its item's reference answer: a new version of the
 * item's dataset (the run's version is its parent; nothing frozen changes) in which that item's
 * reference is the output's text. Approved means: some rater passed it (pass/fail sessions),
 * gave it the top of the scale (sessions without pass/fail), or — pairwise — chose it as the
 * better of the two.
 */
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { editVersion } from '../datasets/derive/edit';
import { loadSession, type LoadedSession } from './config';
import { labelingRepo } from './repo';
import { readState } from './summary';
import { contentOf, shownOrder } from './taskContent';
import type { NamedLabelRow, TaskRow } from '../db/repos/labeling';

export interface Promotion {
  datasetId: string;
  versionId: string;
  version: number;
  parentVersionId: string;
  itemKey: string;
}

function approves(session: LoadedSession, label: NamedLabelRow, canonicalIndex: number): boolean {
  if (session.row.kind === 'pairwise') return label.choice === (canonicalIndex === 0 ? 'a' : 'b');
  const { rubric } = session.config;
  if (rubric.passFail) return label.is_pass === 1;
  return label.score === rubric.scale.max;
}

export async function promoteOutput(
  ctx: CoreContext,
  request: {
    sessionId: string;
    taskId: string;
    slot?: 'A' | 'B' | undefined;
    raterId?: string | undefined;
    note?: string | undefined;
  },
): Promise<Promotion> {
  const repo = labelingRepo(ctx);
  const session = loadSession(repo, request.sessionId);
  const row = repo.taskContents(request.sessionId, request.taskId)[0];
  if (!row) throw notFound('task', request.taskId);
  const task: TaskRow = row;
  const shown = shownOrder(row.cell_b_id === null ? 1 : 2, task.is_swapped === 1);
  const canonicalIndex = shown[request.slot === 'B' ? 1 : 0] ?? 0;
  const cellId = canonicalIndex === 0 ? row.cell_id : row.cell_b_id;
  if (cellId === null)
    throw new ApiError(
      'refused',
      'this task came from a session file: its outputs belong to no dataset here',
    );
  const state = readState(repo, session);
  const labels = [...(state.byContent.get(task.content_hash)?.values() ?? [])].filter(
    (l) => request.raterId === undefined || l.rater_id === request.raterId,
  );
  const approval = labels.find((l) => approves(session, l, canonicalIndex));
  if (!approval)
    throw new ApiError(
      'refused',
      'no rater approved this output (a pass, the top score, or — pairwise — chosen as better)',
    );
  const origin = repo.cellOrigin(cellId);
  const item = origin ? ctx.repos.datasets.itemById(origin.item_id) : null;
  if (!origin || !item || origin.output === null) throw notFound('output of cell', cellId);
  const text = contentOf(row).outputs[canonicalIndex]?.text ?? origin.output;
  const written = await editVersion(ctx, {
    parentVersionId: origin.dataset_version_id,
    upserts: [
      {
        key: item.key,
        inputFormat: item.inputFormat,
        input: item.input,
        reference: text,
        category: item.category,
        groupId: item.groupId,
        tags: item.tags,
        metadata: item.metadata,
      },
    ],
    removeKeys: [],
    note:
      request.note ??
      `reference of "${item.key}" promoted from run ${origin.run_id} (approved by ${approval.rater} in session "${session.row.name}")`,
  });
  ctx.events.emit('dataset.versionCreated', written);
  ctx.events.emit('workspace.changed', { domain: 'datasets', reason: 'reference promoted' });
  return {
    datasetId: written.datasetId,
    versionId: written.versionId,
    version: written.version,
    parentVersionId: origin.dataset_version_id,
    itemKey: item.key,
  };
}
