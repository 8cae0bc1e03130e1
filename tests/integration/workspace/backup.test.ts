import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import { sql } from '@core/db/sql';
import { SecretsRepo } from '@core/db/repos/secrets';
import { runManager } from '@core/runner/runManager';
import type { SealedSecrets } from '@core/secrets/secretStore';
import {
  BackupCancelledError,
  backupWorkspace,
  defaultBackupFile,
  type BackupProgress,
} from '@core/workspace/backup';
import type { BackupResult } from '@contract/routes/workspaceCare';
import { checkWorkspace } from '@core/workspace/check';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { simSuite, useSimulatedWorkspace, writeDataset } from '../runner/fixtures';

/** Opens a backup the way docs/cli.md says to restore one: as `workspace.sqlite` of a folder. */
function openRestored(backupFile: string, base: string): Core {
  mkdirSync(join(base, 'workspace'), { recursive: true });
  copyFileSync(backupFile, join(base, 'workspace', 'workspace.sqlite'));
  return openTestCore(base);
}

function runRows(core: Core, runId: string) {
  const db = core.context.db;
  const finished = db.get<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM cells WHERE run_id = ${runId} AND status IN ('done', 'error')`,
  )?.n;
  const responses = db.get<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM responses r JOIN cells c ON c.id = r.cell_id WHERE c.run_id = ${runId}`,
  )?.n;
  return { finished: finished ?? -1, responses: responses ?? -1 };
}

