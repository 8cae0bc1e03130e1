import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobSummary, RunRemovalPreview, RunSummary } from '@contract/index';
import type { WorkspaceCheck } from '@contract/routes/workspaceCare';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { finishInterruptedRemovals, removeRun } from '@core/runner/runRemoval';
import { call, openTestCore } from '../../support/core';
import { fabricateResultsRun } from '../../support/fabricateResults';
import { spawnTs, waitForLine } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';

function cellsOf(core: Core, runId: string): number {
  return (
    core.context.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM cells WHERE run_id = ${runId}`)
      ?.n ?? 0
  );
}

/** Rows the run's cells hold in the tables a cell's deletion cascades to. */
function rowsOfCells(core: Core): Record<string, number> {
  const count = (table: string) =>
    core.context.db.get<{ n: number }>({ text: `SELECT COUNT(*) AS n FROM ${table}`, params: [] })
      ?.n ?? 0;
  return { cells: count('cells'), responses: count('responses'), scores: count('scores') };
}

/** Everything a reader could see of the run: lists, lookups, counts. */
async function visibleTo(core: Core, runId: string) {
  const list = await call<RunSummary[]>(core, 'runs.list');
  const overview = await call<{ counts: { runs: number }; recentRuns: RunSummary[] }>(
    core,
    'workspace.overview',
  );
  const get = await core.dispatch('runs.get', { runId });
  const preview = await core.dispatch('runs.deletePreview', { runId });
  return {
    listed: list.some((r) => r.id === runId),
    recent: overview.recentRuns.some((r) => r.id === runId),
    runsCounted: overview.counts.runs,
    get: get.ok ? 'found' : get.error.code,
    preview: preview.ok ? 'found' : preview.error.code,
  };
}

const hidden = { listed: false, recent: false, get: 'not_found', preview: 'not_found' };

function jobEvents(core: Core): Array<{ name: string; job: JobSummary }> {
  const seen: Array<{ name: string; job: JobSummary }> = [];
  core.events.subscribe((name, payload) => {
    const job = payload as JobSummary;
    if (name.startsWith('job.') && job.kind === 'runs.delete') seen.push({ name, job });
  });
  return seen;
}

describe('deleting a run in batches', { timeout: 60_000 }, () => {
  const tempDir = useTempDir();

  it('deletes a batch per transaction with progress, the run hidden from the first one on', async () => {
    const core = openTestCore(tempDir());
    try {
      const kept = await fabricateResultsRun(core, { runName: 'kept', models: ['small'] });
      const runId = await fabricateResultsRun(core, { runName: 'botched' });
      const preview = await call<RunRemovalPreview>(core, 'runs.deletePreview', { runId });
      expect(preview.counts.cells).toBe(270);
      const events = jobEvents(core);
      const seen: Array<{ deleted: number; left: number; job: Partial<JobSummary> | undefined }> =
        [];
      const views: Array<Awaited<ReturnType<typeof visibleTo>>> = [];
      const removed = await removeRun(core.context, runId, {
        batchCells: 50,
        afterBatch: async (deleted) => {
          const job = core.context.jobs.list().find((j) => j.kind === 'runs.delete');
          seen.push({
            deleted,
            left: cellsOf(core, runId),
            job: job && { status: job.status, done: job.done, total: job.total },
          });
          views.push(await visibleTo(core, runId));
        },
      });
      // Six transactions of at most 50 cells, each committed before the next.
      expect(seen.map((s) => [s.deleted, s.left])).toEqual([
        [50, 220],
        [100, 170],
        [150, 120],
        [200, 70],
        [250, 20],
        [270, 0],
      ]);
      expect(seen.map((s) => s.job)).toEqual(
        seen.map((s) => ({ status: 'running', done: s.deleted, total: 270 })),
      );
      // Between batches no reader sees the run; the other run is counted as before.
      for (const view of views) expect(view).toEqual({ ...hidden, runsCounted: 1 });
      expect(removed).toEqual({
        runId,
        runName: 'botched',
        deleted: preview.counts,
        cachedResponsesKept: preview.cachedResponsesKept,
      });
      expect(events[0]).toMatchObject({
        name: 'job.progress',
        job: { title: 'Delete run "botched"', subject: `run ${runId}`, status: 'running' },
      });
      expect(events.at(-1)).toMatchObject({
        name: 'job.finished',
        job: { status: 'completed', done: 270, total: 270 },
      });
      expect(core.context.db.get(sql`SELECT COUNT(*) AS n FROM runs WHERE id = ${runId}`)).toEqual({
        n: 0,
      });
      expect((await call<RunSummary[]>(core, 'runs.list')).map((r) => r.id)).toEqual([kept]);
    } finally {
      await core.close();
    }
  });

  it('sizes batches itself when not told, and counts the same rows as the preview', async () => {
    const core = openTestCore(tempDir());
    try {
      const runId = await fabricateResultsRun(core, { runName: 'default pacing' });
      const preview = await call<RunRemovalPreview>(core, 'runs.deletePreview', { runId });
      const batches: number[] = [];
      const removed = await removeRun(core.context, runId, {
        afterBatch: (deleted) => void batches.push(deleted),
      });
      expect(removed.deleted).toEqual(preview.counts);
      expect(batches.at(-1)).toBe(270);
      expect(rowsOfCells(core)).toEqual({ cells: 0, responses: 0, scores: 0 });
    } finally {
      await core.close();
    }
  });

  // A child process under tsx and two opens of the workspace: slower than a unit test by nature.
  it(
    'after kill -9 between batches the run reads as gone, the workspace is healthy, and opening it again finishes the deletion',
    { timeout: 90_000 },
    async () => {
      const dir = tempDir();
      let core = openTestCore(dir);
      const kept = await fabricateResultsRun(core, { runName: 'kept', models: ['small'] });
      const runId = await fabricateResultsRun(core, { runName: 'botched' });
      // One of its answers is in the response cache, which a deletion keeps.
      const answered = core.context.db.get<{ request_hash: string }>(
        sql`SELECT r.request_hash FROM responses r JOIN cells c ON c.id = r.cell_id
          WHERE c.run_id = ${runId} ORDER BY c.ordinal DESC LIMIT 1`,
      );
      core.context.db.run(sql`INSERT INTO response_cache
        (request_hash, provider_kind, model, output, created_at)
        VALUES (${answered!.request_hash}, 'openai', 'small-1', 'kept', '2026-01-01T00:00:00Z')`);
      const keptCells = cellsOf(core, kept);
      await core.close();

      const child = spawnTs('tests/support/removalCrashChild.ts', [dir, runId]);
      await waitForLine(child, /^between batches 80$/);
      child.kill('SIGKILL');
      await once(child, 'exit');

      core = openTestCore(dir);
      try {
        // Part of it is gone, committed batch by batch; what is left is hidden and consistent.
        expect(cellsOf(core, runId)).toBe(190);
        expect(await visibleTo(core, runId)).toEqual({ ...hidden, runsCounted: 1 });
        const check = await call<WorkspaceCheck>(core, 'workspace.check');
        expect(check).toMatchObject({ isHealthy: true, integrity: [], foreignKeys: [] });
        expect(existsSync(join(core.context.workspaceDir, 'locks', `${runId}.lock`))).toBe(true);

        const events = jobEvents(core);
        const ended = new Promise<JobSummary>((resolve) =>
          core.events.subscribe((name, payload) => {
            if (name === 'job.finished') resolve(payload as JobSummary);
          }),
        );
        // The dead process's lock is stale: this process takes it over and finishes.
        expect(finishInterruptedRemovals(core.context)).toEqual([runId]);
        expect(await ended).toMatchObject({
          kind: 'runs.delete',
          title: 'Finish deleting run "botched"',
          status: 'completed',
          done: 190,
          total: 190,
        });
        expect(events[0]?.job.status).toBe('running');
        expect(cellsOf(core, runId)).toBe(0);
        expect(
          core.context.db.get(sql`SELECT COUNT(*) AS n FROM runs WHERE id = ${runId}`),
        ).toEqual({ n: 0 });
        expect(cellsOf(core, kept)).toBe(keptCells);
        expect(core.context.db.all(sql`SELECT output FROM response_cache`)).toEqual([
          { output: 'kept' },
        ]);
        expect(finishInterruptedRemovals(core.context)).toEqual([]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(existsSync(join(core.context.workspaceDir, 'locks', `${runId}.lock`))).toBe(false);
      } finally {
        await core.close();
      }
    },
  );
});
