import { afterEach, describe, expect, it } from 'vitest';
import type { RunDetail, RunFinished, RunProgress } from '@contract/index';
import type { Core } from '@core/host';
import { resumeInterruptedRuns, runManager } from '@core/runner/runManager';
import { startSimulator, type Simulator } from '../../simulator';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from './fixtures';

// Runs start engine worker threads that compile their TypeScript sources with tsx (about a
// second of CPU each, several on a busy machine): slower than a unit test by nature.
describe('runs and suites routes', { timeout: 30_000 }, () => {
  const tempDir = useTempDir();
  let sim: Simulator | null = null;
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    await sim?.close();
    core = null;
    sim = null;
  });

  function finishedEvent(c: Core, runId: string): Promise<RunFinished> {
    return new Promise((resolve) => {
      const stop = c.events.subscribe((name, payload) => {
        if (name === 'run.finished' && (payload as RunFinished).runId === runId) {
          stop();
          resolve(payload as RunFinished);
        }
      });
    });
  }

  it('validates, estimates, starts, pauses, resumes and reports a run with progress events', async () => {
    // About a second of requests at concurrency 2, so there is time to pause in the middle.
    sim = await startSimulator({ latency: 15 });
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', 120);
    const yaml = simSuite({ dataset: 'qa', baseUrl: sim.url, concurrency: 2 });

    const validation = await call<{ ok: boolean; plan: { cellCount: number } }>(
      core,
      'suites.validate',
      { yaml },
    );
    expect(validation).toMatchObject({ ok: true, plan: { cellCount: 120 } });
    const invalid = await call<{ ok: boolean; issues: Array<{ line: number; path: string }> }>(
      core,
      'suites.validate',
      {
        yaml: yaml.replace('repeats: 1', 'repeats: 0'),
      },
    );
    expect(invalid.ok).toBe(false);
    expect(invalid.issues[0]).toMatchObject({
      path: 'repeats',
      line: yaml.split('\n').findIndex((l) => l === 'repeats: 1') + 1,
    });
    const estimate = await call<{
      cellCount: number;
      models: Array<{ inputTokens: number; maxOutputTokens: number }>;
    }>(core, 'runs.estimate', { suite: { yaml } });
    expect(estimate.cellCount).toBe(120);
    expect(estimate.models[0]?.maxOutputTokens).toBe(120 * 32);
    expect(estimate.models[0]?.inputTokens).toBeGreaterThan(120);

    const progress: RunProgress[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'run.progress') progress.push(payload as RunProgress);
    });
    const started = await call<{ runId: string; cellCount: number; jobId: string }>(
      core,
      'runs.start',
      { suite: { yaml } },
    );
    const startedAt = performance.now();
    const finished = finishedEvent(core, started.runId);
    // Pause once some results are in, check nothing more is sent, then resume.
    while (!progress.some((p) => p.done >= 3))
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await call(core, 'runs.pause', { runId: started.runId })).toEqual({ status: 'running' });
    while (progress.at(-1)?.status !== 'paused')
      await new Promise((resolve) => setTimeout(resolve, 5));
    const pausedAt = performance.now();
    const sentWhilePaused = sim.log().length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sim.log().length).toBe(sentWhilePaused);
    expect((await call<RunDetail>(core, 'runs.get', { runId: started.runId })).status).toBe(
      'paused',
    );
    expect(await call(core, 'runs.resume', { runId: started.runId })).toMatchObject({
      runId: started.runId,
      jobId: null,
    });
    const pausedMs = performance.now() - pausedAt;
    const end = await finished;
    expect(end.status).toBe('completed');
    expect(end.progress).toMatchObject({ total: 120, done: 120, ok: 120 });
    // The elapsed time (and so the rate and the time left) leaves the pause out.
    expect(end.progress.elapsedMs).toBeLessThan(performance.now() - startedAt - pausedMs + 50);

    const detail = await call<RunDetail>(core, 'runs.get', { runId: started.runId });
    expect(detail).toMatchObject({
      status: 'completed',
      cellCount: 120,
      finishedCellCount: 120,
      isActive: false,
    });
    expect(detail.models[0]).toMatchObject({ modelKey: 'sim-a', ok: 120, errors: 0, pending: 0 });
    expect(detail.models[0]?.latency.p50Ms).toBeGreaterThan(0);
    const page = await call<{ total: number; rows: Array<{ status: string; output: string }> }>(
      core,
      'runs.results',
      {
        runId: started.runId,
        page: { offset: 10, limit: 5 },
      },
    );
    expect(page.total).toBe(120);
    expect(page.rows).toHaveLength(5);
    const jobs = await call<Array<{ id: string; status: string }>>(core, 'jobs.list');
    expect(jobs.find((j) => j.id === started.jobId)?.status).toBe('completed');
  });

  it('cancels a run keeping what was stored, and resumes it to completion', async () => {
    sim = await startSimulator({ latency: 20 });
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', 40);
    const yaml = simSuite({ dataset: 'qa', baseUrl: sim.url, concurrency: 2 });
    const started = await call<{ runId: string }>(core, 'runs.start', { suite: { yaml } });
    const cancelled = finishedEvent(core, started.runId);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await call(core, 'runs.cancel', { runId: started.runId })).toEqual({ cancelled: true });
    const end = await cancelled;
    expect(end.status).toBe('cancelled');
    expect(end.progress.done).toBeLessThan(40);
    const resumed = await call<{ pending: number; jobId: string }>(core, 'runs.resume', {
      runId: started.runId,
    });
    expect(resumed.pending).toBe(40 - end.progress.done);
    const done = await finishedEvent(core, started.runId);
    expect(done.progress).toMatchObject({ done: 40, ok: 40 });
  });

  it('saves a suite content-addressed and serves its JSON Schema', async () => {
    core = openTestCore(tempDir(), { seedExamples: true });
    const yaml =
      'version: 1\nname: draft\ndataset: { name: missing }\nprompts: [{ id: p, messages: [{ role: user, content: "{{input}}" }] }]\nmodels: [{ id: m, provider: ollama, model: llama3 }]\n';
    const saved = await call<{ id: string; isNew: boolean; issues: Array<{ path: string }> }>(
      core,
      'suites.save',
      { yaml, sourcePath: 'draft.yaml' },
    );
    expect(saved.isNew).toBe(true);
    expect(saved.issues.map((i) => i.path)).toEqual(['dataset.name']);
    expect((await call<{ id: string; isNew: boolean }>(core, 'suites.save', { yaml })).id).toBe(
      saved.id,
    );
    const refused = await core.dispatch('suites.save', { yaml: 'version: 2\n' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.issues?.[0]?.path).toMatch(/^suite\.yaml:1:10 version$/);
    const schema = await call<{ $id: string; properties: Record<string, unknown> }>(
      core,
      'suites.schema',
    );
    expect(Object.keys(schema.properties)).toContain('models');
  });

  it('resumes runs a crash left running when the app opens the workspace again', async () => {
    sim = await startSimulator({ latency: 1 });
    const dir = tempDir();
    core = openTestCore(dir);
    writeDataset(core, 'qa', 10);
    const planned = runManager(core.context).plan(
      simSuite({ dataset: 'qa', baseUrl: sim.url }),
      'suite.yaml',
    );
    // What a crash leaves: the run marked running, no process holding it.
    core.context.repos.runs.markStarted(planned.runId, new Date().toISOString());
    await core.close();
    core = openTestCore(dir);
    const finished = finishedEvent(core, planned.runId);
    expect(resumeInterruptedRuns(core.context)).toEqual([planned.runId]);
    expect((await finished).progress).toMatchObject({ done: 10, ok: 10 });
    expect(resumeInterruptedRuns(core.context)).toEqual([]);
  });
});
