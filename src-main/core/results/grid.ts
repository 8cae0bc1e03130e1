/**
 * The `results.grid` query: the index of the run(s) (cached while the data stamp holds), the
 * rows that pass the filter in the order asked (cached per query), then one page read.
 */
import type {
  GridCell,
  GridFilter,
  GridPage,
  GridQueryInput,
  GridRow,
  GridScore,
} from '@contract/routes/results';
import type { z } from 'zod';
import { notFound } from '../apiError';
import type { CoreContext } from '../context';
import { isJudgeScorer } from '../labeling/runScorers';
import { perCore } from '../util/perCore';
import {
  buildGridIndex,
  scorerColumnOf,
  PASS_FAIL,
  PASS_PASS,
  type GridIndex,
  type IndexedRow,
} from './gridIndex';
import { resultsRepo } from './service';

type Query = z.output<typeof GridQueryInput>;

// About what two lines of a grid column show: the detail route has the rest.
const OUTPUT_EXCERPT = 180;
const INPUT_EXCERPT = 160;
const KEPT_INDEXES = 3;
const KEPT_ORDERS = 12;

interface Caches {
  stamp: string;
  indexes: Map<string, GridIndex>;
  orders: Map<string, IndexedRow[]>;
}

/** A core's caches: emptied whenever the data stamp moves on. */
const cachesFor = perCore((): Caches => ({ stamp: '', indexes: new Map(), orders: new Map() }));

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
  return value;
}

function cachesOf(ctx: CoreContext, stamp: string): Caches {
  const c = cachesFor(ctx);
  if (c.stamp !== stamp) {
    c.stamp = stamp;
    c.indexes.clear();
    c.orders.clear();
  }
  return c;
}

/** The cells (by rowid) each SQL-side filter keeps; none when those filters are off. */
function cellSets(ctx: CoreContext, index: GridIndex, filter: GridFilter): Set<number>[] {
  const repo = resultsRepo(ctx);
  const sets: Set<number>[] = [];
  const search = filter.search?.trim();
  if (search) sets.push(new Set(repo.searchCells(index.runIds, search)));
  if (filter.hasDisagreement)
    sets.push(
      new Set(
        repo
          .disagreements(index.runIds)
          .filter((d) => isJudgeScorer(d.scorer_id))
          .map((d) => d.rowid),
      ),
    );
  if (filter.failureModeId)
    sets.push(new Set(repo.cellsWithFailureMode(index.runIds, filter.failureModeId)));
  return sets;
}

/** Cell positions of a row, absent columns left out. */
function cellsOf(row: IndexedRow): number[] {
  const out: number[] = [];
  for (const p of row.cells) if (p >= 0) out.push(p);
  return out;
}

function keeps(ctx: CoreContext, index: GridIndex, filter: GridFilter, sets: Set<number>[]) {
  const repo = resultsRepo(ctx);
  const tagged = filter.tag !== undefined ? (index.tags.get(filter.tag) ?? new Set()) : null;
  const baseline = index.columns.flatMap((c, i) => (c.isBaseline ? [i] : []));
  const candidate = index.columns.flatMap((c, i) => (c.isBaseline ? [] : [i]));
  const scorer = filter.scorer ? scorerColumnOf(repo, index, filter.scorer.key) : undefined;
  const wanted = filter.scorer?.outcome === 'pass' ? PASS_PASS : PASS_FAIL;
  const regression =
    filter.regressionScorer !== undefined
      ? scorerColumnOf(repo, index, filter.regressionScorer)
      : undefined;
  const passAt = (row: IndexedRow, column: number, pass: Int8Array, value: number) => {
    const p = row.cells[column] ?? -1;
    return p >= 0 && pass[p] === value;
  };
  return (row: IndexedRow): boolean => {
    if (filter.category !== undefined && row.category !== filter.category) return false;
    if (tagged && !tagged.has(row.itemKey)) return false;
    const cells = cellsOf(row);
    if (filter.hasErrors && !cells.some((p) => index.cellStatus[p] === 'error')) return false;
    if (filter.scorer && !(scorer && cells.some((p) => scorer.pass[p] === wanted))) return false;
    if (filter.regressionScorer !== undefined) {
      if (!regression) return false;
      if (!baseline.some((c) => passAt(row, c, regression.pass, PASS_PASS))) return false;
      if (!candidate.some((c) => passAt(row, c, regression.pass, PASS_FAIL))) return false;
    }
    for (const set of sets)
      if (!cells.some((p) => set.has(index.cellRowids[p] as number))) return false;
    return true;
  };
}

