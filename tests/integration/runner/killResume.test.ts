import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import { startSimulator, type Simulator } from '../../simulator';
import { openTestCore } from '../../support/core';
import { finished, spawnTs } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from './fixtures';

const cells = 2000;

function countStored(databaseFile: string): number {
  const db = new Db(databaseFile, { readonly: true });
  try {
    return db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM responses`)?.n ?? 0;
  } finally {
    db.close();
  }
}

describe('crash safety of a run', () => {
  const tempDir = useTempDir();
  let sim: Simulator | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
  });

  // Two CLI processes under tsx and a 2,000-cell run: slower than a unit test by nature.
  it(
    'completes after kill -9 mid-run without re-sending any cell that had a stored response',
    { timeout: 90_000 },
    async () => {
      const dir = tempDir();
      const workspace = join(dir, 'workspace');
      const env = { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') };
      sim = await startSimulator({ latency: { kind: 'uniform', minMs: 10, maxMs: 20 } });
      const core = openTestCore(dir);
      writeDataset(core, 'qa', cells);
      const databaseFile = core.context.databaseFile;
      await core.close();
      const suite = join(dir, 'suite.yaml');
      writeFileSync(
        suite,
        simSuite({ dataset: 'qa', baseUrl: sim.url, concurrency: 12, stream: false }),
      );

      const first = spawnTs(
        'src-main/cli/main.ts',
        ['--workspace', workspace, 'run', suite, '--json'],
        { env },
      );
      const firstDone = finished(first);
      let stored = 0;
      while (stored < 400) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        stored = countStored(databaseFile);
        if (first.exitCode !== null)
          throw new Error(`the run ended before it could be killed: ${(await firstDone).stderr}`);
      }
      first.kill('SIGKILL');
      await firstDone;
      const cutSeq = Math.max(...sim.log().map((e) => e.seq));

      const db = new Db(databaseFile, { readonly: true });
      const storedAtKill = new Set(
        db.all<{ cell_id: string }>(sql`SELECT cell_id FROM responses`).map((r) => r.cell_id),
      );
      const runId = db.get<{ id: string; status: string }>(sql`SELECT id, status FROM runs`);
      db.close();
      expect(storedAtKill.size).toBeGreaterThanOrEqual(400);
      expect(storedAtKill.size).toBeLessThan(cells);
      expect(runId?.status).toBe('running');

      const second = spawnTs(
        'src-main/cli/main.ts',
        ['--workspace', workspace, 'resume', runId?.id ?? '', '--json'],
        { env },
      );
      const result = await finished(second);
      expect(result.code, result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout) as {
        status: string;
        cells: { total: number; ok: number };
      };
      expect(summary.status).toBe('completed');
      expect(summary.cells).toMatchObject({ total: cells, ok: cells });

      const after = sim.log().filter((e) => e.seq > cutSeq && e.tag !== null);
      const resent = after.filter((e) => storedAtKill.has(e.tag as string));
      expect(resent).toEqual([]);
      // Everything else was sent again or for the first time: every cell reached the server.
      const everSent = new Set(sim.log().map((e) => e.tag));
      const check = new Db(databaseFile, { readonly: true });
      try {
        expect(check.raw.pragma('integrity_check', { simple: true })).toBe('ok');
        const ids = check.all<{ id: string; status: string; has: number }>(
          sql`SELECT c.id, c.status, (SELECT COUNT(*) FROM responses r WHERE r.cell_id = c.id) AS has FROM cells c`,
        );
        expect(ids).toHaveLength(cells);
        expect(ids.every((c) => c.status === 'done' && c.has === 1 && everSent.has(c.id))).toBe(
          true,
        );
      } finally {
        check.close();
      }
    },
  );
});
