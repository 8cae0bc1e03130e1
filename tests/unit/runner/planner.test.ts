import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { effectiveParams, paramsForRepeat, parseManifest } from '@core/runner/manifest';
import { cellId, orderPermutation, shardOf } from '@core/runner/planner';
import { requestHash } from '@core/runner/requestHash';
import { runManager } from '@core/runner/runManager';
import { hashJson, sha256Hex } from '@core/util/hash';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from '../../integration/runner/fixtures';

describe('planning helpers', () => {
  it('gives each cell a stable id from run, item, prompt, model and repeat', () => {
    const a = cellId('run_1', 'T1', 'p', 'm', 0);
    expect(a).toBe(cellId('run_1', 'T1', 'p', 'm', 0));
    expect(a).toMatch(/^c_[0-9a-f]{32}$/);
    const others = [
      cellId('run_2', 'T1', 'p', 'm', 0),
      cellId('run_1', 'T2', 'p', 'm', 0),
      cellId('run_1', 'T1', 'q', 'm', 0),
      cellId('run_1', 'T1', 'p', 'n', 0),
      cellId('run_1', 'T1', 'p', 'm', 1),
    ];
    expect(new Set([a, ...others]).size).toBe(6);
    // Fields cannot bleed into each other.
    expect(cellId('r', 'ab', 'c', 'm', 0)).not.toBe(cellId('r', 'a', 'bc', 'm', 0));
  });

  it('shuffles with a seed into a permutation, reproducibly', () => {
    const perm = orderPermutation(1000, 42);
    expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...orderPermutation(1000, 42)]).toEqual([...perm]);
    expect([...orderPermutation(1000, 43)]).not.toEqual([...perm]);
    expect([...orderPermutation(5, null)]).toEqual([0, 1, 2, 3, 4]);
  });

  it('splits items into disjoint shards covering everything', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `item-${i}`);
    const counts = [0, 0, 0, 0];
    for (const key of keys) {
      const shard = shardOf(key, 4);
      expect(shard).toBeGreaterThanOrEqual(1);
      expect(shard).toBeLessThanOrEqual(4);
      counts[shard - 1]! += 1;
      expect(shardOf(key, 4)).toBe(shard);
    }
    for (const n of counts) expect(n).toBeGreaterThan(200);
  });

  it('applies top-level params to every model unless the model overrides them, key by key', () => {
    expect(
      effectiveParams({ temperature: 0, max_tokens: 100, stop: ['x'] }, { temperature: 0.7 }),
    ).toEqual({
      temperature: 0.7,
      max_tokens: 100,
      stop: ['x'],
    });
    expect(effectiveParams(undefined, undefined)).toEqual({});
    expect(paramsForRepeat({ seed: 7, temperature: 1 }, 2)).toEqual({ seed: 9, temperature: 1 });
    expect(paramsForRepeat({ temperature: 1 }, 2)).toEqual({ temperature: 1 });
  });

  it('keys the cache on everything that decides a response, and only that', () => {
    const base = {
      providerKind: 'openai',
      baseUrl: null,
      model: 'm',
      params: { temperature: 0 },
      messages: [{ role: 'user' as const, content: 'hi' }],
      repeat: 0,
    };
    const h = requestHash(base);
    expect(h).toBe(requestHash({ ...base, params: { temperature: 0 } }));
    for (const changed of [
      { ...base, providerKind: 'anthropic' },
      { ...base, baseUrl: 'http://127.0.0.1/v1' },
      { ...base, model: 'n' },
      { ...base, params: { temperature: 0.5 } },
      { ...base, messages: [{ role: 'user' as const, content: 'hi!' }] },
      { ...base, repeat: 1 },
    ])
      expect(requestHash(changed)).not.toBe(h);
  });
});

describe('planning a run', () => {
  const tempDir = useTempDir();
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('writes every cell, the effective params per model and a manifest of hashes before any request', () => {
    core = openTestCore(tempDir());
    const dataset = writeDataset(core, 'qa', 10);
    const yaml = simSuite({
      dataset: 'qa',
      baseUrl: 'http://127.0.0.1:9',
      models: ['a', 'b'],
      prompts: 2,
      repeats: 3,
      params: 'params:\n  temperature: 0\n  max_tokens: 32\n  seed: 100',
    });
    const withOverride = yaml.replace(
      '    model: b\n',
      '    model: b\n    params: { temperature: 0.9 }\n',
    );
    const planned = runManager(core.context).plan(withOverride, 'suite.yaml');
    const db = core.context.db;
    expect(planned.cellCount).toBe(10 * 2 * 2 * 3);
    const cells = db.all<{
      id: string;
      ordinal: number;
      seed: number;
      repeat: number;
      status: string;
    }>(
      sql`SELECT id, ordinal, seed, repeat, status FROM cells WHERE run_id = ${planned.runId} ORDER BY rowid`,
    );
    expect(cells).toHaveLength(120);
    // Stored in run order, every ordinal once, every cell pending, seed = base + repeat.
    expect(cells.map((c) => c.ordinal)).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(cells.every((c) => c.status === 'pending' && c.seed === 100 + c.repeat)).toBe(true);

    const models = core.context.repos.runs.models(planned.runId);
    expect(models.map((m) => [m.model_key, JSON.parse(m.params) as unknown])).toEqual([
      ['a', { temperature: 0, max_tokens: 32, seed: 100, stream: true }],
      ['b', { temperature: 0.9, max_tokens: 32, seed: 100, stream: true }],
    ]);

    const run = core.context.repos.runs.get(planned.runId)!;
    const manifest = parseManifest(run.manifest);
    expect(run.manifest_hash).toBe(hashJson(manifest));
    expect(manifest.appVersion).toBe('test');
    expect(manifest.dataset).toMatchObject({
      name: 'qa',
      versionId: dataset.versionId,
      contentHash: dataset.contentHash,
      itemCount: 10,
    });
    expect(manifest.suite.contentHash).toBe(sha256Hex(withOverride));
    expect(manifest.prompts.map((p) => p.id)).toEqual(['p0', 'p1']);
    expect(manifest.prompts[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.seeds.order).toEqual(expect.any(Number));
    expect(manifest.repeats).toBe(3);

    // A second run of the same suite reuses the stored templates (content-addressed).
    const again = runManager(core.context).plan(withOverride, 'suite.yaml');
    expect(
      parseManifest(core.context.repos.runs.get(again.runId)!.manifest).prompts.map(
        (p) => p.templateId,
      ),
    ).toEqual(manifest.prompts.map((p) => p.templateId));
  });

  it('plans one shard of the items, and a limit', () => {
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', 40);
    const manager = runManager(core.context);
    const yaml = simSuite({ dataset: 'qa', baseUrl: 'http://127.0.0.1:9' });
    const sizes = [1, 2, 3].map(
      (index) => manager.plan(yaml, 'suite.yaml', { shard: { index, count: 3 } }).cellCount,
    );
    expect(sizes.reduce((a, b) => a + b)).toBe(40);
    expect(manager.plan(yaml, 'suite.yaml', { limit: 7 }).cellCount).toBe(7);
  });

  it('refuses personal data for a cloud provider through the privacy guard', () => {
    core = openTestCore(tempDir(), { seedExamples: true });
    const yaml = simSuite({
      dataset: 'support-tickets',
      baseUrl: 'https://api.example.com',
    }).replace('content: "{{input}} ({{metadata.topic}})"', 'content: "{{input}}"');
    expect(() => runManager(core!.context).plan(yaml, 'suite.yaml')).toThrow(/personal data/);
  });
});
