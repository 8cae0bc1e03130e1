/**
 * The compare grid's index: one compact pass over the cells and scores of the run(s), grouped
 * into rows and columns. Cells are positions into flat arrays and scores are columns of typed
 * arrays (one per scorer), so 100,000 cells cost a few megabytes and filters and sorts run over
 * memory; a page then costs a slice plus one keyed read. Rebuilt when the data stamp changes.
 */
import type { GridColumn, GridColumnsBy } from '@contract/routes/results';
import type { IndexCellTuple, ResultsRepo } from './repo';

/** Pass/fail of a score: none (no score of this scorer), pass, fail, or scored without one. */
export const PASS_NONE = -1;
export const PASS_FAIL = 0;
export const PASS_PASS = 1;
export const PASS_NULL = 2;

export interface ScorerColumn {
  /** NaN where the cell has no value. */
  values: Float64Array;
  /** PASS_NONE, PASS_FAIL, PASS_PASS or PASS_NULL per cell. */
  pass: Int8Array;
  hasError: Uint8Array;
  isOverridden: Uint8Array;
}

export interface IndexedRow {
  itemKey: string;
  position: number;
  category: string | null;
  variant: string;
  repeat: number;
  /** Cell positions by column position; -1 where the column has no cell for this row. */
  cells: Int32Array;
}

export interface GridIndex {
  columns: GridColumn[];
  rows: IndexedRow[];
  /** Per cell position: its rowid and status. */
  cellRowids: Float64Array;
  cellStatus: IndexCellTuple[5][];
  /** Cell rowid → position. */
  positionOf: Map<number, number>;
  /** Scorer columns read so far (see `scorerColumnOf`). */
  scorers: Map<string, ScorerColumn>;
  scorerKeys: string[];
  categories: string[];
  /** Tag → item keys. */
  tags: Map<string, Set<string>>;
  runIds: string[];
}

export interface GridShape {
  runId: string;
  baselineRunId?: string | undefined;
  columnsBy: GridColumnsBy;
  baselineColumnId?: string | undefined;
}

interface Side {
  runId: string;
  isBaseline: boolean;
  cells: IndexCellTuple[];
  /** Cell position of this side's first cell. */
  offset: number;
}

function scorerColumn(size: number): ScorerColumn {
  return {
    values: new Float64Array(size).fill(NaN),
    pass: new Int8Array(size).fill(PASS_NONE),
    hasError: new Uint8Array(size),
    isOverridden: new Uint8Array(size),
  };
}

/**
 * One scorer's column, read on first use: the first page of a grid needs no scores from the
 * index (the page reads its own), only filters and sorts on a scorer do.
 */
export function scorerColumnOf(
  repo: ResultsRepo,
  index: GridIndex,
  key: string,
): ScorerColumn | undefined {
  const known = index.scorers.get(key);
  if (known || !index.scorerKeys.includes(key)) return known;
  const column = scorerColumn(index.cellRowids.length);
  for (const runId of index.runIds)
    for (const [rowid, value, isPass, hasError, isOverridden] of repo.indexScores(runId, key)) {
      const p = index.positionOf.get(rowid);
      if (p === undefined) continue;
      column.values[p] = value ?? NaN;
      column.pass[p] = isPass === null ? PASS_NULL : isPass;
      column.hasError[p] = hasError;
      column.isOverridden[p] = isOverridden;
    }
  index.scorers.set(key, column);
  return column;
}

/**
 * The grid's columns, in its order: each side (baseline run first) with its distinct model or
 * prompt keys sorted. `failureModes.counts` lays its columns out with this too.
 */
export function gridColumnsOf(
  sides: readonly { runId: string; isBaseline: boolean; keys: Iterable<string> }[],
  isTwoRun: boolean,
): GridColumn[] {
  const columns: GridColumn[] = [];
  for (const side of sides) {
    const prefix = side.isBaseline ? 'baseline' : 'candidate';
    for (const key of [...new Set(side.keys)].sort())
      columns.push({
        id: isTwoRun ? `${prefix}:${key}` : key,
        // Said once, after the model: "bot — baseline run" (the id keeps the short prefix).
        label: isTwoRun ? `${key} — ${prefix} run` : key,
        runId: side.runId,
        key,
        isBaseline: side.isBaseline,
      });
  }
  return columns;
}

