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

/** Items of the shards' dataset version: a copy of it takes a few hundred ms at full speed. */
const versionItems = 6000;

/**
 * The dataset version a merge copies into a target that lacks it is written chunk by chunk in
 * the merge's transaction, then re-hashed chunk by chunk: progress after each chunk, the event
 * loop turning in between, and a cancel taking effect there (rolled back like any other).
 */
describe('merge: copying and re-hashing the dataset version', { timeout: 60_000 }, () => {
  const tempDir = useTempDir('yardstick-merge-version-');
  let base: string;
  let shards: string;
  const open: Core[] = [];

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'yardstick-merge-version-src-'));
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

  /** Merges with allowPartial (the shard runs are planned, not run), seeing every report. */
  function merge(core: Core, options: MergeShardsOptions = {}) {
    return mergeShards(core.context, [shards], { allowPartial: true, ...options });
  }

  const datasetReports = <T extends MergeProgress>(seen: readonly T[]) =>
    seen.filter((p) => p.phase === 'dataset');

  it('reports each forced chunk of the copy, in order, up to the version’s item count', async () => {
    const core = target();
    const seen: MergeProgress[] = [];
    const merged = await merge(core, { versionChunkRows: 500, onProgress: (p) => seen.push(p) });
    expect(merged.copied.isDatasetVersionCopied).toBe(true);
    expect(datasetReports(seen).map((p) => p.done)).toEqual(
      Array.from({ length: versionItems / 500 + 1 }, (_, i) => i * 500),
    );
    expect(datasetReports(seen).every((p) => p.total === versionItems)).toBe(true);
    // The rows over all phases count the version's items too, and only grow.
    for (const [i, p] of seen.entries())
      if (i > 0) expect(p.rowsDone).toBeGreaterThanOrEqual((seen[i - 1] as MergeProgress).rowsDone);
    const items = core.context.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM items`)?.n;
    expect(items).toBe(versionItems);
  });

  it('by default sizes its chunks to let the event loop turn while it copies', async () => {
    const core = target();
    const seen: Array<MergeProgress & { turns: number }> = [];
    // A heartbeat of the event loop: it only advances when the copy lets the loop turn.
    let turns = 0;
    let beating = true;
    const beat = () => {
      turns++;
      if (beating) setImmediate(beat);
    };
    setImmediate(beat);
    try {
      await merge(core, { onProgress: (p) => seen.push({ ...p, turns }) });
    } finally {
      beating = false;
    }
    const reports = datasetReports(seen);
    expect(reports.length).toBeGreaterThan(3);
    for (const [i, p] of reports.entries())
      if (i > 0) {
        const before = reports[i - 1] as (typeof reports)[number];
        expect(p.done).toBeGreaterThan(before.done);
        // After each chunk's report the loop turned (a signal handler could have run) before
        // the next chunk; the first chunk follows the phase's opening report directly.
        if (i > 1) expect(p.turns).toBeGreaterThan(before.turns);
      }
    expect(reports[0]?.done).toBe(0);
    expect(reports.at(-1)?.done).toBe(versionItems);
  });

  it('stops mid-copy when its signal aborts, leaves the target as it was, and merges later', async () => {
    const core = target();
    const snapshot = tableCounts(core);
    const controller = new AbortController();
    const seen: MergeProgress[] = [];
    let abortedAt: MergeProgress | null = null;
    const error = await merge(core, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'dataset' && p.done > 0 && !abortedAt) {
          abortedAt = p;
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MergeCancelledError);
    const stoppedAt = abortedAt as MergeProgress | null;
    expect(stoppedAt?.done).toBeLessThan(versionItems);
    // It stopped at that chunk: no further report of the copy, nothing after it.
    expect(seen.at(-1)).toEqual(stoppedAt);
    // Part of the version had been written inside the transaction: none of it is left — no
    // dataset, version, item, tag or PII scan, no run.
    expect(tableCounts(core)).toEqual(snapshot);
    expect(snapshot.items).toBe(0);
    expect(core.context.db.raw.inTransaction).toBe(false);

    const merged = await merge(core);
    expect(merged.copied.isDatasetVersionCopied).toBe(true);
    const version = core.context.db.get<{ item_count: number; is_frozen: number }>(
      sql`SELECT item_count, is_frozen FROM dataset_versions`,
    );
    expect(version).toEqual({ item_count: versionItems, is_frozen: 1 });
  });

  // The copied version is then re-hashed (and refused if it hashes differently): that hash is
  // chunked like the copy, its own phase `datasetHash`, where a cancel rolls the merge back.
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
