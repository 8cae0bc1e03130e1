import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetRemovalPreview, DatasetRemoved } from '@contract/index';
import { sql } from '@core/db/sql';
import { finishInterruptedDatasetRemovals } from '@core/datasets/removal/removeDataset';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import type { Core } from '@core/host';
import { call } from '../../support/core';
import { finished, spawnTs, waitForLine } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';

function version(core: Core, datasetName: string, count: number) {
  return writeFrozenVersion(core.context.db, core.context.repos.datasets, {
    datasetName,
    source: { test: true },
    items: Array.from({ length: count }, (_, i) => ({
      key: `k${i}`,
      input: `question ${i}?`,
      reference: null,
      category: null,
      groupId: null,
      tags: ['t'],
      metadata: {},
      hasPersonalData: false,
    })),
  });
}

async function refusalOf(core: Core, route: string, input: unknown) {
  const result = await core.dispatch(route, input);
  if (result.ok) throw new Error(`${route} succeeded where a refusal was expected`);
  return result.error;
}

const itemsOf = (core: Core, versionId: string) =>
  core.context.db.get<{ n: number }>(
    sql`SELECT COUNT(*) AS n FROM items WHERE version_id = ${versionId}`,
  )?.n;

/**
 * "(pid 123 on host, since 2026-…)": how refusals name the process holding the dataset's
 * lock, read from the lock file the other process wrote.
 */
function heldBy(core: Core, datasetId: string, pid: number | undefined): string {
  const file = join(core.context.workspaceDir, 'locks', `${datasetId}.lock`);
  const owner = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; since: string };
  expect(owner.pid).toBe(pid);
  return `(pid ${owner.pid} on ${hostname()}, since ${owner.since})`;
}

/** The real CLI (a third process) on the test core's workspace in `dir`. */
const yardstick = (dir: string, ...args: string[]) =>
  finished(
    spawnTs('src-main/cli/main.ts', ['--workspace', join(dir, 'workspace'), ...args], {
      env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') },
    }),
  );

/**
 * A dataset deletion in another real process (the CLI beside the app): its lock file tells it
 * from an interrupted one. The child deletes in batches of 400 and waits after 800, holding
 * the lock, until it is killed -9; a dead process's lock is stale.
 */
describe('dataset deletions held by another process', { timeout: 90_000 }, () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  it('is not listed, finished or deleted again while the other process lives; after kill -9 it is, and finishing works', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const big = version(core, 'big', 2000);
    const lock = join(core.context.workspaceDir, 'locks', `${big.datasetId}.lock`);

    const child = spawnTs('tests/support/datasetRemovalCrashChild.ts', [dir, big.datasetId]);
    await waitForLine(child, /^between batches 800$/);
    expect(itemsOf(core, big.versionId)).toBe(1200);
    expect(existsSync(lock)).toBe(true);

    // Alive: not interrupted, and neither finishing nor a fresh delete runs a second deletion.
    expect(await call(core, 'datasets.interruptedDeletions', {})).toEqual([]);
    expect(finishInterruptedDatasetRemovals(core.context)).toEqual([]);
    const because = `dataset "big" is being deleted by another process ${heldBy(core, big.datasetId, child.pid)}: it finishes there`;
    expect(
      await refusalOf(core, 'datasets.finishDelete', { datasetId: big.datasetId }),
    ).toMatchObject({ code: 'conflict', message: because });
    expect(await refusalOf(core, 'datasets.delete', { datasetId: big.datasetId })).toMatchObject({
      code: 'conflict',
      message: because,
    });
    // The CLI looks it up by name: hidden, yet said to be deleted there rather than unknown.
    const cli = await yardstick(dir, 'datasets', 'delete', 'big', '--yes');
    expect(cli.code, cli.stderr).toBe(6);
    expect(cli.stderr).toContain(because);
    expect(itemsOf(core, big.versionId)).toBe(1200);
    expect(core.context.jobs.list().filter((j) => j.kind === 'datasets.delete')).toEqual([]);
    expect(child.exitCode).toBeNull(); // it held the lock throughout

    child.kill('SIGKILL');
    await once(child, 'exit');

    // Dead: its lock is stale; the deletion is interrupted, and finishing it here takes over.
    expect(existsSync(lock)).toBe(true);
    expect(await call(core, 'datasets.interruptedDeletions', {})).toMatchObject([
      { datasetId: big.datasetId, datasetName: 'big', versions: [1], itemsLeft: 1200 },
    ]);
    const removed = await call<DatasetRemoved>(core, 'datasets.finishDelete', {
      datasetId: big.datasetId,
    });
    expect(removed).toMatchObject({ removesDataset: true, deleted: { versions: 1, items: 1200 } });
    expect(itemsOf(core, big.versionId)).toBe(0);
    expect(await call(core, 'datasets.interruptedDeletions', {})).toEqual([]);
    expect(existsSync(lock)).toBe(false);
  });

  it('refuses deleting another version of that dataset, in the app and the CLI, naming the process', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const v1 = version(core, 'faq', 2000);
    const v2 = version(core, 'faq', 5);

    const child = spawnTs('tests/support/datasetRemovalCrashChild.ts', [dir, v1.versionId]);
    try {
      await waitForLine(child, /^between batches 800$/);
      const holder = `another process ${heldBy(core, v1.datasetId, child.pid)}`;
      const because = `version 1 of dataset "faq" is being deleted by ${holder}: wait for it to end there, then delete`;
      const preview = await call<DatasetRemovalPreview>(core, 'datasets.deletePreview', {
        versionId: v2.versionId,
      });
      expect(preview.canDelete).toBe(false);
      expect(preview.blockers).toEqual([{ kind: 'writing', jobId: null, message: because }]);
      expect(await refusalOf(core, 'datasets.delete', { versionId: v2.versionId })).toMatchObject({
        code: 'refused',
        message: `version 2 of dataset "faq" cannot be deleted (1 reason): ${because}`,
      });

      // The CLI neither finishes the child's deletion on opening nor deletes beside it.
      const cli = await yardstick(dir, 'datasets', 'delete', 'faq@2', '--yes');
      expect(cli.code, cli.stderr).toBe(6);
      expect(cli.stderr).toContain(`is being deleted by ${holder}`);
      expect(cli.stderr).not.toMatch(/finished deleting/);
      expect(itemsOf(core, v1.versionId)).toBe(1200);
      expect(itemsOf(core, v2.versionId)).toBe(5);
      expect(child.exitCode).toBeNull();
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    // Once it is dead both go: the interrupted v1 first, then v2 (the dataset with it).
    await Promise.all(finishInterruptedDatasetRemovals(core.context));
    expect(itemsOf(core, v1.versionId)).toBe(0);
    const last = await call<DatasetRemoved>(core, 'datasets.delete', { versionId: v2.versionId });
    expect(last).toMatchObject({ version: 2, removesDataset: true });
  });
});
