/**
 * While no cell finishes (every request waiting out a provider's Retry-After), the run page
 * still hears from the run: its elapsed time moves and it says the provider asked to wait.
 * Found by walking the app: through a 3 s rate-limit wait the page froze at "elapsed 2.6 s",
 * as if the run had hung.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunFinished, RunProgress } from '@contract/index';
import type { Core } from '@core/host';
import { startSimulator, type Simulator } from '../../simulator';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from './fixtures';

describe('progress while a run waits', { timeout: 30_000 }, () => {
  const tempDir = useTempDir();
  let sim: Simulator | null = null;
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    await sim?.close();
    core = null;
    sim = null;
  });

  it('keeps reporting elapsed time and the rate-limit wait when no cell finishes', async () => {
    sim = await startSimulator({
      latency: 5,
      faults: { script: ['rate_limit'], retryAfterMs: 3000 },
    });
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', 1);
    const yaml = simSuite({ dataset: 'qa', baseUrl: sim.url, concurrency: 1 });
    const events: RunProgress[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'run.progress') events.push(payload as RunProgress);
    });
    const finished = new Promise<RunFinished>((resolve) =>
      core?.events.subscribe((name, payload) => {
        if (name === 'run.finished') resolve(payload as RunFinished);
      }),
    );
    await call(core, 'runs.start', { suite: { yaml } });
    const outcome = await finished;
    expect(outcome.status).toBe('completed');
    expect(sim.log().map((e) => e.fault)).toEqual(['rate_limit', 'ok']);

    const waiting = events.filter((p) => p.status === 'running' && p.done === 0);
    // The lanes are reported every 500 ms: a 3 s wait gives several snapshots, each later.
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    const elapsed = waiting.map((p) => p.elapsedMs);
    expect(elapsed.at(-1)! - elapsed[0]!).toBeGreaterThan(1500);
    expect(waiting.some((p) => p.providers.some((l) => l.isPausedByProvider))).toBe(true);
  });
});
