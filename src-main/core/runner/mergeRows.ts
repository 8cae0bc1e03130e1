/**
 * The rows of a merged run (see mergeShards.ts): each shard's cells under new ids and their
 * places in the unsharded plan's order, then what hangs off a cell — its response, scores,
 * human overrides and failure-mode tags — and finally the sources' response caches.
 */
import type { CoreContext } from '../context';
import { ScoringRepo } from '../scoring/repo';
import { newId } from '../util/ids';
import type { RunManifest } from './manifest';
import { MergeTargetRepo, type CellIdentity } from './mergeRepo';
import { cellId, orderPermutation } from './planner';
import type { ShardRun } from './shardSources';

/** An item of the merged run: its key and the target's row id. */
export interface MergedItem {
  key: string;
  id: number;
}

/** Where each cell of the unsharded plan goes in the seeded run order (inverse of the shuffle). */
function ordinalsOf(total: number, seed: number | null): Int32Array {
  const perm = orderPermutation(total, seed);
  const ordinal = new Int32Array(total);
  for (let o = 0; o < total; o++) ordinal[perm[o] as number] = o;
  return ordinal;
}

function indexer(keys: readonly string[], what: string) {
  const map = new Map(keys.map((k, i) => [k, i]));
  return (key: string) => {
    const index = map.get(key);
    if (index === undefined)
      throw new Error(`a shard cell names ${what} ${key}, not in the manifest`);
    return index;
  };
}

/** Cells, responses, scores, overrides, failure-mode tags, then the sources' caches. */
export function copyRows(
  ctx: CoreContext,
  runs: readonly ShardRun[],
  runId: string,
  manifest: RunManifest,
  items: readonly MergedItem[],
) {
  const { prompts, models, repeats } = manifest;
  const repo = new MergeTargetRepo(ctx.db);
  const itemIndex = indexer(
    items.map((i) => i.key),
    'item',
  );
  const promptIndex = indexer(
    prompts.map((p) => p.id),
    'prompt',
  );
  const modelIndex = indexer(
    models.map((m) => m.id),
    'model',
  );
  const ordinals = ordinalsOf(
    items.length * prompts.length * models.length * repeats,
    manifest.seeds.order,
  );
  const counts = {
    cells: 0,
    responses: 0,
    scores: 0,
    overrides: 0,
    failureModeTags: 0,
    cacheRows: 0,
  };
  // A cell's merged id follows from its identity (as the planner derives it), so rows that hang
  // off a cell need no map from source ids: a million cells would cost hundreds of MB.
  const cellOf = (c: CellIdentity) =>
    cellId(runId, c.item_key, c.prompt_key, c.model_key, c.repeat);
  for (const run of runs) {
    for (const cell of run.source.repo.cells(run.run.id)) {
      const i = itemIndex(cell.item_key);
      const plan =
        ((i * prompts.length + promptIndex(cell.prompt_key)) * models.length +
          modelIndex(cell.model_key)) *
          repeats +
        cell.repeat;
      repo.insertCell({
        id: cellOf(cell),
        runId,
        itemId: (items[i] as MergedItem).id,
        source: cell,
        ordinal: ordinals[plan] as number,
      });
      counts.cells++;
    }
    for (const response of run.source.repo.responses(run.run.id)) {
      repo.insertResponse(cellOf(response), response);
      counts.responses++;
    }
    for (const score of run.source.repo.scores(run.run.id)) {
      repo.insertScore(cellOf(score), score);
      counts.scores++;
    }
    counts.overrides += copyOverrides(ctx, run, cellOf);
    counts.failureModeTags += copyFailureModes(ctx, run, cellOf);
  }
  for (const run of runs)
    for (const row of run.source.repo.cache()) if (repo.putCache(row)) counts.cacheRows++;
  return counts;
}

/** Human overrides of the copied scores, each by its rater (found or created by name). */
function copyOverrides(
  ctx: CoreContext,
  run: ShardRun,
  cellOf: (c: CellIdentity) => string,
): number {
  const scoring = new ScoringRepo(ctx.db);
  const repo = new MergeTargetRepo(ctx.db);
  let overrides = 0;
  for (const override of run.source.repo.overrides(run.run.id)) {
    const scoreId = repo.scoreId(cellOf(override), override.scorer_key);
    if (scoreId === undefined) throw new Error(`an override of ${run.run.id} lost its score`);
    const raterId = scoring.raterId(override.rater_name, () => newId('rater'), override.created_at);
    repo.insertOverride(scoreId, raterId, override);
    overrides++;
  }
  return overrides;
}

/** Failure-mode tags of the copied cells; modes found or created by name. */
function copyFailureModes(
  ctx: CoreContext,
  run: ShardRun,
  cellOf: (c: CellIdentity) => string,
): number {
  const scoring = new ScoringRepo(ctx.db);
  const repo = new MergeTargetRepo(ctx.db);
  let tags = 0;
  for (const tag of run.source.repo.cellFailureModes(run.run.id)) {
    const modeId = repo.failureModeId(tag, () => newId('failureMode'));
    const raterId =
      tag.rater_name === null
        ? null
        : scoring.raterId(tag.rater_name, () => newId('rater'), tag.created_at);
    repo.tagCell(cellOf(tag), modeId, raterId, tag.created_at);
    tags++;
  }
  return tags;
}
