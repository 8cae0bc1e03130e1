import { describe, expect, it } from 'vitest';
import type { RunRemovalInterrupted, RunRemoved, RunSummary } from '@contract/index';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { removeRun } from '@core/runner/runRemoval';
import { call } from '../../support/core';
import { fabricateResultsRun } from '../../support/fabricateResults';
import { useTestCores } from '../../support/testCores';
import { useTempDir } from '../../support/tempDir';

function cellsOf(core: Core, runId: string): number {
  return (
    core.context.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM cells WHERE run_id = ${runId}`)
      ?.n ?? 0
  );
}

function runChanges(core: Core): string[] {
  const reasons: string[] = [];
  core.events.subscribe((name, payload) => {
    const p = payload as { domain: string; reason: string };
    if (name === 'workspace.changed' && p.domain === 'runs') reasons.push(p.reason);
  });
  return reasons;
}

/** Starts deleting the run and cancels its job after the first batch of 50 cells. */
async function cancelAfterFirstBatch(core: Core, runId: string) {
  const stopped = removeRun(core.context, runId, {
    batchCells: 50,
    afterBatch: () => {
      const job = core.context.jobs.list().find((j) => j.kind === 'runs.delete');
      if (job) core.context.jobs.cancel(job.id);
    },
  });
  await expect(stopped).rejects.toMatchObject({
    code: 'cancelled',
    message:
      'deleting run "botched" stopped part way: what is left of it stays hidden, listed under Runs as "Deletion interrupted" until you finish deleting it there; it is also finished the next time the workspace opens',
  });
}

describe('a run deletion that stops part way', { timeout: 60_000 }, () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  it('is listed as interrupted (never readable as a run) until "finish deleting" ends it', async () => {
    const core = openCore(tempDir());
    const kept = await fabricateResultsRun(core, { runName: 'kept', models: ['small'] });
    const runId = await fabricateResultsRun(core, { runName: 'botched' });
    const changes = runChanges(core);
    await cancelAfterFirstBatch(core, runId);
    // Every window is told, so the runs list shows it as interrupted.
    expect(changes).toEqual([`run ${runId} deleted`, `run ${runId} deletion interrupted`]);
    expect(cellsOf(core, runId)).toBe(220);
    expect(await call<RunRemovalInterrupted[]>(core, 'runs.interruptedDeletions')).toEqual([
      {
        runId,
        runName: 'botched',
        removalStartedAt: expect.any(String) as string,
        cellsLeft: 220,
      },
    ]);
    // Half deleted: no reader sees it as a run.
    expect((await call<RunSummary[]>(core, 'runs.list')).map((r) => r.id)).toEqual([kept]);
    expect(await core.dispatch('runs.get', { runId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const finished = await call<RunRemoved>(core, 'runs.finishDelete', { runId });
    expect(finished).toMatchObject({ runId, runName: 'botched', deleted: { cells: 220 } });
    expect(changes.at(-1)).toBe(`run ${runId} deleted`);
    expect(core.context.db.get(sql`SELECT COUNT(*) AS n FROM runs WHERE id = ${runId}`)).toEqual({
      n: 0,
    });
    expect(await call(core, 'runs.interruptedDeletions')).toEqual([]);
    expect(await core.dispatch('runs.finishDelete', { runId })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `run ${runId} does not exist` },
    });
    expect(await core.dispatch('runs.finishDelete', { runId: kept })).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message: `run ${kept} is not being deleted: there is nothing to finish`,
      },
    });
  });

  it('is not "interrupted" while its job runs, and finishing it then is refused', async () => {
    const core = openCore(tempDir());
    const runId = await fabricateResultsRun(core, { runName: 'botched', models: ['small'] });
    const seen: unknown[] = [];
    await removeRun(core.context, runId, {
      batchCells: 50,
      afterBatch: async (deleted) => {
        if (deleted !== 50) return;
        seen.push(await call(core, 'runs.interruptedDeletions'));
        seen.push(await core.dispatch('runs.finishDelete', { runId }));
      },
    });
    expect(seen).toMatchObject([
      [],
      {
        ok: false,
        error: {
          code: 'conflict',
          message: 'run "botched" is being deleted already: its progress is in the job tray',
        },
      },
    ]);
    expect(cellsOf(core, runId)).toBe(0);
  });
});

describe('a run being deleted is refused by every route that reads or changes a run', () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  it(
    'answers "does not exist" for the run, its cells and its scores',
    { timeout: 60_000 },
    async () => {
      const core = openCore(tempDir());
      const visible = await fabricateResultsRun(core, { runName: 'visible', models: ['large'] });
      const runId = await fabricateResultsRun(core, { runName: 'hidden', models: ['large'] });
      const { db } = core.context;
      const cellId = `${runId}:0`;
      const score = db.get<{ id: number }>(
        sql`SELECT id FROM scores WHERE cell_id = ${cellId} LIMIT 1`,
      );
      // Marked as `runs.delete` marks it, its cells still there: the state mid-deletion.
      db.run(
        sql`UPDATE runs SET removal_started_at = '2026-01-01T00:00:00.000Z' WHERE id = ${runId}`,
      );
      const gone = { code: 'not_found', message: `run ${runId} does not exist` };
      const cases: Array<[string, Record<string, unknown>, { code: string; message: string }]> = [
        ['runs.get', { runId }, gone],
        ['runs.results', { runId }, gone],
        ['results.grid', { runId }, gone],
        ['results.grid', { runId: visible, baselineRunId: runId }, gone],
        [
          'results.detail',
          { cellIds: [cellId] },
          { code: 'not_found', message: `no cell ${cellId}` },
        ],
        ['failureModes.counts', { runId }, gone],
        [
          'failureModes.tagCell',
          { cellId, failureModeIds: [] },
          { code: 'not_found', message: `cell ${cellId} does not exist` },
        ],
        ['scoring.score', { runId }, gone],
        ['scoring.summary', { runId }, gone],
        ['scoring.breakdown', { runId, scorerKey: 'answer', by: 'category' }, gone],
        ['scoring.compare', { baselineRunId: visible, candidateRunId: runId }, gone],
        ['scoring.compare', { baselineRunId: runId, candidateRunId: visible }, gone],
        [
          'scoring.cellScores',
          { cellId },
          { code: 'not_found', message: `cell ${cellId} does not exist` },
        ],
        [
          'scoring.override',
          { scoreId: score?.id, rater: 'Ana', value: 1, reason: 'looks right' },
          { code: 'not_found', message: `score ${score?.id} does not exist` },
        ],
        ['scoring.decide', { runId }, gone],
        ['scoring.decide', { runId: visible, baselineRunId: runId }, gone],
        ['scoring.decisions', { runId }, gone],
        ['reports.charts', { runId }, gone],
        ['reports.criteria', { runId }, gone],
        [
          'reports.exportResults',
          { runId, format: 'csv', destination: { kind: 'download' } },
          gone,
        ],
        ['runs.rename', { runId, name: 'renamed' }, gone],
        ['runs.deletePreview', { runId }, gone],
      ];
      const answers = [];
      for (const [route, input] of cases) {
        const result = await core.dispatch(route, input);
        answers.push([
          route,
          result.ok ? 'answered' : { code: result.error.code, message: result.error.message },
        ]);
      }
      expect(answers).toEqual(cases.map(([route, , refusal]) => [route, refusal]));
      // Nothing was written on the hidden run meanwhile.
      expect(db.get(sql`SELECT COUNT(*) AS n FROM decisions`)).toEqual({ n: 0 });
      expect(db.get(sql`SELECT COUNT(*) AS n FROM score_overrides`)).toEqual({ n: 0 });
    },
  );
});
