/**
 * `yardstick merge`: folds the shard runs of one suite (`run --shard i/n`, each in its own
 * workspace) into ONE new run of a target workspace, as if the suite had run unsharded.
 *
 * Carried, per shard: every cell (remapped to the target's item ids by item key, with a new
 * id from the merged run id — the planner's `cellId` — and its place in the unsharded plan's
 * seeded order), its response, its scores, human score overrides (raters found or created by
 * name) and failure-mode tags (modes found or created by name); the run's models and prompts;
 * the suite text, frozen dataset version, prompt templates and configured providers it points
 * at (mergeReferences.ts); and every row of each source's response cache (a re-run in the
 * target never pays twice for them).
 *
 * Not carried: decisions (a verdict on one shard is not one on the whole suite: decide on the
 * merged run), labeling sessions, labels and judge variants (human work belongs to the
 * workspace it was done in; labels are keyed by content, so they can be exported and imported
 * with `sessions export/import`), PII scans (the copied version is scanned as it is written),
 * and secrets (never: the target's environment or key store supplies them on resume).
 *
 * Sources are opened read-only and never modified; the target is written in one transaction,
 * so a refused, failed or cancelled merge leaves it as it was. While it copies, it reports its
 * progress and lets the event loop turn every `progressEvery` rows (after each chunk of a
 * dataset version it copies: `versionChunkRows`; mergeProgress.ts): the
 * transaction is held open across those turns, so the caller must not use the target's
 * connection for anything else until the merge settles (the CLI does nothing else meanwhile).
 */
import type { RunStatus } from '@contract/index';
import type { CoreContext } from '../context';
import { RunsRepo } from '../db/repos/runs';
import { seedFromString } from '../stats/random';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import { manifestHash, type MergedShard, type RunManifest } from './manifest';
import { MergeMeter, type MergeProgress } from './mergeProgress';
import { MergeTargetRepo } from './mergeRepo';
import {
  ensureDatasetVersion,
  ensurePrompts,
  ensureProviders,
  ensureSuite,
  type TargetVersion,
} from './mergeReferences';
import { copyRows, rowTotals, type MergedItem, type RowTotals } from './mergeRows';
import {
  checkShardsBelongTogether,
  findShardRuns,
  MergeRefusedError,
  openShardSources,
  type ShardRun,
} from './shardSources';

export { MergeRefusedError } from './shardSources';
export { MergeCancelledError, mergePhases } from './mergeProgress';
export type { MergePhase, MergeProgress } from './mergeProgress';

export interface MergeShardsOptions {
  /** Merge even with shards missing or not completed (their pending cells stay pending). */
  allowPartial?: boolean;
  name?: string | null;
  /** Merge only these shard runs (each must be in one of the sources); default: all. */
  runIds?: readonly string[] | null;
  /** Told where the merge is (phase, done of total, ETA) every `progressEvery` rows. */
  onProgress?: ((progress: MergeProgress) => void) | null;
  /** Rows between two progress reports, and two chances for `signal` to stop the merge. */
  progressEvery?: number;
  /** Aborting it stops the merge at its next report: rolled back, `MergeCancelledError`. */
  signal?: AbortSignal | null;
  /**
   * Items of a dataset version copied into the target per chunk (each chunk is followed by a
   * report and a chance for `signal` to stop the merge), and re-hashed per chunk after.
   * Default: the copy sized to a few ms a chunk, the hash 5,000 items a chunk.
   */
  versionChunkRows?: number;
}

export interface MergeShardsResult {
  runId: string;
  status: RunStatus;
  shardCount: number;
  mergedShards: number[];
  missingShards: number[];
  cellCount: number;
  pendingCells: number;
  copied: {
    responses: number;
    scores: number;
    overrides: number;
    failureModeTags: number;
    cacheRows: number;
    isDatasetVersionCopied: boolean;
    isSuiteCopied: boolean;
  };
}

/**
 * Merges the shard runs found in `paths` (workspace folders or their `workspace.sqlite`)
 * into a new run of `ctx`'s workspace. Rejects with `MergeRefusedError` when they do not
 * belong together, are incomplete (without `allowPartial`) or were merged here before, and
 * with `MergeCancelledError` when `signal` aborts it; the target is then unchanged.
 */
