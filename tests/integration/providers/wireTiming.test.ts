/**
 * Latency is timed at the connection: from the request written to its socket to the last
 * byte read. A request that waits for a free connection does not count that wait as the
 * provider's latency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator';
import { adapterFor, chatRequest, httpKindCases } from './support';

describe.each(httpKindCases)('$kind adapter timing', (kindCase) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 3 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it.each([false, true])('excludes the wait for a free connection (stream=%s)', async (stream) => {
    sim.setConfig({ latency: 60, tokensPerSecond: 0, faults: {}, omitUsage: false });
    // One connection: the second request can only be written once the first reply is read.
    const adapter = adapterFor(kindCase, sim.url, undefined, { maxConnections: 1 });
    try {
      const calledAt = performance.now();
      const results = await Promise.all([
        adapter.complete(chatRequest({ stream })),
        adapter.complete(chatRequest({ stream })),
      ]);
      const [, second] = results;
      expect(second.timing.endedAt - calledAt).toBeGreaterThanOrEqual(119);
      for (const { timing } of results) {
        const latency = timing.endedAt - timing.startedAt;
        expect(latency).toBeGreaterThanOrEqual(59);
        // Its own exchange only: one that counted the queue too would take 60 + 60 ms. (Not a
        // tighter bound: on a loaded machine one exchange alone has taken 114 ms.)
        expect(latency).toBeLessThan(119);
        if (stream && timing.firstTokenAt !== null) {
          expect(timing.firstTokenAt).toBeGreaterThanOrEqual(timing.startedAt);
          expect(timing.firstTokenAt).toBeLessThanOrEqual(timing.endedAt);
        }
      }
      expect(second.timing.startedAt).toBeGreaterThanOrEqual(results[0].timing.endedAt);
      // The second's clock started only after the ≥ 59 ms it waited for the connection.
      expect(second.timing.startedAt - calledAt).toBeGreaterThanOrEqual(59);
    } finally {
      await adapter.close?.();
    }
  });
});
