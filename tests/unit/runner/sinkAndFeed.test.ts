import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import type { NewResponseRow } from '@core/db/repos/responses';
import { sql } from '@core/db/sql';
import { CellFeed } from '@core/runner/cellFeed';
import { parseManifest } from '@core/runner/manifest';
import { ProgressModel } from '@core/runner/progress';
import { runManager } from '@core/runner/runManager';
import { ResultSink, type SinkEntry } from '@core/runner/sink';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from '../../integration/runner/fixtures';

function response(cellId: string, hash: string, status: 'done' | 'error' = 'done'): NewResponseRow {
  return {
    cellId,
    status,
    output: status === 'done' ? `answer for ${cellId}` : null,
    finishReason: 'stop',
    inputTokens: 5,
    outputTokens: 3,
    isTokenEstimate: false,
    latencyMs: 12,
    ttftMs: 4,
    interTokenMs: 1,
    tokensPerSecond: 200,
    costUsd: null,
    errorClass: status === 'error' ? 'server' : null,
    errorMessage: status === 'error' ? 'HTTP 500' : null,
    httpStatus: status === 'error' ? 500 : 200,
    isCached: false,
    isColdStart: false,
    requestHash: hash,
    attempts: 1,
    startedAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
  };
}

describe('cell feed, result sink and progress', () => {
  const tempDir = useTempDir();
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  function planned(items = 12) {
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', items);
    const run = runManager(core.context).plan(
      simSuite({ dataset: 'qa', baseUrl: 'http://127.0.0.1:9', models: ['a', 'b'] }),
      'suite.yaml',
    );
    const { repos } = core.context;
    const manifest = parseManifest(repos.runs.get(run.runId)!.manifest);
    return { core, run, manifest, prompts: repos.runs.prompts(run.runId) };
  }

  it('hands out each pending cell once per model in run order, rendered, then says exhausted', () => {
    const { core, run, manifest, prompts } = planned();
    const feed = new CellFeed(core.context.repos, run.runId, manifest, prompts, true);
    const first = feed.next('a', 5);
    expect(first.cells.length).toBeGreaterThanOrEqual(5);
    const rest = feed.next('a', 100);
    expect(rest.exhausted).toBe(true);
    const all = [...first.cells, ...rest.cells];
    expect(all).toHaveLength(12);
    expect(new Set(all.map((c) => c.cellId)).size).toBe(12);
    expect(all.map((c) => c.ordinal)).toEqual([...all.map((c) => c.ordinal)].sort((x, y) => x - y));
    expect(all[0]?.messages[1]?.content).toMatch(/^question number \d+ \(t\d\)$/);
    expect(all[0]?.params).toEqual({ temperature: 0, max_tokens: 32 });
    expect(feed.next('a', 10)).toEqual({ cells: [], hits: [], exhausted: true });
  });

  it('writes results in batches, settles cells, fills the cache, and never stores a second response', async () => {
    const { core, run, manifest, prompts } = planned();
    const feed = new CellFeed(core.context.repos, run.runId, manifest, prompts, true);
    const cells = feed.next('a', 100).cells;
    const written: SinkEntry[] = [];
    const sink = new ResultSink(core.context.db, core.context.repos, (e) => written.push(...e), {
      flushMs: 10_000,
      maxRows: 5,
    });
    const cache = { providerKind: 'openai-compatible', model: 'a' };
    for (const cell of cells.slice(0, 4))
      sink.add({ row: response(cell.cellId, feed.hashes.get(cell.cellId)!), modelKey: 'a', cache });
    expect(written).toHaveLength(0); // below maxRows, before flushMs
    sink.add({ row: response(cells[4]!.cellId, 'h-err', 'error'), modelKey: 'a', cache });
    expect(written).toHaveLength(0); // maxRows reached: written on the next turn of the loop
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toHaveLength(5);
    sink.add({ row: response(cells[0]!.cellId, 'again'), modelKey: 'a', cache });
    sink.close();
    expect(sink.duplicates).toBe(1);
    const db = core.context.db;
    const statuses = db.all<{ status: string; n: number }>(
      sql`SELECT status, COUNT(*) AS n FROM cells WHERE run_id = ${run.runId} GROUP BY status ORDER BY status`,
    );
    expect(statuses).toEqual([
      { status: 'done', n: 4 },
      { status: 'error', n: 1 },
      { status: 'pending', n: 19 },
    ]);
    expect(db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM response_cache`)?.n).toBe(4);
    expect(() => sink.add({ row: response('x', 'y'), modelKey: 'a', cache: null })).toThrow(
      /closed/,
    );

    // A new feed (e.g. after a restart) answers the cached cells from the cache and skips stored ones.
    const resumed = new CellFeed(core.context.repos, run.runId, manifest, prompts, true);
    const batch = resumed.next('a', 100);
    expect(batch.cells).toHaveLength(7);
    expect(batch.hits).toHaveLength(0); // the four cached answers belong to cells already done
    const noCache = new CellFeed(core.context.repos, run.runId, manifest, prompts, false);
    expect(noCache.next('a', 100).cells).toHaveLength(7);
  });

  it('counts progress from the database, then from each stored result', () => {
    const { core, run } = planned(6);
    let now = 0;
    const progress = new ProgressModel(
      run.runId,
      ['a', 'b'],
      core.context.repos.cells.counts(run.runId),
      () => now,
    );
    expect(progress.snapshot('running')).toMatchObject({
      total: 12,
      done: 0,
      throughputPerSec: null,
      etaMs: null,
    });
    for (let i = 0; i < 4; i++)
      progress.record({
        modelKey: 'a',
        status: 'done',
        isCached: i === 0,
        errorClass: null,
        costUsd: 0.01,
      });
    progress.record({
      modelKey: 'b',
      status: 'error',
      isCached: false,
      errorClass: 'timeout',
      costUsd: null,
    });
    now = 2_500;
    const snapshot = progress.snapshot('running');
    expect(snapshot).toMatchObject({
      total: 12,
      done: 5,
      ok: 4,
      errors: 1,
      cached: 1,
      errorsByClass: { timeout: 1 },
    });
    expect(snapshot.costUsd).toBeCloseTo(0.03); // the cached answer cost nothing
    expect(snapshot.throughputPerSec).toBeCloseTo(2);
    expect(snapshot.etaMs).toBeCloseTo(3_500);
    expect(snapshot.models.find((m) => m.modelKey === 'a')).toMatchObject({
      total: 6,
      done: 4,
      cached: 1,
      errorsByClass: {},
    });
    // Errors are also counted per model, so the UI never has to apportion the run's total.
    expect(snapshot.models.find((m) => m.modelKey === 'b')).toMatchObject({
      done: 1,
      errors: 1,
      errorsByClass: { timeout: 1 },
    });
  });

  it('leaves time spent paused out of the elapsed time, the rate and the time left', () => {
    const { core, run } = planned(6);
    let now = 0;
    const progress = new ProgressModel(
      run.runId,
      ['a', 'b'],
      core.context.repos.cells.counts(run.runId),
      () => now,
    );
    const answer = () =>
      progress.record({
        modelKey: 'a',
        status: 'done',
        isCached: false,
        errorClass: null,
        costUsd: 0.01,
      });
    // 4 cells in 2 s: 2 cells/s, 8 of 12 left.
    for (let i = 0; i < 4; i++) answer();
    now = 2_000;
    expect(progress.snapshot('running').etaMs).toBeCloseTo(4_000);
    progress.paused();
    now = 62_000;
    const whilePaused = progress.snapshot('paused');
    expect(whilePaused.elapsedMs).toBe(2_000);
    expect(whilePaused.etaMs).toBeNull();
    progress.resumed();
    // 4 more cells in the 2 s after the resume: still 2 cells/s (not 4 cells over 62 s).
    for (let i = 0; i < 4; i++) answer();
    now = 64_000;
    const after = progress.snapshot('running');
    expect(after.elapsedMs).toBe(4_000);
    expect(after.throughputPerSec).toBeCloseTo(2);
    expect(after.etaMs).toBeCloseTo(2_000);
  });

  it('says a model is unpriced rather than free while its answers carry no price', () => {
    const { core, run } = planned(6);
    const progress = new ProgressModel(
      run.runId,
      ['a', 'b'],
      core.context.repos.cells.counts(run.runId),
      () => 0,
    );
    const answer = (modelKey: string, costUsd: number | null, isCached = false) =>
      progress.record({ modelKey, status: 'done', isCached, errorClass: null, costUsd });
    expect(progress.snapshot('running').costUsd).toBe(0);
    answer('b', null);
    answer('b', null);
    let snapshot = progress.snapshot('running');
    expect(snapshot.costUsd).toBeNull();
    expect(snapshot.models.map((m) => [m.modelKey, m.costUsd])).toEqual([
      ['a', 0],
      ['b', null],
    ]);
    // A cached answer of a priced model costs nothing now, but the model is priced.
    answer('a', 0.02);
    answer('a', 0.02, true);
    snapshot = progress.snapshot('running');
    expect(snapshot.costUsd).toBeCloseTo(0.02);
    expect(snapshot.models.map((m) => [m.modelKey, m.costUsd])).toEqual([
      ['a', 0.02],
      ['b', null],
    ]);
  });

  it("starts a resumed run's errors by class from what is stored", () => {
    const { core, run } = planned();
    const progress = new ProgressModel(
      run.runId,
      ['a', 'b'],
      core.context.repos.cells.counts(run.runId),
      () => 0,
      [
        { model_key: 'b', error_class: 'timeout', n: 2 },
        { model_key: 'a', error_class: 'rate_limited', n: 1 },
      ],
    );
    progress.record({
      modelKey: 'b',
      status: 'error',
      isCached: false,
      errorClass: 'timeout',
      costUsd: null,
    });
    const snapshot = progress.snapshot('running');
    expect(snapshot.errorsByClass).toEqual({ timeout: 3, rate_limited: 1 });
    expect(snapshot.models.map((m) => [m.modelKey, m.errorsByClass])).toEqual([
      ['a', { rate_limited: 1 }],
      ['b', { timeout: 3 }],
    ]);
  });
});