export async function mergeShards(
  ctx: CoreContext,
  paths: readonly string[],
  options: MergeShardsOptions = {},
): Promise<MergeShardsResult> {
  const meter = new MergeMeter({
    onProgress: options.onProgress ?? null,
    signal: options.signal ?? null,
    ...(options.progressEvery === undefined ? {} : { every: options.progressEvery }),
  });
  meter.throwIfCancelled();
  meter.begin('checking', paths.length);
  const binding = ctx.db.openOptions.nativeBinding;
  const sources = openShardSources(
    paths,
    ctx.databaseFile,
    binding ? { nativeBinding: binding } : {},
  );
  try {
    const { runs, missing } = checkShardsBelongTogether(
      findShardRuns(sources, options.runIds?.length ? new Set(options.runIds) : null),
      options.allowPartial ?? false,
    );
    const mergedFrom: MergedShard[] = runs.map((r) => ({
      shard: r.shard.index,
      runId: r.run.id,
      manifestHash: r.run.manifest_hash,
      status: r.run.status,
      settledCells: r.settledCells,
    }));
    refuseRemerge(ctx, mergedFrom);
    const totals = rowTotals(runs);
    meter.addRows(Object.values(totals).reduce((sum, n) => sum + n, 0));
    meter.count(sources.length);
    await meter.end();
    const target = new MergeTargetRepo(ctx.db);
    target.begin();
    try {
      const result = await writeMergedRun(ctx, runs, missing, mergedFrom, options, {
        meter,
        totals,
      });
      target.commit();
      return result;
    } catch (error) {
      target.rollback();
      throw error;
    }
  } finally {
    for (const source of sources) source.db.close();
  }
}

const identity = (shards: readonly MergedShard[]) =>
  shards
    .map((s) => `${s.runId}@${s.manifestHash}#${s.settledCells}`)
    .sort()
    .join(' ');

/** The same shard runs, as far along as they were then, merged into this target already? */
function refuseRemerge(ctx: CoreContext, mergedFrom: readonly MergedShard[]) {
  const wanted = identity(mergedFrom);
  for (const run of new MergeTargetRepo(ctx.db).mergedRuns()) {
    const previous = (JSON.parse(run.manifest) as RunManifest).mergedFrom ?? [];
    if (identity(previous) === wanted)
      throw new MergeRefusedError(
        'already_merged',
        `these shard runs were already merged into run ${run.id} of this workspace`,
        run.id,
      );
  }
}

async function writeMergedRun(
  ctx: CoreContext,
  runs: readonly ShardRun[],
  missing: readonly number[],
  mergedFrom: MergedShard[],
  options: MergeShardsOptions,
  progress: { meter: MergeMeter; totals: RowTotals },
): Promise<MergeShardsResult> {
  const ref = runs[0] as ShardRun;
  const suite = ensureSuite(ctx, ref);
  const version = await ensureDatasetVersion(ctx, ref, progress.meter, {
    chunkRows: options.versionChunkRows,
  });
  const prompts = ensurePrompts(ctx, ref);
  const providerIds = ensureProviders(ctx, ref);
  const runId = newId('run');
  const items = mergedItems(ctx, runs, version);
  const manifest = mergedManifest(ref, runs, runId, {
    suiteId: suite.id,
    version,
    prompts,
    providerIds,
    itemCount: items.length,
    mergedFrom,
    missing,
  });
  const shardCount = ref.shard.count;
  const createdAt = insertRun(ctx, ref, runId, manifest, {
    name: options.name ?? null,
    title: `${ref.manifest.suite.name} (merged ${runs.length}/${shardCount} shards)`,
    prompts,
    providerIds,
  });
  const copied = await copyRows(ctx, runs, runId, manifest, items, progress.meter, progress.totals);
  const { status, pendingCells } = settleRun(ctx, runs, runId, createdAt);
  return {
    runId,
    status,
    shardCount,
    mergedShards: runs.map((r) => r.shard.index),
    missingShards: [...missing],
    cellCount: copied.cells,
    pendingCells,
    copied: {
      responses: copied.responses,
      scores: copied.scores,
      overrides: copied.overrides,
      failureModeTags: copied.failureModeTags,
      cacheRows: copied.cacheRows,
      isDatasetVersionCopied: version.isCopied,
      isSuiteCopied: suite.isNew,
    },
  };
}

