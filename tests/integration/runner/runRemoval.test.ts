import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  RunDetail,
  RunFinished,
  RunProgress,
  RunRemovalPreview,
  RunRemoved,
  RunSummary,
} from '@contract/index';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { previewRunRemoval } from '@core/runner/runRemoval';
import { call } from '../../support/core';
import { addRater, createSession, rateSession, twoModelRun } from '../../support/fabricateLabels';
import { fabricateResultsRun } from '../../support/fabricateResults';
import { useTestCores } from '../../support/testCores';
import { useTempDir } from '../../support/tempDir';
import { simSuite, useSimulatedWorkspace, writeDataset } from './fixtures';

/** Every row of every table that points at the run or at one of its cells, by table. */
function rowsPointingAt(core: Core, runId: string, cellIds: readonly string[]) {
  const { db } = core.context;
  const tables = db.all<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
  );
  const found: Record<string, number> = {};
  const cells = JSON.stringify(cellIds);
  for (const { name } of tables) {
    const columns = db
      .all<{ name: string }>({ text: `SELECT name FROM pragma_table_info(?)`, params: [name] })
      .map((c) => c.name);
    const conditions: string[] = [];
    const params: string[] = [];
    for (const c of columns) {
      if (c === 'run_id' || c === 'baseline_run_id') {
        conditions.push(`${c} = ?`);
        params.push(runId);
      } else if (c === 'cell_id' || c === 'cell_b_id' || (name === 'cells' && c === 'id')) {
        conditions.push(`${c} IN (SELECT value FROM json_each(?))`);
        params.push(cells);
      }
    }
    if (conditions.length === 0) continue;
    const row = db.get<{ n: number }>({
      text: `SELECT COUNT(*) AS n FROM "${name}" WHERE ${conditions.join(' OR ')}`,
      params,
    });
    if (row && row.n > 0) found[name] = row.n;
  }
  return found;
}

function cellIdsOf(core: Core, runId: string): string[] {
  return core.context.db
    .all<{ id: string }>(sql`SELECT id FROM cells WHERE run_id = ${runId}`)
    .map((r) => r.id);
}

async function refusalOf(core: Core, route: string, input: unknown) {
  const result = await core.dispatch(route, input);
  if (result.ok) throw new Error(`${route} succeeded where a refusal was expected`);
  return result.error;
}

function workspaceChanges(core: Core): string[] {
  const reasons: string[] = [];
  core.events.subscribe((name, payload) => {
    const p = payload as { domain: string; reason: string };
    if (name === 'workspace.changed' && p.domain === 'runs') reasons.push(p.reason);
  });
  return reasons;
}

