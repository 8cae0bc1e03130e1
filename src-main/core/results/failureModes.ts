/**
 * Failure modes on outputs: tagging a cell (the compare screen), and counts per grid column.
 * Tags given in rating sessions reach the same table through `labeling/cellTags.ts`.
 */
import type { FailureModeCounts } from '@contract/routes/failureModes';
import type { GridColumnsBy } from '@contract/routes/results';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { raterIdFor } from '../labeling/people';
import { labelingRepo } from '../labeling/repo';
import { nowIso } from '../util/time';
import { resultsRepo } from './service';

export function tagCell(
  ctx: CoreContext,
  input: { cellId: string; failureModeIds: string[]; rater?: string | undefined },
): { cellId: string; failureModeIds: string[] } {
  const repo = resultsRepo(ctx);
  if (!repo.cellExists(input.cellId)) throw notFound('cell', input.cellId);
  const labeling = labelingRepo(ctx);
  const known = new Set(labeling.failureModes().map((m) => m.id));
  const unknown = input.failureModeIds.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new ApiError('bad_request', `unknown failure mode(s): ${unknown.join(', ')}`);
  const ids = [...new Set(input.failureModeIds)];
  const raterId = input.rater ? raterIdFor(labeling, input.rater.trim()).id : null;
  repo.setCellFailureModes(input.cellId, ids, raterId, nowIso());
  ctx.events.emit('workspace.changed', {
    domain: 'failureModes',
    reason: `cell ${input.cellId} tagged`,
  });
  return {
    cellId: input.cellId,
    failureModeIds: repo.failureModesOfCells([input.cellId]).map((m) => m.failure_mode_id),
  };
}

/** Tagged outputs per failure mode and per column, with columns named as the grid names them. */
export function failureModeCounts(
  ctx: CoreContext,
  input: { runId: string; baselineRunId?: string | undefined; columnsBy: GridColumnsBy },
): FailureModeCounts {
  const repo = resultsRepo(ctx);
  const isTwoRun = input.baselineRunId !== undefined && input.baselineRunId !== input.runId;
  const runIds = isTwoRun ? [input.baselineRunId as string, input.runId] : [input.runId];
  for (const runId of runIds) if (repo.runName(runId) === undefined) throw notFound('run', runId);
  const rows = repo.failureModeCounts(runIds, input.columnsBy);
  const totals = new Map<string, number>();
  const columns = new Map<string, FailureModeCounts['columns'][number]>();
  for (const row of rows) {
    const side = row.run_id === input.runId ? 'candidate' : 'baseline';
    const columnId = isTwoRun ? `${side}:${row.column_key}` : row.column_key;
    // Named as the grid's columns are: "bot — candidate run".
    const label = isTwoRun ? `${row.column_key} — ${side} run` : row.column_key;
    const column = columns.get(columnId) ?? { columnId, label, counts: {} };
    column.counts[row.failure_mode_id] = (column.counts[row.failure_mode_id] ?? 0) + row.n;
    columns.set(columnId, column);
    totals.set(row.failure_mode_id, (totals.get(row.failure_mode_id) ?? 0) + row.n);
  }
  return {
    modes: labelingRepo(ctx)
      .failureModes()
      .map((m) => ({
        id: m.id,
        name: m.name,
        description: m.description,
        isArchived: m.archived_at !== null,
        total: totals.get(m.id) ?? 0,
      })),
    columns: [...columns.values()].sort((a, b) => a.columnId.localeCompare(b.columnId)),
  };
}