/** The items the shards used, as the target's rows, in the version's stored order. */
function mergedItems(
  ctx: CoreContext,
  runs: readonly ShardRun[],
  version: TargetVersion,
): MergedItem[] {
  const target = new MergeTargetRepo(ctx.db).itemIdsByKey(version.id);
  const items: Array<MergedItem & { position: number }> = [];
  for (const run of runs)
    for (const key of run.source.repo.itemKeys(run.run.id)) {
      const row = target.get(key);
      if (!row)
        throw new Error(
          `${run.source.path}: item ${key} of run ${run.run.id} is not in the dataset version`,
        );
      items.push({ key, id: row.id, position: row.position });
    }
  return items.sort((a, b) => a.position - b.position).map(({ key, id }) => ({ key, id }));
}

/**
 * The first shard's manifest as an unsharded plan of the target: the target's ids, no
 * shard, the merged item count, and the record of what was merged. Shards planned without a
 * fixed `shuffle_seed` each drew their own order seed; the merged run then draws one from its
 * id, as the planner does.
 */
function mergedManifest(
  ref: ShardRun,
  runs: readonly ShardRun[],
  runId: string,
  target: {
    suiteId: string;
    version: TargetVersion;
    prompts: RunManifest['prompts'];
    providerIds: ReadonlyMap<string, string>;
    itemCount: number;
    mergedFrom: MergedShard[];
    missing: readonly number[];
  },
): RunManifest {
  const m = ref.manifest;
  const seeds = new Set(runs.map((r) => r.manifest.seeds.order));
  const order = seeds.size === 1 ? m.seeds.order : seedFromString(runId);
  return {
    ...m,
    suite: { ...m.suite, id: target.suiteId },
    dataset: {
      ...m.dataset,
      name: target.version.datasetName,
      versionId: target.version.id,
      version: target.version.version,
      itemCount: target.itemCount,
      shard: null,
    },
    prompts: target.prompts,
    models: m.models.map((model) => {
      const id = model.provider.providerId;
      return {
        ...model,
        provider: {
          ...model.provider,
          providerId: id === null ? null : (target.providerIds.get(id) ?? null),
        },
      };
    }),
    seeds: { ...m.seeds, order },
    mergedFrom: target.mergedFrom,
    ...(target.missing.length > 0 ? { missingShards: [...target.missing] } : {}),
  };
}

/** The run row (planned), its prompts and its models (providers remapped). Returns its time. */
function insertRun(
  ctx: CoreContext,
  ref: ShardRun,
  runId: string,
  manifest: RunManifest,
  parts: {
    name: string | null;
    title: string;
    prompts: RunManifest['prompts'];
    providerIds: ReadonlyMap<string, string>;
  },
): string {
  const createdAt = nowIso();
  ctx.repos.runs.insert({
    id: runId,
    name: parts.name ?? `${parts.title} ${createdAt.slice(0, 16).replace('T', ' ')}`,
    suiteId: manifest.suite.id,
    datasetVersionId: manifest.dataset.versionId,
    manifest: JSON.stringify(manifest),
    manifestHash: manifestHash(manifest),
    createdAt,
  });
  for (const prompt of parts.prompts)
    ctx.repos.runs.insertPrompt(runId, prompt.id, prompt.templateId);
  for (const model of new RunsRepo(ref.source.db).models(ref.run.id)) {
    const providerId = model.provider_id;
    ctx.repos.runs.insertModel({
      ...model,
      run_id: runId,
      provider_id: providerId === null ? null : (parts.providerIds.get(providerId) ?? null),
    });
  }
  return createdAt;
}

/**
 * Completed when every cell has its response (the shards' times: first start, last finish);
 * otherwise paused, so `resume` (CLI or app) sends the pending cells.
 */
function settleRun(ctx: CoreContext, runs: readonly ShardRun[], runId: string, createdAt: string) {
  const pendingCells = ctx.repos.cells.countPending(runId);
  const status: RunStatus = pendingCells > 0 ? 'paused' : 'completed';
  const started = runs.map((r) => r.run.started_at).filter((t): t is string => t !== null);
  const finished = runs.map((r) => r.run.finished_at ?? createdAt);
  new MergeTargetRepo(ctx.db).setRunState(runId, {
    status,
    startedAt: started.sort()[0] ?? null,
    finishedAt: status === 'completed' ? (finished.sort().at(-1) ?? createdAt) : null,
  });
  return { status, pendingCells };
}
