/**
 * A run's job (what the job tray shows) tells what the run page tells: the run's own rate and
 * time left, which leave pauses out; "paused" with no time left while the run is paused; and
 * the run's current name after a rename while it executes. Found by walking the app: the tray
 * said "6.0/s · 23 s left" beside a run page saying "9.8 cells/s · 14 s left", kept counting
 * down through a pause, and kept the old name after F2.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary, RunFinished, RunProgress } from '@contract/index';
import type { Core } from '@core/host';
import { startSimulator, type Simulator } from '../../simulator';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from './fixtures';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

// A run starts an engine worker thread that compiles its TypeScript sources with tsx (about a
// second of CPU, more on a busy machine): slower than a unit test by nature.
describe('the job of a run', { timeout: 30_000 }, () => {
  const tempDir = useTempDir();
  let sim: Simulator | null = null;
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    await sim?.close();
    core = null;
    sim = null;
  });

  it('carries the run’s rate and ETA, says when it is paused, and follows a rename', async () => {
    sim = await startSimulator({ latency: 20 });
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', 120);
    const yaml = simSuite({ dataset: 'qa', baseUrl: sim.url, concurrency: 1 });
    const runEvents: RunProgress[] = [];
    const jobEvents: JobSummary[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'run.progress') runEvents.push(payload as RunProgress);
      if (name === 'job.progress') jobEvents.push(payload as JobSummary);
    });
    const started = await call<{ runId: string; jobId: string }>(core, 'runs.start', {
      suite: { yaml },
      plan: { name: 'nightly' },
    });
    const finished = new Promise<RunFinished>((resolve) =>
      core?.events.subscribe((name, payload) => {
        if (name === 'run.finished') resolve(payload as RunFinished);
      }),
    );
    const ofJob = () => jobEvents.filter((j) => j.id === started.jobId);
    while (!runEvents.some((p) => p.done >= 10 && p.throughputPerSec !== null)) await tick();
    await tick();

    // Each progress of the job is the run's progress of the same moment: same rate, same ETA.
    const running = ofJob().filter((j) => j.done > 0);
    expect(running.length).toBeGreaterThan(1);
    for (const job of running) {
      const run = runEvents.find((p) => p.done === job.done && p.throughputPerSec === job.rate);
      expect(run, `a run progress with done ${job.done} and rate ${job.rate}`).toBeDefined();
      expect(job.etaMs).toBe(run?.etaMs);
    }

    await call(core, 'runs.rename', { runId: started.runId, name: 'nightly (gpt swap)' });
    expect(ofJob().at(-1)?.title).toBe('Run nightly (gpt swap)');

    await call(core, 'runs.pause', { runId: started.runId });
    while (runEvents.at(-1)?.status !== 'paused') await tick();
    const paused = ofJob().at(-1);
    expect(paused?.message).toMatch(/^paused · \d+ ok, 0 errors, 0 cached$/);
    expect(paused?.etaMs).toBeNull();
    expect(paused?.rate).toBe(runEvents.at(-1)?.throughputPerSec);
    // Paused means drained: nothing is shown in flight while nothing is sent.
    expect(runEvents.at(-1)?.providers.map((p) => p.inFlight)).toEqual([0]);
    const listed = await call<JobSummary[]>(core, 'jobs.list');
    expect(listed.find((j) => j.id === started.jobId)).toMatchObject({
      title: 'Run nightly (gpt swap)',
      etaMs: null,
    });

    await call(core, 'runs.resume', { runId: started.runId });
    expect((await finished).status).toBe('completed');
  });
});