describe('renaming and deleting runs on a real workspace', { timeout: 30_000 }, () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  it('renames a run (trimmed, 1–200 characters) and refuses bad names and unknown runs', async () => {
    const core = openCore(tempDir());
    const run = twoModelRun(core, { items: 2, runName: 'first try' });
    const changes = workspaceChanges(core);
    expect(
      await call(core, 'runs.rename', { runId: run.runId, name: '  baseline, gpt  ' }),
    ).toEqual({ runId: run.runId, name: 'baseline, gpt' });
    expect((await call<RunDetail>(core, 'runs.get', { runId: run.runId })).name).toBe(
      'baseline, gpt',
    );
    expect(changes).toEqual([`run ${run.runId} renamed`]);

    const empty = await refusalOf(core, 'runs.rename', { runId: run.runId, name: '   ' });
    expect(empty).toMatchObject({ code: 'bad_request' });
    expect(empty.issues).toEqual([
      expect.objectContaining({ path: 'name', message: 'a run name cannot be empty' }),
    ]);
    const long = await refusalOf(core, 'runs.rename', { runId: run.runId, name: 'x'.repeat(201) });
    expect(long.issues?.[0]).toMatchObject({
      path: 'name',
      message: 'a run name is at most 200 characters',
    });
    expect(
      await call(core, 'runs.rename', { runId: run.runId, name: 'y'.repeat(200) }),
    ).toMatchObject({ name: 'y'.repeat(200) });
    expect(await refusalOf(core, 'runs.rename', { runId: 'run_nope', name: 'x' })).toMatchObject({
      code: 'not_found',
      message: 'run run_nope does not exist',
    });
  });

  it('deletes a scored run with a human override and a tag in one go, counting what went', async () => {
    const core = openCore(tempDir());
    const kept = await fabricateResultsRun(core, { runName: 'kept', models: ['small'] });
    const runId = await fabricateResultsRun(core, { runName: 'botched' });
    const cellIds = cellIdsOf(core, runId);
    const score = core.context.db.get<{ id: number; cell_id: string }>(
      sql`SELECT s.id, s.cell_id FROM scores s JOIN cells c ON c.id = s.cell_id
        WHERE c.run_id = ${runId} ORDER BY s.id LIMIT 1`,
    );
    await call(core, 'scoring.override', {
      scoreId: score!.id,
      rater: 'Ana',
      value: 1,
      isPass: true,
      reason: 'right answer, other words',
    });
    const mode = await call<{ id: string }>(core, 'labeling.addFailureMode', { name: 'vague' });
    await call(core, 'failureModes.tagCell', { cellId: score!.cell_id, failureModeIds: [mode.id] });
    const before = rowsPointingAt(core, runId, cellIds);
    const keptBefore = rowsPointingAt(core, kept, cellIdsOf(core, kept));

    const preview = await call<RunRemovalPreview>(core, 'runs.deletePreview', { runId });
    const expected = {
      cells: 270,
      responses: 270,
      scores: 540,
      scoreOverrides: 1,
      failureModeTags: 1,
      judgeVariants: 0,
      judgeVariantScores: 0,
      runModels: 3,
      runPrompts: 0, // A fabricated run stores no prompt templates (an engine run does: below).
    };
    expect(preview).toEqual({
      runId,
      runName: 'botched',
      canDelete: true,
      blockers: [],
      counts: expected,
      // Named by the core, for the dialog and the CLI to print as they are.
      countLines: [
        { kind: 'cells', label: 'cells', count: 270 },
        { kind: 'responses', label: 'responses', count: 270 },
        { kind: 'scores', label: 'scores', count: 540 },
        { kind: 'scoreOverrides', label: 'human score override', count: 1 },
        { kind: 'failureModeTags', label: 'failure-mode tag', count: 1 },
      ],
      cachedResponsesKept: 0,
    });
    // The counts are the rows the tables hold for this run.
    expect(before).toMatchObject({
      cells: expected.cells,
      responses: expected.responses,
      scores: expected.scores,
      cell_failure_modes: 1,
      run_models: 3,
    });
    expect(rowsPointingAt(core, runId, cellIds)).toEqual(before); // The preview changed nothing.

    const changes = workspaceChanges(core);
    const removed = await call<RunRemoved>(core, 'runs.delete', { runId });
    expect(removed).toEqual({
      runId,
      runName: 'botched',
      deleted: expected,
      cachedResponsesKept: 0,
    });
    expect(rowsPointingAt(core, runId, cellIds)).toEqual({});
    expect(core.context.db.get(sql`SELECT COUNT(*) AS n FROM score_overrides`)).toEqual({ n: 0 });
    expect(changes).toEqual([`run ${runId} deleted`]);
    // The other run, the failure mode and the rater are untouched.
    expect(rowsPointingAt(core, kept, cellIdsOf(core, kept))).toEqual(keptBefore);
    expect((await call<RunSummary[]>(core, 'runs.list')).map((r) => r.id)).toEqual([kept]);
    expect(core.context.db.get(sql`SELECT COUNT(*) AS n FROM failure_modes`)).toEqual({ n: 1 });
    expect(await refusalOf(core, 'runs.delete', { runId })).toMatchObject({ code: 'not_found' });
    expect(await refusalOf(core, 'runs.deletePreview', { runId })).toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses a run a decision uses, as its run or its baseline, naming date and verdict', async () => {
    const core = openCore(tempDir());
    const baseline = await fabricateResultsRun(core, { runName: 'january', models: ['large'] });
    const candidate = await fabricateResultsRun(core, { runName: 'february', models: ['large'] });
    const decision = await call<{ id: string; verdict: string; createdAt: string }>(
      core,
      'scoring.decide',
      { runId: candidate, modelKey: 'large', baselineRunId: baseline },
    );
    const date = `${decision.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
    const words = { ship: 'ship', ship_with_caveats: 'ship with caveats', dont_ship: "don't ship" };
    const verdict = words[decision.verdict as keyof typeof words];

    const asBaseline = await call<RunRemovalPreview>(core, 'runs.deletePreview', {
      runId: baseline,
    });
    expect(asBaseline.canDelete).toBe(false);
    expect(asBaseline.blockers).toEqual([
      {
        kind: 'decision',
        decisionId: decision.id,
        decisionRunId: candidate,
        role: 'baseline',
        verdict: decision.verdict,
        createdAt: decision.createdAt,
        message: `the decision of ${date} (${verdict}) on run "february" compares against this run as its baseline: decisions are the audit trail and are never deleted, so the run stays — rename it to mark it instead`,
      },
    ]);
    const cellIds = cellIdsOf(core, baseline);
    const before = rowsPointingAt(core, baseline, cellIds);
    const error = await refusalOf(core, 'runs.delete', { runId: baseline });
    expect(error.code).toBe('refused');
    expect(error.message).toContain(`run "january" (${baseline}) cannot be deleted (1 reason)`);
    expect(error.issues).toEqual([
      { path: `decision ${decision.id}`, message: asBaseline.blockers[0]!.message },
    ]);
    expect(rowsPointingAt(core, baseline, cellIds)).toEqual(before);

    const asRun = await call<RunRemovalPreview>(core, 'runs.deletePreview', { runId: candidate });
    expect(asRun.blockers).toEqual([
      expect.objectContaining({ kind: 'decision', role: 'candidate', decisionRunId: candidate }),
    ]);
    expect(asRun.blockers[0]!.message).toContain(
      `the decision of ${date} (${verdict}) was recorded on this run`,
    );
    expect(await refusalOf(core, 'runs.delete', { runId: candidate })).toMatchObject({
      code: 'refused',
    });
    expect(await call<RunSummary[]>(core, 'runs.list')).toHaveLength(2);
  });

  it('refuses a run a labeling session has tasks on, naming the session; labels stay', async () => {
    const core = openCore(tempDir());
    const run = twoModelRun(core, { items: 3 });
    const session = await createSession(core, {
      name: 'tone check',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric: { question: 'Is the tone right?', scale: { min: 1, max: 5 } },
    });
    const rater = await addRater(core, 'ana');
    const given = await rateSession(core, session.id, rater, () => ({ score: 4 }));
    expect(given).toBeGreaterThan(0);

    const preview = await call<RunRemovalPreview>(core, 'runs.deletePreview', { runId: run.runId });
    expect(preview.canDelete).toBe(false);
    expect(preview.blockers).toEqual([
      {
        kind: 'labeling_session',
        sessionId: session.id,
        sessionName: 'tone check',
        taskCount: 6,
        message:
          'labeling session "tone check" has 6 tasks on this run\'s outputs: human labels are never deleted with a run, so the run stays — rename it to mark it instead',
      },
    ]);
    const error = await refusalOf(core, 'runs.delete', { runId: run.runId });
    expect(error).toMatchObject({ code: 'refused' });
    expect(error.issues).toEqual([
      { path: `session ${session.id}`, message: preview.blockers[0]!.message },
    ]);
    expect(core.context.db.get(sql`SELECT COUNT(*) AS n FROM labels`)).toEqual({ n: given });
    expect(cellIdsOf(core, run.runId)).toHaveLength(6);
  });
  it("refuses a run another live process holds (its lock file); a dead owner's lock is taken over", async () => {
    const core = openCore(tempDir());
    const run = twoModelRun(core, { items: 1, runName: 'elsewhere' });
    const lock = join(core.context.workspaceDir, 'locks', `${run.runId}.lock`);
    mkdirSync(dirname(lock), { recursive: true });
    const other = spawn('sleep', ['30']);
    const since = '2026-12-06T10:00:00.000Z';
    writeFileSync(lock, JSON.stringify({ pid: other.pid, host: hostname(), since }));
    try {
      const preview = await call<RunRemovalPreview>(core, 'runs.deletePreview', {
        runId: run.runId,
      });
      expect(preview.blockers).toEqual([
        {
          kind: 'executing',
          message: `run "elsewhere" is held by another process (pid ${other.pid} on ${hostname()}, since ${since}), executing or paused there: cancel it there first, or delete it from there`,
        },
      ]);
      expect(await refusalOf(core, 'runs.delete', { runId: run.runId })).toMatchObject({
        code: 'refused',
      });
    } finally {
      other.kill();
    }
    await once(other, 'exit');
    await call(core, 'runs.delete', { runId: run.runId });
    expect(existsSync(lock)).toBe(false);
    expect(await call<RunSummary[]>(core, 'runs.list')).toEqual([]);
  });
});

describe('deleting runs the engine holds', { timeout: 60_000 }, () => {
  const open = useSimulatedWorkspace();

  function until(core: Core, runId: string, test: (p: RunProgress) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const stop = core.events.subscribe((name, payload) => {
        const p = payload as RunProgress;
        if (name === 'run.progress' && p.runId === runId && test(p)) {
          stop();
          resolve();
        }
      });
    });
  }

  it('refuses a run sending requests; deletes a paused one, which cannot be resumed meanwhile', async () => {
    // Slow enough answers (concurrency 2) that the run is still going when it is asked to go.
    const { sim, core } = await open({ latency: 40 });
    writeDataset(core, 'qa', 120);
    const yaml = simSuite({ dataset: 'qa', baseUrl: sim.url, concurrency: 2 });
    const { runId } = await call<{ runId: string }>(core, 'runs.start', { suite: { yaml } });
    await until(core, runId, (p) => p.done >= 2);

    const preview = await call<RunRemovalPreview>(core, 'runs.deletePreview', { runId });
    expect(preview.blockers).toEqual([
      {
        kind: 'executing',
        message: expect.stringMatching(/is executing: pause or cancel it first$/) as unknown,
      },
    ]);
    const refused = await refusalOf(core, 'runs.delete', { runId });
    expect(refused.code).toBe('refused');
    expect(refused.message).toContain('is executing: pause or cancel it first');

    const paused = until(core, runId, (p) => p.status === 'paused');
    await call(core, 'runs.pause', { runId });
    await paused;
    expect((await call<RunRemovalPreview>(core, 'runs.deletePreview', { runId })).canDelete).toBe(
      true,
    );
    const cellIds = cellIdsOf(core, runId);
    const finished: RunFinished[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'run.finished') finished.push(payload as RunFinished);
    });
    // A resume asked for while the deletion ends the paused execution is refused, not raced.
    const deleting = core.dispatch('runs.delete', { runId });
    const resumed = await core.dispatch('runs.resume', { runId });
    expect(resumed).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: `run ${runId} is being deleted` },
    });
    const removed = await deleting;
    expect(removed.ok, JSON.stringify(removed)).toBe(true);
    expect(finished.map((f) => f.status)).toEqual(['cancelled']);
    expect(rowsPointingAt(core, runId, cellIds)).toEqual({});
    // The scoring that the execution's end scheduled was cancelled before the rows went.
    const jobs = await call<Array<{ kind: string; status: string }>>(core, 'jobs.list');
    expect(jobs.filter((j) => j.kind === 'scoring').map((j) => j.status)).not.toContain('running');
    const sent = sim.log().length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sim.log().length).toBe(sent);
  });

  it('refuses while the run is scored, then keeps the response cache: a re-run sends nothing', async () => {
    const { sim, core } = await open({ latency: 1 });
    writeDataset(core, 'qa', 12);
    const yaml = simSuite({ dataset: 'qa', baseUrl: sim.url, models: ['sim-a', 'sim-b'] });
    // Scoring is scheduled on run.finished by a listener older than this one: when this one
    // hears the run end, the run is being scored.
    const whileScored: RunRemovalPreview[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'run.finished')
        whileScored.push(previewRunRemoval(core.context, (payload as RunFinished).runId));
    });
    const scored = new Promise<void>((resolve) => {
      core.events.subscribe((name, payload) => {
        if (name === 'job.finished' && (payload as { kind: string }).kind === 'scoring') resolve();
      });
    });
    const first = await call<{ runId: string }>(core, 'runs.start', { suite: { yaml } });
    await scored;
    expect(sim.log()).toHaveLength(24);
    expect(whileScored[0]?.blockers).toEqual([
      {
        kind: 'scoring',
        jobId: expect.any(String) as unknown,
        message: `run "${whileScored[0]?.runName}" is being scored: wait for scoring to end, or cancel it in the job tray, then delete`,
      },
    ]);

    const removed = await call<RunRemoved>(core, 'runs.delete', { runId: first.runId });
    expect(removed).toMatchObject({
      deleted: { cells: 24, responses: 24, runModels: 2, runPrompts: 1 },
      cachedResponsesKept: 24,
    });
    expect(core.context.db.get(sql`SELECT COUNT(*) AS n FROM response_cache`)).toEqual({ n: 24 });

    sim.clearLog();
    const again = await call<{ runId: string }>(core, 'runs.start', { suite: { yaml } });
    const finished = await new Promise<RunFinished>((resolve) => {
      core.events.subscribe((name, payload) => {
        if (name === 'run.finished' && (payload as RunFinished).runId === again.runId)
          resolve(payload as RunFinished);
      });
    });
    expect(finished.progress).toMatchObject({ total: 24, done: 24, cached: 24, errors: 0 });
    expect(sim.log()).toEqual([]);
  });
});
