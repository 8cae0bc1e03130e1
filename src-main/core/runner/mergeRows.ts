/**
 * The rows of a merged run (see mergeShards.ts): each shard's cells under new ids and their
 * places in the unsharded plan's order, then what hangs off a cell — its response, scores,
 * human overrides and failure-mode tags — and finally the sources' response caches.
 */
import type { CoreContext } from '../context';
import { ScoringRepo } from '../scoring/repo';
import { newId } from '../util/ids';
import type { RunManifest } from './manifest';
import type { MergeMeter, MergePhase } from './mergeProgress';
import { MergeTargetRepo, type CellIdentity } from './mergeRepo';
import { cellId, orderPermutation } from './planner';
import type { ShardRun, ShardSource } from './shardSources';

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

/** Rows each copying phase will copy (the sources' counts, with the same joins as the reads). */
export type RowTotals = Record<Exclude<MergePhase, 'checking' | 'dataset' | 'datasetHash'>, number>;

export function rowTotals(runs: readonly ShardRun[]): RowTotals {
  const totals: RowTotals = {
    cells: 0,
    responses: 0,
    scores: 0,
    overrides: 0,
    failureModeTags: 0,
    cache: 0,
  };
  for (const run of runs) {
    const counts = run.source.repo.runRowCounts(run.run.id);
    totals.cells += counts.cells;
    totals.responses += counts.responses;
    totals.scores += counts.scores;
    totals.overrides += counts.overrides;
    totals.failureModeTags += counts.failureModeTags;
  }
  for (const source of sourcesOf(runs)) totals.cache += source.repo.cacheCount();
  return totals;
}

/** Each workspace once (two shard runs may come from one workspace; its cache is copied once). */
function sourcesOf(runs: readonly ShardRun[]): ShardSource[] {
  return [...new Set(runs.map((r) => r.source))];
}

/**
 * One phase: `write` for every row of every run, counted by the meter (which reports and lets
 * a cancel in) — all cells first, then all responses, and so on, so each phase's count only
 * grows and ends at its total.
 */
async function copyPhase<T>(
  meter: MergeMeter,
  phase: keyof RowTotals,
  total: number,
  reads: ReadonlyArray<() => Iterable<T>>,
  write: (row: T) => void,
) {
  meter.begin(phase, total);
  for (const read of reads)
    for (const row of read()) {
      write(row);
      if (meter.tick()) await meter.report();
    }
  await meter.end();
}

/** Cells, responses, scores, overrides, failure-mode tags, then the sources' caches. */
export async function copyRows(
  ctx: CoreContext,
  runs: readonly ShardRun[],
  runId: string,
  manifest: RunManifest,
  items: readonly MergedItem[],
  meter: MergeMeter,
  totals: RowTotals,
) {
  const { prompts, models, repeats } = manifest;
  const repo = new MergeTargetRepo(ctx.db);
  const scoring = new ScoringRepo(ctx.db);
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
  // One source statement open at a time: each read starts when the one before has ended.
  const each = <T>(rows: (run: ShardRun) => Iterable<T>) => runs.map((run) => () => rows(run));

  await copyPhase(
    meter,
    'cells',
    totals.cells,
    each((r) => r.source.repo.cells(r.run.id)),
    (cell) => {
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
    },
  );
  await copyPhase(
    meter,
    'responses',
    totals.responses,
    each((r) => r.source.repo.responses(r.run.id)),
    (response) => {
      repo.insertResponse(cellOf(response), response);
      counts.responses++;
    },
  );
  await copyPhase(
    meter,
    'scores',
    totals.scores,
    each((r) => r.source.repo.scores(r.run.id)),
    (score) => {
      repo.insertScore(cellOf(score), score);
      counts.scores++;
    },
  );
  // Human overrides of the copied scores, each by its rater (found or created by name).
  await copyPhase(
    meter,
    'overrides',
    totals.overrides,
    each((r) => r.source.repo.overrides(r.run.id).map((o) => ({ ...o, runId: r.run.id }))),
    (override) => {
      const scoreId = repo.scoreId(cellOf(override), override.scorer_key);
      if (scoreId === undefined) throw new Error(`an override of ${override.runId} lost its score`);
      const raterId = scoring.raterId(
        override.rater_name,
        () => newId('rater'),
        override.created_at,
      );
      repo.insertOverride(scoreId, raterId, override);
      counts.overrides++;
    },
  );
  // Failure-mode tags of the copied cells; modes found or created by name.
  await copyPhase(
    meter,
    'failureModeTags',
    totals.failureModeTags,
    each((r) => r.source.repo.cellFailureModes(r.run.id)),
    (tag) => {
      const modeId = repo.failureModeId(tag, () => newId('failureMode'));
      const raterId =
        tag.rater_name === null
          ? null
          : scoring.raterId(tag.rater_name, () => newId('rater'), tag.created_at);
      repo.tagCell(cellOf(tag), modeId, raterId, tag.created_at);
      counts.failureModeTags++;
    },
  );
  const caches = sourcesOf(runs).map((source) => () => source.repo.cache());
  await copyPhase(meter, 'cache', totals.cache, caches, (row) => {
    if (repo.putCache(row)) counts.cacheRows++;
  });
  return counts;
}