function columnsOf(sides: Side[], byPrompt: boolean, isTwoRun: boolean, shape: GridShape) {
  const columns = gridColumnsOf(
    sides.map((side) => ({ ...side, keys: side.cells.map((c) => (byPrompt ? c[2] : c[3])) })),
    isTwoRun,
  );
  const columnAt = new Map(columns.map((c, i) => [`${c.runId}\u0000${c.key}`, i]));
  if (!isTwoRun && columns.length > 0) {
    const chosen = columns.find((c) => c.id === shape.baselineColumnId) ?? columns[0];
    if (chosen) chosen.isBaseline = true;
  }
  return { columns, columnAt };
}

/** Builds the index of one run, or of a baseline and a candidate run matched by item key. */
export function buildGridIndex(repo: ResultsRepo, shape: GridShape): GridIndex {
  const isTwoRun = shape.baselineRunId !== undefined && shape.baselineRunId !== shape.runId;
  const runSides = isTwoRun
    ? [
        { runId: shape.baselineRunId as string, isBaseline: true },
        { runId: shape.runId, isBaseline: false },
      ]
    : [{ runId: shape.runId, isBaseline: false }];
  let size = 0;
  const sides: Side[] = runSides.map((s) => {
    const cells = repo.indexCells(s.runId);
    const side = { ...s, cells, offset: size };
    size += cells.length;
    return side;
  });
  const byPrompt = shape.columnsBy === 'prompt';
  const { columns, columnAt } = columnsOf(sides, byPrompt, isTwoRun, shape);

  const cellRowids = new Float64Array(size);
  const cellStatus: IndexCellTuple[5][] = new Array<IndexCellTuple[5]>(size);
  const at = new Map<number, number>();
  const rowAt = new Map<string, IndexedRow>();
  const categories = new Set<string>();
  for (const side of sides) {
    const items = new Map(repo.indexItems(side.runId).map((i) => [i.id, i]));
    side.cells.forEach(([rowid, itemId, promptKey, modelKey, repeat, status], n) => {
      const p = side.offset + n;
      cellRowids[p] = rowid;
      cellStatus[p] = status;
      at.set(rowid, p);
      const item = items.get(itemId);
      if (!item) return;
      const variant = byPrompt ? modelKey : promptKey;
      const key = `${item.item_key}\u0000${variant}\u0000${repeat}`;
      let row = rowAt.get(key);
      if (!row) {
        row = {
          itemKey: item.item_key,
          position: item.position,
          category: item.category,
          variant,
          repeat,
          cells: new Int32Array(columns.length).fill(-1),
        };
        rowAt.set(key, row);
      }
      // The candidate's item decides the row's place and category.
      if (!side.isBaseline || !isTwoRun) {
        row.position = item.position;
        row.category = item.category;
      }
      if (item.category !== null) categories.add(item.category);
      const column = columnAt.get(`${side.runId}\u0000${byPrompt ? promptKey : modelKey}`);
      if (column !== undefined) row.cells[column] = p;
    });
  }
  const rows = [...rowAt.values()].sort(
    (a, b) =>
      a.position - b.position ||
      (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0) ||
      a.repeat - b.repeat,
  );
  const tags = new Map<string, Set<string>>();
  for (const side of sides)
    for (const { item_key, tag } of repo.itemTags(side.runId)) {
      let keysOfTag = tags.get(tag);
      if (!keysOfTag) tags.set(tag, (keysOfTag = new Set()));
      keysOfTag.add(item_key);
    }
  return {
    columns,
    rows,
    cellRowids,
    cellStatus,
    positionOf: at,
    scorers: new Map(),
    scorerKeys: [...new Set(sides.flatMap((s) => repo.scorerKeys(s.runId)))].sort(),
    categories: [...categories].sort(),
    tags,
    runIds: sides.map((s) => s.runId),
  };
}