function ordered(
  ctx: CoreContext,
  index: GridIndex,
  rows: IndexedRow[],
  sort: Query['sort'],
): IndexedRow[] {
  if (!sort) return rows;
  const at = index.columns.findIndex((c) => c.id === sort.columnId);
  const scorer = scorerColumnOf(resultsRepo(ctx), index, sort.scorerKey);
  if (at < 0 || !scorer) return rows;
  const sign = sort.direction === 'asc' ? 1 : -1;
  const valueOf = (row: IndexedRow): number | null => {
    const p = row.cells[at] ?? -1;
    if (p < 0) return null;
    const value = scorer.values[p] as number;
    if (!Number.isNaN(value)) return value;
    const pass = scorer.pass[p];
    return pass === PASS_PASS ? 1 : pass === PASS_FAIL ? 0 : null;
  };
  const keyed = rows.map((row, i) => ({ row, i, v: valueOf(row) }));
  // Rows without a value go last in either direction; ties keep dataset order.
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
    return (a.v - b.v) * sign || a.i - b.i;
  });
  return keyed.map((k) => k.row);
}

function indexOf(ctx: CoreContext, input: Query, c: Caches): GridIndex {
  const key = JSON.stringify([
    input.runId,
    input.baselineRunId ?? null,
    input.columnsBy,
    input.baselineColumnId ?? null,
  ]);
  return (
    c.indexes.get(key) ??
    remember(c.indexes, key, buildGridIndex(resultsRepo(ctx), input), KEPT_INDEXES)
  );
}

function pageRows(
  ctx: CoreContext,
  index: GridIndex,
  rows: IndexedRow[],
  offset: number,
): GridRow[] {
  const repo = resultsRepo(ctx);
  const positions = rows.flatMap(cellsOf);
  if (positions.length === 0) return [];
  const idOf = new Map(
    repo.cellIdsOf(positions.map((p) => index.cellRowids[p] as number)).map((r) => [r.rowid, r.id]),
  );
  const cellIds = [...idOf.values()];
  const read = new Map(repo.pageCells(cellIds, OUTPUT_EXCERPT).map((r) => [r.id, r]));
  const inputs = new Map(repo.pageInputs(cellIds, INPUT_EXCERPT).map((r) => [r.id, r.input]));
  const modes = new Map<string, string[]>();
  for (const m of repo.failureModesOfCells(cellIds))
    modes.set(m.cell_id, [...(modes.get(m.cell_id) ?? []), m.failure_mode_id]);
  const scores = new Map<string, GridScore[]>();
  for (const s of repo.pageScores(cellIds))
    scores.set(s.cell_id, [
      ...(scores.get(s.cell_id) ?? []),
      {
        scorerKey: s.scorer_key,
        value: s.value,
        isPass: s.is_pass === null ? null : s.is_pass === 1,
        error: s.error,
        isOverridden: s.is_overridden === 1,
      },
    ]);
  return rows.map((row, i) => {
    const cells: GridRow['cells'] = {};
    let input = '';
    row.cells.forEach((p, at) => {
      const column = index.columns[at];
      const id = p >= 0 ? idOf.get(index.cellRowids[p] as number) : undefined;
      if (!column || id === undefined) return;
      const stored = read.get(id);
      input = input || (inputs.get(id) ?? '');
      cells[column.id] = {
        cellId: id,
        status: stored?.status ?? (index.cellStatus[p] as GridCell['status']),
        excerpt: stored?.excerpt ?? null,
        errorClass: stored?.error_class ?? null,
        scores: scores.get(id) ?? [],
        failureModeIds: modes.get(id) ?? [],
      };
    });
    return {
      index: offset + i,
      itemKey: row.itemKey,
      category: row.category,
      inputExcerpt: input,
      variant: row.variant,
      repeat: row.repeat,
      cells,
    };
  });
}

/** One page of the compare grid. */
export function gridPage(ctx: CoreContext, input: Query): GridPage {
  const repo = resultsRepo(ctx);
  for (const runId of [input.runId, input.baselineRunId]) {
    if (runId !== undefined && repo.runName(runId) === undefined) throw notFound('run', runId);
  }
  const c = cachesOf(ctx, repo.stamp());
  const index = indexOf(ctx, input, c);
  const orderKey = JSON.stringify([
    input.runId,
    input.baselineRunId ?? null,
    input.columnsBy,
    input.baselineColumnId ?? null,
    input.filter,
    input.sort ?? null,
  ]);
  let rows = c.orders.get(orderKey);
  if (!rows) {
    const keep = keeps(ctx, index, input.filter, cellSets(ctx, index, input.filter));
    rows = remember(
      c.orders,
      orderKey,
      ordered(ctx, index, index.rows.filter(keep), input.sort),
      KEPT_ORDERS,
    );
  }
  const { offset, limit } = input.page;
  return {
    total: rows.length,
    unfilteredTotal: index.rows.length,
    columns: index.columns,
    scorerKeys: index.scorerKeys,
    categories: index.categories,
    tags: [...index.tags.keys()].sort(),
    rows: pageRows(ctx, index, rows.slice(offset, offset + limit), offset),
  };
}
