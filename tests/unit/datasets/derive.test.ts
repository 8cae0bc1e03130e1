import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetItem, DeriveOutcome, WrittenVersion } from '@contract/index';
import type { Core } from '@core/host';
import { allocate, stratifiedSample } from '@core/datasets/derive/sampling';
import { findDuplicates } from '@core/datasets/derive/dedup';
import { foldIndex } from '@core/datasets/derive/folds';
import { writeFrozenVersion, type NewItem } from '@core/datasets/versionWriter';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { runJob } from './jobHelpers';

function item(key: string, category: string | null = null, input = `text of ${key}`): NewItem {
  return { key, input, reference: null, category, groupId: null };
}

describe('folds, samples and duplicates (pure)', () => {
  it('assigns folds by hash of the key: stable, and about even', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}`);
    const folds = keys.map((k) => foldIndex(k, 5));
    expect(keys.map((k) => foldIndex(k, 5))).toEqual(folds);
    const counts = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.min(...counts)).toBeGreaterThan(900);
    expect(keys.map((k) => foldIndex(k, 5, 'other-salt'))).not.toEqual(folds);
  });

  it('allocates at least the minimum per stratum, the rest by (√)population, never over a stratum', () => {
    expect(allocate([39_000, 900, 80, 20], 250, 20, 1)).toEqual([186, 24, 20, 20]);
    const rare = allocate([39_000, 900, 80, 20], 250, 20, 0.5);
    expect(rare.reduce((a, b) => a + b, 0)).toBe(250);
    expect(rare[1]).toBeGreaterThan(24);
    expect(() => allocate([10, 10], 30, 5, 1)).not.toThrow();
    expect(() => allocate([10, 10, 10], 20, 10, 1)).toThrow(
      /needs 30 items, more than the sample size 20/,
    );
  });

  it('samples 250 of 40,000 log lines with at least 20 per category, the same way for the same seed', () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => ({
      key: `line-${i}`,
      category: i < 20 ? 'refund' : i < 100 ? 'security' : i % 10 === 0 ? 'billing' : 'how_to',
    }));
    const params = { size: 250, seed: 7, stratify: true, minPerCategory: 20, oversampleRare: true };
    const a = stratifiedSample(lines, params);
    const b = stratifiedSample(lines, params);
    expect([...a.keys]).toEqual([...b.keys]);
    expect(a.keys.size).toBe(250);
    const byCategory = new Map<string, number>();
    for (const key of a.keys) {
      const category = lines[Number(key.slice(5))]?.category ?? '';
      byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
    }
    expect(byCategory.get('refund')).toBe(20);
    expect(byCategory.get('security')).toBeGreaterThanOrEqual(20);
    expect(a.strata.map((s) => s.sampled)).toEqual(
      a.strata.map((s) => byCategory.get(s.category ?? '')),
    );
    expect([...stratifiedSample(lines, { ...params, seed: 8 }).keys]).not.toEqual([...a.keys]);
  });

  it('finds exact duplicates after normalisation, and near-duplicates by MinHash, keeping the first', () => {
    const base =
      'The quarterly report shows revenue grew by twelve percent while costs stayed flat across all regions and teams this year';
    const items = [
      { key: 'a', text: base },
      { key: 'b', text: base.toUpperCase().replace(/ /g, '  ') + '!' },
      { key: 'c', text: base.replace('twelve', 'eleven') },
      {
        key: 'd',
        text: 'A completely different sentence about cooking pasta with garlic, olive oil and fresh basil leaves tonight',
      },
    ];
    expect(findDuplicates(items, 'exact', 0.8)).toEqual([{ kept: 'a', removed: ['b'] }]);
    expect(findDuplicates(items, 'near', 0.6)).toEqual([{ kept: 'a', removed: ['b', 'c'] }]);
  });
});

describe('versions derived in the workspace', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(() => core.close());

  function version(items: NewItem[], name = 'base'): WrittenVersion {
    return writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: name,
      source: { kind: 'test' },
      items,
    });
  }

  async function keysOf(versionId: string): Promise<string[]> {
    const { items } = await call<{ items: DatasetItem[] }>(core, 'datasets.items', {
      versionId,
      page: { offset: 0, limit: 5000 },
    });
    return items.map((i) => i.key);
  }

  it('writes held-out set B as the same items every time, even after the dataset grows', async () => {
    core = openTestCore(tempDir());
    const v1 = version(Array.from({ length: 200 }, (_, i) => item(`k${i}`)));
    const folds = await call<Array<{ name: string; count: number }>>(core, 'datasets.folds', {
      versionId: v1.versionId,
      k: 5,
    });
    expect(folds.map((f) => f.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(folds.reduce((a, f) => a + f.count, 0)).toBe(200);
    const split = { kind: 'fold', k: 5, folds: ['B'] };
    const b1 = (
      await runJob<'derive'>(core, 'datasets.derive', {
        sourceVersionId: v1.versionId,
        operation: split,
        targetDataset: 'held-out-B',
      })
    ).value as DeriveOutcome;
    expect(b1.selectedCount).toBe(folds[1]?.count);
    const grown = await call<WrittenVersion>(core, 'datasets.edit', {
      parentVersionId: v1.versionId,
      upserts: Array.from({ length: 50 }, (_, i) => ({ key: `new${i}`, input: `new ${i}` })),
    });
    const b2 = (
      await runJob<'derive'>(core, 'datasets.derive', {
        sourceVersionId: grown.versionId,
        operation: split,
        targetDataset: 'held-out-B',
      })
    ).value as DeriveOutcome;
    const first = await keysOf(b1.written?.versionId ?? '');
    const second = await keysOf(b2.written?.versionId ?? '');
    expect(second.filter((k) => k.startsWith('k'))).toEqual(first);
    const rest = (
      await runJob<'derive'>(core, 'datasets.derive', {
        sourceVersionId: v1.versionId,
        operation: { ...split, complement: true },
        dryRun: true,
      })
    ).value;
    expect((rest?.selectedCount ?? 0) + b1.selectedCount).toBe(200);
  });

  it('records the seed and allocation of a sample in the new version, which names its parent', async () => {
    core = openTestCore(tempDir());
    const v = version(
      Array.from({ length: 300 }, (_, i) => item(`k${i}`, i < 15 ? 'rare' : 'common')),
    );
    const op = { kind: 'sample', size: 40, seed: 'spring', minPerCategory: 10 };
    const a = (
      await runJob<'derive'>(core, 'datasets.derive', {
        sourceVersionId: v.versionId,
        operation: op,
        targetDataset: 'sampled',
      })
    ).value as DeriveOutcome;
    const b = (
      await runJob<'derive'>(core, 'datasets.derive', {
        sourceVersionId: v.versionId,
        operation: op,
        targetDataset: 'sampled-again',
      })
    ).value as DeriveOutcome;
    expect(a.written?.contentHash).toBe(b.written?.contentHash);
    const info = await call<{ parentId: string; source: Record<string, unknown> }>(
      core,
      'datasets.version',
      { versionId: a.written?.versionId },
    );
    expect(info.parentId).toBe(v.versionId);
    expect(info.source).toMatchObject({
      kind: 'derived',
      operation: { kind: 'sample', seed: 'spring', size: 40, minPerCategory: 10 },
      from: { versionId: v.versionId, version: 1 },
      details: {
        strata: [
          { category: 'common', population: 285, sampled: 29 },
          { category: 'rare', population: 15, sampled: 11 },
        ],
      },
    });
    const tooMany = await runJob<'derive'>(core, 'datasets.derive', {
      sourceVersionId: v.versionId,
      operation: { ...op, size: 500 },
    });
    expect(tooMany.job).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('cannot sample 500 items from a version of 300') as string,
    });
  });

  it('de-duplicates into a new version and reports the groups', async () => {
    core = openTestCore(tempDir());
    const v = version([
      item('a', null, 'Hello there, world'),
      item('b', null, 'hello THERE world!'),
      item('c', null, 'something else'),
    ]);
    const outcome = (
      await runJob<'derive'>(core, 'datasets.derive', {
        sourceVersionId: v.versionId,
        operation: { kind: 'dedup' },
      })
    ).value as DeriveOutcome;
    expect(outcome.details).toMatchObject({
      groupCount: 1,
      removedCount: 1,
      groups: [{ kept: 'a', removed: ['b'] }],
    });
    expect(await keysOf(outcome.written?.versionId ?? '')).toEqual(['a', 'c']);
  });

  it('edits into a new version and shows the differences by key', async () => {
    core = openTestCore(tempDir());
    const v1 = version([item('a', 'x'), item('b', 'x'), item('c', 'y')]);
    const v2 = await call<WrittenVersion>(core, 'datasets.edit', {
      parentVersionId: v1.versionId,
      upserts: [
        { key: 'b', input: 'text of b', category: 'z', tags: ['fixed'] },
        { key: 'd', input: 'new one' },
      ],
      removeKeys: ['c'],
      note: 'relabel b',
    });
    expect(v2).toMatchObject({ version: 2, itemCount: 3 });
    expect(await keysOf(v2.versionId)).toEqual(['a', 'b', 'd']);
    const diff = await call<{
      counts: Record<string, number>;
      entries: Array<{ key: string; change: string; fields: string[] }>;
    }>(core, 'datasets.diff', { fromVersionId: v1.versionId, toVersionId: v2.versionId });
    expect(diff.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(diff.entries.map((e) => [e.key, e.change, e.fields])).toEqual([
      ['b', 'changed', ['category', 'tags']],
      ['c', 'removed', []],
      ['d', 'added', []],
    ]);
    const info = await call<{ parentId: string; note: string; source: unknown }>(
      core,
      'datasets.version',
      { versionId: v2.versionId },
    );
    expect(info).toMatchObject({
      parentId: v1.versionId,
      note: 'relabel b',
      source: { kind: 'edit', replaced: 1, added: 1, removed: 1 },
    });
    const bad = await core.dispatch('datasets.edit', {
      parentVersionId: v1.versionId,
      removeKeys: ['nope'],
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('nope') as string },
    });
  });
});
