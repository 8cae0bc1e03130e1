import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import {
  MergeCancelledError,
  mergeShards,
  type MergeProgress,
  type MergeShardsOptions,
} from '@core/runner/mergeShards';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { largeVersionShardWorkspace, tableCounts } from './mergeFixtures';

const versionItems = 6000;

/**
 * A dataset version a merge copies is then re-hashed (and refused if it hashes differently):
 * that hash is chunked like the copy — its own phase, `datasetHash`, reporting after each chunk
 * with a turn of the event loop, where a cancel rolls the whole merge back.
 */
describe('merge: re-hashing the copied dataset version', { timeout: 60_000 }, () => {
  const tempDir = useTempDir('yardstick-merge-hash-');
  let base: string;
  let shards: string;
  const open: Core[] = [];

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'yardstick-merge-hash-src-'));
    shards = await largeVersionShardWorkspace(join(base, 'shards'), versionItems);
  }, 60_000);

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  afterEach(async () => {
    for (const core of open.splice(0).reverse()) await core.close();
  });

  function target(): Core {
    const core = openTestCore(tempDir());
    open.push(core);
    return core;
  }

  const merge = (core: Core, options: MergeShardsOptions = {}) =>
    mergeShards(core.context, [shards], { allowPartial: true, ...options });

  const hashReports = (seen: readonly MergeProgress[]) =>
    seen.filter((p) => p.phase === 'datasetHash');

  it('reports each chunk of the hash after the copy, counting items, not rows copied', async () => {
    const core = target();
    const seen: MergeProgress[] = [];
    await merge(core, { versionChunkRows: 1000, onProgress: (p) => seen.push(p) });
    expect(hashReports(seen).map((p) => p.done)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000]);
    expect(hashReports(seen).every((p) => p.total === versionItems)).toBe(true);
    // After the last report of the copy, before the cells.
    const phases = seen.map((p) => p.phase);
    expect(phases.lastIndexOf('dataset')).toBeLessThan(phases.indexOf('datasetHash'));
    expect(phases.lastIndexOf('datasetHash')).toBeLessThan(phases.indexOf('cells'));
    // Re-hashing copies nothing: the rows done stay where the copy left them.
    const rows = new Set(hashReports(seen).map((p) => p.rowsDone));
    expect(rows.size).toBe(1);
  });

  it('stops mid-hash when its signal aborts, leaves the target as it was, and merges later', async () => {
    const core = target();
    const snapshot = tableCounts(core);
    const controller = new AbortController();
    const seen: MergeProgress[] = [];
    const error = await merge(core, {
      signal: controller.signal,
      versionChunkRows: 1000,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'datasetHash' && p.done === 2000) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MergeCancelledError);
    expect(hashReports(seen).map((p) => p.done)).toEqual([0, 1000, 2000]);
    expect(seen.at(-1)?.phase).toBe('datasetHash');
    // The copied items had been written inside the transaction: none is left.
    expect(tableCounts(core)).toEqual(snapshot);
    expect(core.context.db.raw.inTransaction).toBe(false);

    const merged = await merge(core);
    expect(merged.copied.isDatasetVersionCopied).toBe(true);
    const version = core.context.db.get<{ item_count: number; is_frozen: number }>(
      sql`SELECT item_count, is_frozen FROM dataset_versions`,
    );
    expect(version).toEqual({ item_count: versionItems, is_frozen: 1 });
  });
});
