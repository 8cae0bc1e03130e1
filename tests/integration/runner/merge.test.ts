import Database from 'better-sqlite3';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { manifestHash, parseManifest } from '@core/runner/manifest';
import {
  MergeCancelledError,
  mergePhases,
  mergeShards,
  MergeRefusedError,
  type MergePhase,
  type MergeProgress,
} from '@core/runner/mergeShards';
import { runDetail } from '@core/runner/results';
import { runManager } from '@core/runner/runManager';
import { renderRunReport } from '@core/reports/htmlExport';
import { summarizeRun } from '@core/scoring/analysis/summary';
import { startSimulator, type Simulator } from '../../simulator';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import {
  cellFacts,
  fileHash,
  mergeSuite,
  openShardWorkspace,
  runShard,
  shardSecret,
  tableCounts,
  type CellFacts,
} from './mergeFixtures';

const itemCount = 30;
/** 30 items × 2 prompts × 2 models × 1 repeat. */
const planCells = itemCount * 4;

// Shard runs start engine worker threads that compile their TypeScript with tsx (a second or
// more of CPU each on a busy machine): slower than a unit test by nature.
describe('merge shard workspaces into one run', { timeout: 60_000 }, () => {
  const tempDir = useTempDir('yardstick-merge-');
  let base: string;
  let sim: Simulator;
  const ws: Record<'one' | 'two' | 'otherSuite' | 'plannedTwo', string> = {
    one: '',
    two: '',
    otherSuite: '',
    plannedTwo: '',
  };
  const shardRunIds: Record<'one' | 'two' | 'plannedTwo', string> = {
    one: '',
    two: '',
    plannedTwo: '',
  };
  /** Every cell of shards 1/2 and 2/2, with response and scores, as the shards stored them. */
  const shardFacts = new Map<string, CellFacts>();
  let plannedTwoCells = 0;
  /** The cell of shard 1 a person overrode a score of and tagged with a failure mode. */
  let judgedKey = '';
  const open: Core[] = [];

  async function shardWorkspace(
    name: string,
    suite: string,
    shard: { index: number; count: number },
    execute: boolean,
  ) {
    const dir = join(base, name);
    const core = await openShardWorkspace(dir, sim.url, itemCount);
    const runId = await runShard(core, suite, shard, execute);
    if (shard.index === 1 && execute) judgedKey = await judgeOneCell(core, runId);
    const facts = cellFacts(core, runId);
    await core.close();
    return { workspace: join(dir, 'workspace'), runId, facts };
  }

  /** A person's work on one cell of a shard: a score override and a failure-mode tag. */
  async function judgeOneCell(core: Core, runId: string): Promise<string> {
    const score = core.context.db.get<{ id: number; cell_id: string; key: string }>(
      sql`SELECT s.id, c.id AS cell_id, i.item_key || '|' || c.prompt_key || '|' || c.model_key || '|' || c.repeat AS key
        FROM scores s JOIN cells c ON c.id = s.cell_id JOIN items i ON i.id = c.item_id
        WHERE c.run_id = ${runId} AND s.scorer_key = 'answer' ORDER BY c.ordinal LIMIT 1`,
    );
    if (!score) throw new Error('the shard has no scores');
    await call(core, 'scoring.override', {
      scoreId: score.id,
      rater: 'Ana',
      value: 1,
      isPass: true,
      reason: 'the number is right, only the format differs',
    });
    const mode = await call<{ id: string }>(core, 'labeling.addFailureMode', {
      name: 'verbose',
      description: 'more than the number',
    });
    await call(core, 'failureModes.tagCell', {
      cellId: score.cell_id,
      failureModeIds: [mode.id],
      rater: 'Ana',
    });
    return score.key;
  }

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'yardstick-merge-shards-'));
    sim = await startSimulator({ latency: 1 });
    const one = await shardWorkspace('one', mergeSuite(), { index: 1, count: 2 }, true);
    const two = await shardWorkspace('two', mergeSuite(), { index: 2, count: 2 }, true);
    const other = await shardWorkspace('other', mergeSuite(' (v2)'), { index: 2, count: 2 }, false);
    const planned = await shardWorkspace('planned', mergeSuite(), { index: 2, count: 2 }, false);
    Object.assign(ws, {
      one: one.workspace,
      two: two.workspace,
      otherSuite: other.workspace,
      plannedTwo: planned.workspace,
    });
    Object.assign(shardRunIds, { one: one.runId, two: two.runId, plannedTwo: planned.runId });
    for (const [key, fact] of [...one.facts, ...two.facts]) shardFacts.set(key, fact);
    plannedTwoCells = planned.facts.size;
  }, 120_000);

  afterAll(async () => {
    await sim.close();
    rmSync(base, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const core of open.splice(0).reverse()) await core.close();
  });

  /** A fresh target; the key of the shards' provider comes from its environment, as in CI. */
  function target(): Core {
    const dir = tempDir();
    const core = openTestCore(dir, {
      env: { YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key'), SIM_KEY: shardSecret },
    });
    open.push(core);
    return core;
  }

  const chats = () => sim.log().filter((e) => e.route === 'openai.chat').length;

  async function refusal(fn: () => Promise<unknown>): Promise<MergeRefusedError> {
    try {
      await fn();
    } catch (error) {
      if (error instanceof MergeRefusedError) return error;
      throw error;
    }
    throw new Error('the merge was not refused');
  }

  it('holds exactly the cells of an unsharded plan, with the shards’ responses and scores', async () => {
    expect(shardFacts.size).toBe(planCells);
    const before = [
      fileHash(join(ws.one, 'workspace.sqlite')),
      fileHash(join(ws.two, 'workspace.sqlite')),
    ];
    const core = target();
    const merged = await mergeShards(core.context, [ws.one, ws.two]);
    expect(merged).toMatchObject({
      status: 'completed',
      shardCount: 2,
      mergedShards: [1, 2],
      missingShards: [],
      cellCount: planCells,
      pendingCells: 0,
      copied: { responses: planCells, isDatasetVersionCopied: true, isSuiteCopied: true },
    });
    expect(merged.copied.scores).toBe(planCells * 2);
    expect(merged.copied).toMatchObject({ overrides: 1, failureModeTags: 1 });
    expect(merged.copied.cacheRows).toBe(planCells);

    // Same cells as the shards (none lost, none doubled), same responses and scores.
    const facts = cellFacts(core, merged.runId);
    expect(facts.size).toBe(planCells);
    expect([...facts.keys()].sort()).toEqual([...shardFacts.keys()].sort());
    for (const [key, fact] of facts) {
      const { ordinal: _o, ...stored } = shardFacts.get(key) as CellFacts;
      const { ordinal: _m, ...mergedFact } = fact;
      expect(mergedFact).toEqual(stored);
      expect(fact.status).toBe('done');
      expect(fact.scores).toMatch(/^answer=.*;overlap=/);
    }

    // The unsharded plan of the same suite in the target: same cells in the same order.
    const unsharded = await runShard(core, mergeSuite(), null, false);
    const plan = cellFacts(core, unsharded);
    expect([...plan.keys()].sort()).toEqual([...facts.keys()].sort());
    for (const [key, fact] of plan) expect(facts.get(key)?.ordinal).toBe(fact.ordinal);
    const ordinals = [...facts.values()].map((f) => f.ordinal).sort((a, b) => a - b);
    expect(ordinals).toEqual(Array.from({ length: planCells }, (_, i) => i));

    // The manifest: unsharded, the target's ids, what was merged; its hash is the stored one.
    const row = core.context.repos.runs.get(merged.runId);
    const manifest = parseManifest(row?.manifest ?? '');
    expect(row?.manifest_hash).toBe(manifestHash(manifest));
    expect(manifest.dataset).toMatchObject({
      shard: null,
      itemCount,
      versionId: row?.dataset_version_id,
    });
    expect(manifest.suite.id).toBe(row?.suite_id);
    expect(manifest.mergedFrom?.map((m) => [m.shard, m.runId, m.status])).toEqual([
      [1, shardRunIds.one, 'completed'],
      [2, shardRunIds.two, 'completed'],
    ]);
    expect(manifest.missingShards).toBeUndefined();

    // The summary and report code read it like any run.
    const detail = runDetail(core.context, merged.runId, false);
    expect(detail.models.map((m) => [m.modelKey, m.ok, m.errors, m.pending])).toEqual([
      ['alpha', planCells / 2, 0, 0],
      ['beta', planCells / 2, 0, 0],
    ]);
    const scores = summarizeRun(core.context, merged.runId);
    expect(scores.overridesUsed).toBe(1);
    const human = core.context.db.get<{
      mode: string;
      description: string;
      tagger: string;
      rater: string;
      reason: string;
    }>(
      sql`SELECT m.name AS mode, m.description, ft.name AS tagger, ro.name AS rater, o.reason
        FROM cells c JOIN items i ON i.id = c.item_id
        JOIN cell_failure_modes f ON f.cell_id = c.id JOIN failure_modes m ON m.id = f.failure_mode_id
        JOIN raters ft ON ft.id = f.rater_id
        JOIN scores s ON s.cell_id = c.id AND s.scorer_key = 'answer'
        JOIN score_overrides o ON o.score_id = s.id JOIN raters ro ON ro.id = o.rater_id
        WHERE c.run_id = ${merged.runId}
          AND i.item_key || '|' || c.prompt_key || '|' || c.model_key || '|' || c.repeat = ${judgedKey}`,
    );
    expect(human).toEqual({
      mode: 'verbose',
      description: 'more than the number',
      tagger: 'Ana',
      rater: 'Ana',
      reason: 'the number is right, only the format differs',
    });
    for (const model of scores.models) {
      expect(model.cells).toBe(planCells / 2);
      expect(model.scorers.map((s) => [s.scorerKey, s.n, s.unscored])).toEqual([
        ['answer', planCells / 2, 0],
        ['overlap', planCells / 2, 0],
      ]);
    }
    expect(
      renderRunReport(core.context, { runId: merged.runId, confidenceLevel: 0.95 }).html,
    ).toContain('merge-suite');

    // The provider came by name; its key did not.
    expect(tableCounts(core).secrets).toBe(0);
    expect(readFileSync(core.context.databaseFile).includes(shardSecret)).toBe(false);
    const provider = core.context.db.get<{ secret_name: string; kind: string }>(
      sql`SELECT secret_name, kind FROM providers WHERE label = 'sim'`,
    );
    expect(provider).toEqual({ secret_name: 'SIM_KEY', kind: 'openai-compatible' });

    // Running the whole suite in the target pays for nothing: every answer is in the cache.
    const requests = chats();
    const outcome = await runManager(core.context).execute(unsharded).done;
    expect(outcome.status).toBe('completed');
    expect(outcome.progress.cached).toBe(planCells);
    expect(chats()).toBe(requests);

    // The sources were only read.
    expect([
      fileHash(join(ws.one, 'workspace.sqlite')),
      fileHash(join(ws.two, 'workspace.sqlite')),
    ]).toEqual(before);
  });

  it('refuses shards that do not belong together, naming the offender, and leaves the target as it was', async () => {
    const core = target();
    const copyOfOne = join(tempDir(), 'copy');
    cpSync(ws.one, copyOfOne, { recursive: true });
    const snapshot = tableCounts(core);
    const cases: Array<[string[], MergeRefusedError['reason'], string[]]> = [
      [[ws.one], 'mismatch', ['missing shard 2 of 2 (have 1)']],
      [
        [ws.one, copyOfOne],
        'mismatch',
        [
          `shard 1/2 twice: ${ws.one}: run ${shardRunIds.one}`,
          `${copyOfOne}: run ${shardRunIds.one}`,
        ],
      ],
      [
        [ws.one, ws.otherSuite],
        'mismatch',
        [`${ws.otherSuite}: run run_`, '(shard 2/2) has a different suite hash'],
      ],
      [
        [ws.one, ws.plannedTwo],
        'mismatch',
        [`${ws.plannedTwo}: run ${shardRunIds.plannedTwo} (shard 2/2) is planned, not completed`],
      ],
      [[ws.one, ws.one], 'source', ['are the same workspace']],
      [[ws.one, join(base, 'nowhere')], 'source', ['nowhere: no such workspace']],
      [[core.context.workspaceDir], 'source', ['is the target workspace']],
    ];
    for (const [paths, reason, parts] of cases) {
      const error = await refusal(() => mergeShards(core.context, paths));
      expect(error.reason).toBe(reason);
      for (const part of parts) expect(error.message).toContain(part);
      expect(tableCounts(core)).toEqual(snapshot);
    }

    // Refused inside the transaction, after the suite and dataset were copied: all rolled back.
    await call(core, 'providers.add', { kind: 'local', label: 'sim', config: {} });
    const withProvider = tableCounts(core);
    const clash = await refusal(() => mergeShards(core.context, [ws.one, ws.two]));
    expect(clash.message).toMatch(/provider "sim" of kind local/);
    expect(tableCounts(core)).toEqual(withProvider);
  });

  it('merges only the runs named with runIds when a workspace also holds another attempt at a shard', async () => {
    // A retried CI job: the workspace of shard 2 also holds an earlier, unfinished attempt.
    const retried = join(tempDir(), 'retried');
    cpSync(join(base, 'two'), retried, { recursive: true });
    const again = openTestCore(retried);
    const earlierAttempt = await runShard(again, mergeSuite(), { index: 2, count: 2 }, false);
    await again.close();
    const retriedWs = join(retried, 'workspace');

    const core = target();
    const snapshot = tableCounts(core);
    const twice = await refusal(() => mergeShards(core.context, [ws.one, retriedWs]));
    expect(twice.message).toContain(`shard 2/2 twice`);
    expect(twice.message).toContain('name the runs to merge with --run');
    const unknown = await refusal(() =>
      mergeShards(core.context, [ws.one, retriedWs], {
        runIds: [shardRunIds.one, shardRunIds.two, 'run_nope'],
      }),
    );
    expect(unknown.reason).toBe('source');
    expect(unknown.message).toContain('--run run_nope: no such shard run');
    const noneOfThem = await refusal(() =>
      mergeShards(core.context, [ws.one, retriedWs], { runIds: [shardRunIds.one] }),
    );
    expect(noneOfThem.message).toContain(`${retriedWs}: none of its shard runs`);
    expect(tableCounts(core)).toEqual(snapshot);

    const merged = await mergeShards(core.context, [ws.one, retriedWs], {
      runIds: [shardRunIds.one, shardRunIds.two],
    });
    expect(merged).toMatchObject({
      status: 'completed',
      mergedShards: [1, 2],
      cellCount: planCells,
    });
    const manifest = parseManifest(core.context.repos.runs.get(merged.runId)?.manifest ?? '');
    expect(manifest.mergedFrom?.map((m) => m.runId)).toEqual([shardRunIds.one, shardRunIds.two]);
    expect(manifest.mergedFrom?.map((m) => m.runId)).not.toContain(earlierAttempt);
  });

  it('reads a shard workspace copied while its process was still running (its answers still in the WAL)', async () => {
    // A CI job killed at its time limit leaves workspace.sqlite plus -wal and -shm files.
    const dir = join(tempDir(), 'crashed');
    const shard = await openShardWorkspace(dir, sim.url, itemCount);
    const runId = await runShard(shard, mergeSuite(), { index: 1, count: 2 }, true);
    const crashed = join(tempDir(), 'crashed-copy');
    cpSync(join(dir, 'workspace'), crashed, { recursive: true });
    expect(existsSync(join(crashed, 'workspace.sqlite-wal'))).toBe(true);
    const walBytes = statSync(join(crashed, 'workspace.sqlite-wal')).size;
    const shardCells = cellFacts(shard, runId);
    // Without its WAL the database file alone holds none of the run's scores yet.
    const mainOnly = join(tempDir(), 'main-only.sqlite');
    cpSync(join(crashed, 'workspace.sqlite'), mainOnly);
    const alone = new Database(mainOnly, { readonly: true });
    const scored = (alone.prepare('SELECT COUNT(*) AS n FROM scores').get() as { n: number }).n;
    alone.close();
    await shard.close();
    expect(scored).toBe(0);

    const core = target();
    const merged = await mergeShards(core.context, [crashed, ws.two]);
    expect(merged).toMatchObject({ status: 'completed', cellCount: planCells, pendingCells: 0 });
    const facts = cellFacts(core, merged.runId);
    expect(facts.size).toBe(planCells);
    // Shard 1's cells come with the scores that were only in the copy's WAL.
    for (const [key, fact] of shardCells)
      expect({ ...facts.get(key), ordinal: 0 }).toEqual({ ...fact, ordinal: 0 });
    expect([...shardCells.values()].every((f) => f.scores.includes('answer='))).toBe(true);
    const manifest = parseManifest(core.context.repos.runs.get(merged.runId)?.manifest ?? '');
    expect(manifest.mergedFrom?.[0]?.runId).toBe(runId);
    // Read, not recovered in place: the copy's WAL is as it was.
    expect(statSync(join(crashed, 'workspace.sqlite-wal')).size).toBe(walBytes);
  });

  it('reads a shard workspace copied without its -shm file (only .sqlite and -wal): SQLite rebuilds the index', async () => {
    // A user copying the files of a running machine by hand, leaving out the shared-memory file.
    const dir = join(tempDir(), 'live');
    const shard = await openShardWorkspace(dir, sim.url, itemCount);
    const runId = await runShard(shard, mergeSuite(), { index: 1, count: 2 }, true);
    const copy = join(tempDir(), 'no-shm');
    mkdirSync(copy);
    for (const file of ['workspace.sqlite', 'workspace.sqlite-wal'])
      cpSync(join(dir, 'workspace', file), join(copy, file));
    const shardCells = cellFacts(shard, runId);
    await shard.close();
    expect(existsSync(join(copy, 'workspace.sqlite-shm'))).toBe(false);
    // The run's scores are only in the copied WAL: the database file alone has none.
    const mainOnly = join(tempDir(), 'main-only.sqlite');
    cpSync(join(copy, 'workspace.sqlite'), mainOnly);
    const alone = new Database(mainOnly, { readonly: true });
    expect(alone.prepare('SELECT COUNT(*) AS n FROM scores').get()).toEqual({ n: 0 });
    alone.close();
    const bytes = [
      fileHash(join(copy, 'workspace.sqlite')),
      fileHash(join(copy, 'workspace.sqlite-wal')),
    ];

    const core = target();
    const merged = await mergeShards(core.context, [copy, ws.two]);
    expect(merged).toMatchObject({ status: 'completed', cellCount: planCells, pendingCells: 0 });
    const facts = cellFacts(core, merged.runId);
    for (const [key, fact] of shardCells)
      expect({ ...facts.get(key), ordinal: 0 }).toEqual({ ...fact, ordinal: 0 });
    expect([...shardCells.values()].every((f) => f.scores.includes('answer='))).toBe(true);
    // SQLite made a new -shm next to the copy (its index of the WAL); the data files are untouched.
    expect(existsSync(join(copy, 'workspace.sqlite-shm'))).toBe(true);
    expect([
      fileHash(join(copy, 'workspace.sqlite')),
      fileHash(join(copy, 'workspace.sqlite-wal')),
    ]).toEqual(bytes);
  });

  it('reports progress per phase, in order, each counting up to its total', async () => {
    const core = target();
    const seen: MergeProgress[] = [];
    const merged = await mergeShards(core.context, [ws.one, ws.two], {
      onProgress: (p) => seen.push(p),
      progressEvery: 4,
      versionChunkRows: 4,
    });
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual([...mergePhases]);
    const last = (phase: MergePhase) => seen.filter((p) => p.phase === phase).at(-1);
    for (const phase of mergePhases) {
      const reports = seen.filter((p) => p.phase === phase);
      expect(reports[0]?.done).toBe(0);
      for (const [i, p] of reports.entries()) {
        expect(p.total).toBe(reports[0]?.total);
        if (i > 0) expect(p.done).toBeGreaterThan((reports[i - 1] as MergeProgress).done);
      }
      expect(last(phase)?.done).toBe(last(phase)?.total);
    }
    // The totals are what was copied.
    expect(last('checking')?.total).toBe(2);
    expect(last('dataset')?.total).toBe(itemCount);
    expect(last('cells')?.total).toBe(merged.cellCount);
    expect(last('responses')?.total).toBe(merged.copied.responses);
    expect(last('scores')?.total).toBe(merged.copied.scores);
    expect(last('overrides')?.total).toBe(1);
    expect(last('failureModeTags')?.total).toBe(1);
    expect(last('cache')?.total).toBe(merged.copied.cacheRows);
    // Reports at 0, then every 4 rows (no second report of the end: 120 is a multiple of 4;
    // the version's items in chunks of 4, the last one shorter), and one ETA over all rows,
    // ending at 0.
    expect(seen.filter((p) => p.phase === 'cells').map((p) => p.done)).toEqual(
      Array.from({ length: planCells / 4 + 1 }, (_, i) => i * 4),
    );
    expect(seen.filter((p) => p.phase === 'dataset').map((p) => p.done)).toEqual([
      0, 4, 8, 12, 16, 20, 24, 28, 30,
    ]);
    const end = seen.at(-1) as MergeProgress;
    expect(end.rowsDone).toBe(end.rowsTotal);
    expect(end.rowsTotal).toBe(
      itemCount + planCells + merged.copied.responses + merged.copied.scores + 2 + planCells,
    );
    expect(end.etaMs).toBe(0);
    for (const [i, p] of seen.entries())
      if (i > 0) expect(p.rowsDone).toBeGreaterThanOrEqual((seen[i - 1] as MergeProgress).rowsDone);
  });

  it('stops when its signal aborts, mid-copy, and leaves the target as it was', async () => {
    const core = target();
    const snapshot = tableCounts(core);
    const controller = new AbortController();
    let abortedAt: MergeProgress | null = null;
    const error = await mergeShards(core.context, [ws.one, ws.two], {
      progressEvery: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'responses' && p.done >= 50 && !abortedAt) {
          abortedAt = p;
          controller.abort();
        }
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MergeCancelledError);
    expect(abortedAt).not.toBeNull();
    // Cells and half the responses had been written inside the transaction: all rolled back.
    expect(tableCounts(core)).toEqual(snapshot);
    expect(core.context.db.raw.inTransaction).toBe(false);
    // The workspace is usable afterwards: the same merge then goes through.
    const merged = await mergeShards(core.context, [ws.one, ws.two]);
    expect(merged.cellCount).toBe(planCells);
  });

  it('refuses to merge the same shards into the same target twice, with the id of the merged run', async () => {
    const core = target();
    const first = await mergeShards(core.context, [ws.two, ws.one]);
    const snapshot = tableCounts(core);
    const again = await refusal(() => mergeShards(core.context, [ws.one, ws.two]));
    expect(again.reason).toBe('already_merged');
    expect(again.existingRunId).toBe(first.runId);
    expect(again.message).toContain(first.runId);
    expect(tableCounts(core)).toEqual(snapshot);
  });

  it('skips runs being deleted: a hidden shard run is not merged, a hidden merged run does not refuse a merge', async () => {
    // A copy of shard 1's workspace whose shard run was being deleted there (marked, hidden).
    const copy = join(tempDir(), 'deleting');
    cpSync(ws.one, copy, { recursive: true });
    const source = new Database(join(copy, 'workspace.sqlite'));
    source
      .prepare('UPDATE runs SET removal_started_at = ? WHERE id = ?')
      .run('2026-01-01T00:00:00Z', shardRunIds.one);
    source.close();
    const core = target();
    const hidden = await refusal(() => mergeShards(core.context, [copy, ws.two]));
    expect(hidden.reason).toBe('source');
    expect(hidden.message).toContain(`${copy}: no shard run in this workspace`);

    // In the target, a merged run being deleted is going away: the same shards merge again.
    const first = await mergeShards(core.context, [ws.one, ws.two]);
    core.context.db.run(
      sql`UPDATE runs SET removal_started_at = '2026-01-01T00:00:00Z' WHERE id = ${first.runId}`,
    );
    const again = await mergeShards(core.context, [ws.one, ws.two]);
    expect(again.runId).not.toBe(first.runId);
    expect(again.cellCount).toBe(planCells);
  });

  it('with allowPartial, merges what is there: missing shards are recorded, pending cells can be resumed', async () => {
    const first = target();
    const missing = await mergeShards(first.context, [ws.one], { allowPartial: true });
    expect(missing).toMatchObject({ status: 'completed', mergedShards: [1], missingShards: [2] });
    const row = first.context.repos.runs.get(missing.runId);
    expect(parseManifest(row?.manifest ?? '').missingShards).toEqual([2]);

    const core = target();

    const merged = await mergeShards(core.context, [ws.plannedTwo, ws.one], { allowPartial: true });
    expect(merged).toMatchObject({
      status: 'paused',
      mergedShards: [1, 2],
      missingShards: [],
      cellCount: planCells,
      pendingCells: plannedTwoCells,
    });
    const requests = chats();
    const resumed = runManager(core.context).resume(merged.runId);
    expect(resumed.pending).toBe(plannedTwoCells);
    const outcome = await resumed.started?.done;
    expect(outcome?.status).toBe('completed');
    // Only the pending cells were sent; shard 1's answers were already there.
    expect(chats() - requests).toBe(plannedTwoCells);
    const facts = cellFacts(core, merged.runId);
    expect([...facts.keys()].sort()).toEqual([...shardFacts.keys()].sort());
    expect([...facts.values()].every((f) => f.status === 'done')).toBe(true);
  });
});
