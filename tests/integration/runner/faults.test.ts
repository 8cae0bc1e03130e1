import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { runManager } from '@core/runner/runManager';
import { startSimulator, type FaultKind, type Simulator } from '../../simulator';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from './fixtures';

interface CellRow {
  id: string;
  status: string;
  attempts: number;
  error_class: string | null;
  http_status: number | null;
  response_attempts: number | null;
}

/**
 * The fault matrix: every fault the simulator can inject ends as a retried success or a
 * recorded, classified error; nothing crashes; every cell has exactly one response; the
 * simulator saw exactly as many requests per cell as the engine says it made.
 */
// Each case is a run with its own engine worker thread, which compiles its TypeScript sources
// with tsx (about a second of CPU, several on a busy machine): slower than a unit test by nature.
describe('fault matrix against the simulator', { timeout: 30_000 }, () => {
  const tempDir = useTempDir();
  let sim: Simulator;
  let core: Core;
  const items = 6;

  beforeAll(async () => {
    sim = await startSimulator({ latency: 1, tokensPerSecond: 0 });
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', items);
  });
  afterAll(async () => {
    await core.close();
    await sim.close();
  });

  async function runWith(
    perCell: FaultKind[],
    options: {
      stream?: boolean;
      retries?: number;
      timeoutMs?: number;
      concurrency?: number;
      extraRun?: string;
    } = {},
  ) {
    sim.clearLog();
    sim.setConfig({ faults: { perCell, retryAfterMs: 60, stallMs: 30_000 } });
    const manager = runManager(core.context);
    const planned = manager.plan(
      simSuite({
        dataset: 'qa',
        baseUrl: sim.url,
        stream: options.stream ?? true,
        retries: options.retries ?? 3,
        timeoutMs: options.timeoutMs ?? 5_000,
        concurrency: options.concurrency ?? 8,
        extraRun: options.extraRun,
      }),
      'suite.yaml',
    );
    // Every run here sends the same requests: the cache would answer all but the first.
    const outcome = await manager.execute(planned.runId, {
      noCache: true,
      backoff: { baseMs: 20, capMs: 200 },
    }).done;
    expect(outcome.status).toBe('completed');
    const rows = core.context.db
      .all<CellRow>(sql`SELECT c.id, c.status, c.attempts, r.error_class, r.http_status,
        r.attempts AS response_attempts
      FROM cells c LEFT JOIN responses r ON r.cell_id = c.id WHERE c.run_id = ${planned.runId}`);
    // No cell lost or duplicated: one response per cell (the primary key makes two impossible).
    expect(rows).toHaveLength(items);
    expect(rows.every((r) => r.response_attempts !== null)).toBe(true);
    const sent = new Map<string, number>();
    for (const entry of sim.log())
      if (entry.tag) sent.set(entry.tag, (sent.get(entry.tag) ?? 0) + 1);
    for (const row of rows) expect(sent.get(row.id) ?? 0).toBe(row.response_attempts);
    return rows;
  }

  const retried: Array<[FaultKind, { stream?: boolean; timeoutMs?: number }]> = [
    ['rate_limit', {}],
    ['rate_limit_date', {}],
    ['rate_limit_reset', {}],
    ['rate_limit_bare', {}],
    ['server_500', {}],
    ['server_503', {}],
    ['reset', {}],
    ['malformed', { stream: false }],
    ['malformed', { stream: true }],
    ['truncated', { stream: true }],
    ['truncated', { stream: false }],
    // Long enough that a healthy answer never times out on a busy machine.
    ['timeout', { timeoutMs: 1500 }],
    ['slow_loris', { timeoutMs: 1500 }],
  ];
  for (const [fault, options] of retried) {
    it(`retries ${fault}${options.stream === undefined ? '' : options.stream ? ' (stream)' : ' (no stream)'} into a success`, async () => {
      const rows = await runWith([fault, 'ok'], options);
      for (const row of rows) {
        expect(row.status).toBe('done');
        expect(row.response_attempts).toBe(2);
      }
    });
  }

  const classified: Array<[FaultKind, string, number | null, number]> = [
    ['server_500', 'server', 500, 3],
    ['auth', 'auth', 401, 1],
    ['bad_request', 'bad_request', 400, 1],
    ['timeout', 'timeout', null, 3],
  ];
  for (const [fault, errorClass, status, attempts] of classified) {
    it(`records a persistent ${fault} as a ${errorClass} error after ${attempts} attempt(s)`, async () => {
      const rows = await runWith([fault, fault, fault, fault], {
        retries: 2,
        timeoutMs: fault === 'timeout' ? 1500 : 5000,
        // Keep the circuit breaker out of this test (it has its own).
        extraRun: '  circuit_breaker: { failures: 1000 }',
      });
      for (const row of rows) {
        expect(row.status).toBe('error');
        expect(row.error_class).toBe(errorClass);
        expect(row.http_status).toBe(status);
        expect(row.response_attempts).toBe(attempts);
      }
    });
  }

  it('stops sending to a provider that keeps failing and records the rest as unavailable', async () => {
    const rows = await runWith(Array<FaultKind>(10).fill('server_500'), {
      retries: 1,
      concurrency: 1,
      extraRun: '  circuit_breaker: { failures: 2, cooldown_ms: 50, max_opens: 2 }',
    });
    expect(rows.every((r) => r.status === 'error')).toBe(true);
    const classes = rows.map((r) => r.error_class);
    expect(classes).toContain('unavailable');
    // Without the breaker every cell would be tried twice.
    expect(sim.log().filter((e) => e.tag).length).toBeLessThan(items * 2);
  });

  it('survives a seeded mix of every fault on many cells with no cell lost or duplicated', async () => {
    sim.clearLog();
    sim.setConfig({
      faults: {
        rates: {
          rate_limit: 0.05,
          server_500: 0.05,
          server_503: 0.05,
          reset: 0.05,
          malformed: 0.05,
          truncated: 0.05,
        },
        retryAfterMs: 30,
      },
    });
    writeDataset(core, 'mixed', 120);
    const manager = runManager(core.context);
    const planned = manager.plan(
      simSuite({
        dataset: 'mixed',
        baseUrl: sim.url,
        retries: 4,
        concurrency: 16,
        extraRun: '  circuit_breaker: { failures: 50 }',
      }),
      'suite.yaml',
    );
    const outcome = await manager.execute(planned.runId, { backoff: { baseMs: 10, capMs: 100 } })
      .done;
    expect(outcome.status).toBe('completed');
    const counts = core.context.db.get<{
      cells: number;
      responses: number;
      done: number;
    }>(sql`SELECT
        (SELECT COUNT(*) FROM cells WHERE run_id = ${planned.runId}) AS cells,
        (SELECT COUNT(*) FROM responses r JOIN cells c ON c.id = r.cell_id WHERE c.run_id = ${planned.runId}) AS responses,
        (SELECT COUNT(*) FROM cells WHERE run_id = ${planned.runId} AND status = 'done') AS done`);
    expect(counts).toEqual({ cells: 120, responses: 120, done: counts?.done });
    // With 30 % faults and 4 retries, nearly every cell ends in a success.
    expect(counts?.done).toBeGreaterThan(110);
  });
});