// A run's engine worker compiles its TypeScript sources with tsx (seconds on a busy machine).
describe('workspace backup', { timeout: 60_000 }, () => {
  const openSimulated = useSimulatedWorkspace();
  const tempDir = useTempDir();

  it('copies a workspace while a run writes to it: the copy is whole, consistent and opens with the same counts', async () => {
    const { sim, core } = await openSimulated({ latency: { kind: 'uniform', minMs: 2, maxMs: 6 } });
    writeDataset(core, 'qa', 400);
    // Some bulk, so that copying one page per step spans many turns of the event loop.
    writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'bulk',
      source: { kind: 'test' },
      items: Array.from({ length: 8000 }, (_, i) => ({
        key: `b${i}`,
        input: `bulk ${i} `.repeat(100),
        reference: null,
        category: null,
        groupId: null,
        metadata: {},
      })),
    });
    const manager = runManager(core.context);
    const planned = manager.plan(
      simSuite({ dataset: 'qa', baseUrl: sim.url, models: ['sim-a', 'sim-b'], concurrency: 4 }),
      'suite.yaml',
    );
    const started = manager.execute(planned.runId);
    while (runRows(core, planned.runId).responses < 20) await new Promise((r) => setTimeout(r, 20));

    // One page per step: the backup spans many turns of the event loop, in which the engine's
    // responses arrive and are written. The run is timed by a simulator: should a copy end
    // between two of its batches, the next one is taken (the run lasts far longer).
    let before = 0;
    let after = 0;
    let during: BackupResult | null = null;
    let progress: BackupProgress[] = [];
    for (let attempt = 0; attempt < 5 && after <= before; attempt++) {
      before = runRows(core, planned.runId).responses;
      progress = [];
      during = await backupWorkspace(core.context, {
        file: join(tempDir(), 'during.sqlite'),
        pagesPerStep: 1,
        onProgress: (p) => progress.push(p),
      });
      after = runRows(core, planned.runId).responses;
    }
    if (!during) throw new Error('no backup was taken');
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toMatchObject({ pagesDone: during.pages, pagesTotal: during.pages });
    // Responses were written while it copied: the copy followed them.
    expect(after).toBeGreaterThan(before);
    expect((await started.done).status).toBe('completed');

    const copy = openRestored(during.file, tempDir());
    try {
      expect(checkWorkspace(copy.context.db).isHealthy).toBe(true);
      const copied = runRows(copy, planned.runId);
      // Every finished cell has its response, and the copy holds what was there when it ended.
      expect(copied.finished).toBe(copied.responses);
      expect(copied.responses).toBeGreaterThanOrEqual(after);
      expect(copied.responses).toBeLessThanOrEqual(800);
    } finally {
      await copy.close();
    }

    // Once the run is over, a copy has exactly the workspace's counts.
    const idle = await backupWorkspace(core.context, { file: join(tempDir(), 'idle.sqlite') });
    const restored = openRestored(idle.file, tempDir());
    try {
      const counts = (await call<{ counts: object }>(restored, 'workspace.overview')).counts;
      expect(counts).toEqual((await call<{ counts: object }>(core, 'workspace.overview')).counts);
      expect(counts).toMatchObject({ runs: 1, responses: 800, datasets: 2 });
    } finally {
      await restored.close();
    }
    // Self-contained: no -wal or -journal beside the copies.
    expect(readdirSync(join(idle.file, '..')).sort()).toEqual(['idle.sqlite']);
  });

  it('a cancelled backup leaves nothing behind, through the job too', async () => {
    const core = openTestCore(tempDir(), { seedExamples: true });
    try {
      const folder = tempDir();
      const controller = new AbortController();
      await expect(
        backupWorkspace(core.context, {
          file: join(folder, 'cancelled.sqlite'),
          pagesPerStep: 1,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.pagesDone >= 3) controller.abort();
          },
        }),
      ).rejects.toBeInstanceOf(BackupCancelledError);
      expect(readdirSync(folder)).toEqual([]);

      const { jobId } = await call<{ jobId: string }>(core, 'workspace.backup', {
        file: join(folder, 'job.sqlite'),
      });
      await call(core, 'jobs.cancel', { jobId });
      await expect
        .poll(
          async () =>
            (await call<Array<{ id: string; status: string }>>(core, 'jobs.list')).find(
              (j) => j.id === jobId,
            )?.status,
        )
        .toBe('cancelled');
      expect(readdirSync(folder)).toEqual([]);
      expect(await call(core, 'workspace.backupResult', { jobId })).toBeNull();
    } finally {
      await core.close();
    }
  });

  it('refuses an existing destination unless told to overwrite, and never the live database', async () => {
    const core = openTestCore(tempDir());
    try {
      const folder = tempDir();
      const target = join(folder, 'taken.sqlite');
      writeFileSync(target, 'not mine to replace');
      const refused = await core.dispatch('workspace.backup', { file: target });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'conflict', issues: [{ path: 'file', message: 'already exists' }] },
      });
      expect(readFileSync(target, 'utf8')).toBe('not mine to replace');

      const live = await core.dispatch('workspace.backup', {
        file: core.context.databaseFile,
        overwrite: true,
      });
      expect(live).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      const nowhere = await core.dispatch('workspace.backup', {
        file: join(folder, 'no', 'x.sqlite'),
      });
      expect(nowhere).toMatchObject({ ok: false, error: { code: 'bad_request' } });

      const replaced = await backupWorkspace(core.context, { file: target, overwrite: true });
      expect(replaced.bytes).toBeGreaterThan(4096);
      expect(readFileSync(target).subarray(0, 15).toString()).toBe('SQLite format 3');
    } finally {
      await core.close();
    }
  });

  it('goes to <workspace>/backups by default, as a job whose result names the file and its size', async () => {
    const core = openTestCore(tempDir());
    try {
      const plan = await call<{ defaultFile: string }>(core, 'workspace.backupPlan');
      expect(plan.defaultFile).toMatch(/[/\\]backups[/\\]yardstick-\d{8}-\d{6}\.sqlite$/);
      expect(defaultBackupFile('/w', new Date(2026, 0, 2, 3, 4, 5))).toBe(
        join('/w', 'backups', 'yardstick-20260102-030405.sqlite'),
      );
      const { jobId, file } = await call<{ jobId: string; file: string }>(
        core,
        'workspace.backup',
        {},
      );
      expect(file.startsWith(join(core.context.workspaceDir, 'backups'))).toBe(true);
      await expect
        .poll(async () =>
          call<{ file: string; bytes: number } | null>(core, 'workspace.backupResult', { jobId }),
        )
        .toMatchObject({ file });
    } finally {
      await core.close();
    }
  });

  it('holds no API key in plain text: keychain-sealed keys stay ciphertext, file-sealed ones stay out', async () => {
    const fileKey = 'sk-file-sealed-0123456789abcdef';
    const keychainKey = 'sk-keychain-sealed-0123456789abcdef';
    const dir = tempDir();
    // The OS keychain is the true boundary: a reversible stand-in seals into the secrets table
    // as Electron's safeStorage does in the desktop app.
    const byKeychain = openTestCore(join(dir, 'desktop'), {
      sealedSecrets: ({ db }): SealedSecrets => {
        const repo = new SecretsRepo(db);
        const seal = (v: string) => Buffer.from([...Buffer.from(v)].map((b) => b ^ 0x5a));
        return {
          read: (n) => repo.get(n) && seal(repo.get(n)!.ciphertext.toString('latin1')).toString(),
          last4: (n) => repo.get(n)?.last4 ?? undefined,
          write: (n, v) => repo.put(n, seal(v), v.slice(-4), new Date().toISOString()),
          remove: (n) => repo.delete(n),
          names: () => repo.names(),
        };
      },
    });
    const byFile = openTestCore(join(dir, 'cli'));
    try {
      await call(byKeychain, 'secrets.set', { name: 'OPENAI_API_KEY', value: keychainKey });
      await call(byFile, 'secrets.set', { name: 'OPENAI_API_KEY', value: fileKey });
      const desktop = await backupWorkspace(byKeychain.context, {
        file: join(dir, 'desktop.sqlite'),
      });
      const cli = await backupWorkspace(byFile.context, { file: join(dir, 'cli.sqlite') });
      expect(desktop.keys).toMatchObject({ sealedInDatabase: 1, inSealedFile: 0 });
      expect(cli.keys).toMatchObject({ sealedInDatabase: 0, inSealedFile: 1 });
      expect(readFileSync(desktop.file).includes(keychainKey)).toBe(false);
      expect(readFileSync(cli.file).includes(fileKey)).toBe(false);
    } finally {
      await byKeychain.close();
      await byFile.close();
    }
  });
});
