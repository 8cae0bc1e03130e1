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
import { gridColumnsOf } from './gridIndex';
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

/**
 * Tagged outputs per failure mode and per column: every column of the grid for the same input
 * (its ids, labels and order, laid out by `gridColumnsOf`), so a column nobody has tagged is
 * there with taggedOutputs 0 rather than missing.
 */
export function failureModeCounts(
  ctx: CoreContext,
  input: { runId: string; baselineRunId?: string | undefined; columnsBy: GridColumnsBy },
): FailureModeCounts {
  const repo = resultsRepo(ctx);
  const isTwoRun = input.baselineRunId !== undefined && input.baselineRunId !== input.runId;
  const runIds = isTwoRun ? [input.baselineRunId as string, input.runId] : [input.runId];
  for (const runId of runIds) if (repo.runName(runId) === undefined) throw notFound('run', runId);
  const place = (runId: string, key: string) => `${runId}\u0000${key}`;
  const layout = repo.failureModeColumns(runIds, input.columnsBy);
  const tagged = new Map(layout.map((row) => [place(row.run_id, row.column_key), row.tagged]));
  const grid = gridColumnsOf(
    runIds.map((runId) => ({
      runId,
      isBaseline: isTwoRun && runId !== input.runId,
      keys: layout.filter((row) => row.run_id === runId).map((row) => row.column_key),
    })),
    isTwoRun,
  );
  const counts = new Map<string, Record<string, number>>();
  const totals = new Map<string, number>();
  for (const row of repo.failureModeCounts(runIds, input.columnsBy)) {
    const at = place(row.run_id, row.column_key);
    const column = counts.get(at) ?? {};
    column[row.failure_mode_id] = row.n;
    counts.set(at, column);
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
    columns: grid.map((c) => ({
      columnId: c.id,
      label: c.label,
      taggedOutputs: tagged.get(place(c.runId, c.key)) ?? 0,
      counts: counts.get(place(c.runId, c.key)) ?? {},
    })),
  };
}
