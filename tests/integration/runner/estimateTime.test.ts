import { describe, expect, it } from 'vitest';
import type { RunEstimate, RunFinished } from '@contract/index';
import { call } from '../../support/core';
import { simSuite, writeDataset, useSimulatedWorkspace } from './fixtures';

// A run starts an engine worker thread that compiles its TypeScript with tsx (about a second
// of CPU, more on a busy machine): slower than a unit test by nature.
describe('run time estimates from earlier latencies', { timeout: 30_000 }, () => {
  const openSimulated = useSimulatedWorkspace();

  it('has no time without history, then cells × median latency ÷ concurrency per lane', async () => {
    const { sim, core } = await openSimulated({ latency: { kind: 'fixed', ms: 40 } });
    writeDataset(core, 'qa', 12);
    const yaml = simSuite({
      dataset: 'qa',
      baseUrl: sim.url,
      models: ['sim-a', 'sim-b'],
      concurrency: 2,
      stream: false,
    });

    const before = await call<RunEstimate>(core, 'runs.estimate', { suite: { yaml } });
    expect(before.estimatedMs).toBeNull();
    expect(before.models.map((m) => [m.estimatedMs, m.latencySamples])).toEqual([
      [null, 0],
      [null, 0],
    ]);

    const c = core;
    const finished = new Promise<RunFinished>((resolve) => {
      const stop = c.events.subscribe((name, payload) => {
        if (name === 'run.finished') {
          stop();
          resolve(payload as RunFinished);
        }
      });
    });
    await call(core, 'runs.start', { suite: { yaml } });
    expect((await finished).status).toBe('completed');

    const after = await call<RunEstimate>(core, 'runs.estimate', { suite: { yaml } });
    for (const model of after.models) {
      // Cold-start responses (the first of each lane) are not part of the history.
      expect(model.latencySamples).toBeGreaterThanOrEqual(11);
      expect(model.latencySamples).toBeLessThanOrEqual(12);
      // 12 cells × ≥ 40 ms ÷ 2 in flight; the client-side latency adds a little on loopback.
      expect(model.estimatedMs).toBeGreaterThanOrEqual(240);
      expect(model.estimatedMs).toBeLessThan(240 * 3);
    }
    // Both models share the openai-compatible lane: their times add up.
    const [a, b] = after.models;
    expect(after.estimatedMs).toBeCloseTo((a?.estimatedMs ?? 0) + (b?.estimatedMs ?? 0), 6);

    // A suite-level RPM limit slower than the latencies sets the time instead.
    const limited = yaml.replace(
      'run:\n',
      'run:\n  providers:\n    openai-compatible: { rpm: 60 }\n',
    );
    const slow = await call<RunEstimate>(core, 'runs.estimate', { suite: { yaml: limited } });
    expect(slow.models[0]?.estimatedMs).toBe(12_000);
    expect(slow.estimatedMs).toBe(24_000);
  });

  it('keeps the priced models’ cost bound when one has no price, and names that model', async () => {
    const { sim, core } = await openSimulated({});
    writeDataset(core, 'qa', 10);
    const yaml = simSuite({ dataset: 'qa', baseUrl: sim.url, models: ['sim-a', 'sim-b', 'sim-c'] });
    const price = (model: string) =>
      call(core, 'pricing.set', {
        providerKind: 'openai-compatible',
        model,
        inputUsdPerMTok: 1,
        outputUsdPerMTok: 4,
      });

    const none = await call<RunEstimate>(core, 'runs.estimate', { suite: { yaml } });
    expect(none).toMatchObject({ maxCostUsd: null, pricedMaxCostUsd: 0 });
    expect(none.unpricedModelKeys).toEqual(['sim-a', 'sim-b', 'sim-c']);

    await price('sim-a');
    await price('sim-c');
    const some = await call<RunEstimate>(core, 'runs.estimate', { suite: { yaml } });
    const [a, b, c] = some.models.map((m) => m.maxCostUsd);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeNull();
    expect(some.maxCostUsd).toBeNull();
    expect(some.pricedMaxCostUsd).toBeCloseTo((a ?? 0) + (c ?? 0), 12);
    expect(some.unpricedModelKeys).toEqual(['sim-b']);

    await price('sim-b');
    const all = await call<RunEstimate>(core, 'runs.estimate', { suite: { yaml } });
    expect(all.unpricedModelKeys).toEqual([]);
    expect(all.pricedMaxCostUsd).toBeCloseTo(all.maxCostUsd ?? NaN, 12);
  });
});
