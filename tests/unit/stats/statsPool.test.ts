import { describe, expect, it } from 'vitest';
import { pairedBootstrap } from '@core/stats/paired';
import { createStatsPool } from '@core/stats/statsPool';

describe('bootstrap in worker threads', () => {
  it('gives exactly the single-threaded interval, for continuous and pass/fail data', async () => {
    const pool = createStatsPool(2);
    try {
      const first = Array.from({ length: 3000 }, (_, i) => Math.sin(i) ** 2);
      const second = first.map((v, i) => v + Math.cos(i * 7) * 0.1 - 0.01);
      const options = { seed: 'pool', nResamples: 3000 };
      const local = pairedBootstrap(first, second, options);
      const threaded = await pool.pairedBootstrap(first, second, options);
      expect([threaded.low, threaded.high, threaded.estimate]).toEqual([
        local.low,
        local.high,
        local.estimate,
      ]);
      const passA = first.map((v) => (v > 0.3 ? 1 : 0));
      const passB = second.map((v) => (v > 0.35 ? 1 : 0));
      const binaryLocal = pairedBootstrap(passA, passB, options);
      const binaryThreaded = await pool.pairedBootstrap(passA, passB, options);
      expect([binaryThreaded.low, binaryThreaded.high]).toEqual([
        binaryLocal.low,
        binaryLocal.high,
      ]);
    } finally {
      await pool.destroy();
    }
  });
});
