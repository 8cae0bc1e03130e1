import { create } from 'zustand';
import type { FailureModeCounts } from '@contract/routes/failureModes';
import type {
  GridColumn,
  GridColumnsBy,
  GridFilter,
  GridPage,
  GridRow,
  RowDetail,
} from '@contract/routes/results';
import { api } from '../api/client';
import { errorMessage, type Loadable } from './load';

export interface GridSortState {
  columnId: string;
  scorerKey: string;
  direction: 'asc' | 'desc';
}

/** What the grid shows: which runs, how columns are laid out, filters and sort. */
export interface CompareQuery {
  runId: string;
  baselineRunId: string | null;
  columnsBy: GridColumnsBy;
  baselineColumnId: string | null;
  filter: GridFilter;
  sort: GridSortState | null;
}

/** Facts about the grid that come with every page (the core's, never computed here). */
export interface GridMeta {
  total: number;
  unfilteredTotal: number;
  columns: GridColumn[];
  scorerKeys: string[];
  categories: string[];
  tags: string[];
}

interface CompareState {
  query: CompareQuery | null;
  /** Bumped when the rows must be fetched again (query changed, a tag was saved). */
  generation: number;
  meta: Loadable<GridMeta>;
  selectedIndex: number | null;
  /** The row open in the detail pane. */
  openRow: GridRow | null;
  detail: Loadable<RowDetail>;
  counts: Loadable<FailureModeCounts>;
  /** Tags saved since the rows were fetched, by cell id: shown at once, without a re-fetch. */
  tagOverrides: Record<string, string[]>;
  open: (runId: string, baselineRunId: string | null) => void;
  setColumnsBy: (columnsBy: GridColumnsBy) => void;
  setBaselineColumn: (columnId: string | null) => void;
  setFilter: (patch: Partial<GridFilter>) => void;
  clearFilter: () => void;
  setSort: (sort: GridSortState | null) => void;
  fetchPage: (offset: number, limit: number) => Promise<GridRow[]>;
  select: (index: number | null) => void;
  openDetail: (row: GridRow) => Promise<void>;
  closeDetail: () => void;
  loadCounts: () => Promise<void>;
  tagCell: (cellId: string, failureModeIds: string[]) => Promise<void>;
}

function gridInput(query: CompareQuery, offset: number, limit: number) {
  return {
    runId: query.runId,
    ...(query.baselineRunId ? { baselineRunId: query.baselineRunId } : {}),
    columnsBy: query.columnsBy,
    ...(query.baselineColumnId ? { baselineColumnId: query.baselineColumnId } : {}),
    filter: query.filter,
    ...(query.sort ? { sort: query.sort } : {}),
    page: { offset, limit },
  };
}

function metaOf(page: GridPage): GridMeta {
  const { total, unfilteredTotal, columns, scorerKeys, categories, tags } = page;
  return { total, unfilteredTotal, columns, scorerKeys, categories, tags };
}

/** Drops filter fields that are off, so equal filters serialise equally. */
function compact(filter: GridFilter): GridFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== '' && v !== false),
  );
}

export const useCompare = create<CompareState>((set, get) => {
  /** A new query: rows are fetched again from the first page. */
  const requery = (patch: Partial<CompareQuery>) => {
    const query = get().query;
    if (!query) return;
    set((s) => ({
      query: { ...query, ...patch },
      generation: s.generation + 1,
      selectedIndex: null,
      tagOverrides: {},
      meta: { status: 'loading', ...(valuePrevious(s.meta) ?? {}) },
    }));
  };
  return {
    query: null,
    generation: 0,
    meta: { status: 'idle' },
    selectedIndex: null,
    openRow: null,
    detail: { status: 'idle' },
    counts: { status: 'idle' },
    tagOverrides: {},
    open(runId, baselineRunId) {
      const current = get().query;
      if (current && current.runId === runId && current.baselineRunId === baselineRunId) return;
      set((s) => ({
        query: {
          runId,
          baselineRunId,
          columnsBy: 'model',
          baselineColumnId: null,
          filter: {},
          sort: null,
        },
        generation: s.generation + 1,
        meta: { status: 'loading' },
        selectedIndex: null,
        openRow: null,
        detail: { status: 'idle' },
        counts: { status: 'idle' },
        tagOverrides: {},
      }));
    },
    setColumnsBy: (columnsBy) => {
      requery({ columnsBy, baselineColumnId: null, sort: null });
      void get().loadCounts();
    },
    setBaselineColumn: (baselineColumnId) => requery({ baselineColumnId }),
    setFilter: (patch) => {
      const query = get().query;
      if (query) requery({ filter: compact({ ...query.filter, ...patch }) });
    },
    clearFilter: () => requery({ filter: {} }),
    setSort: (sort) => requery({ sort }),
    async fetchPage(offset, limit) {
      const query = get().query;
      if (!api || !query) return [];
      const generation = get().generation;
      try {
        const page = await api.call('results.grid', gridInput(query, offset, limit));
        if (get().generation === generation)
          set({ meta: { status: 'ready', value: metaOf(page) } });
        return page.rows;
      } catch (error) {
        if (get().generation === generation)
          set({ meta: { status: 'error', message: errorMessage(error) } });
        return [];
      }
    },
    select: (index) => set({ selectedIndex: index }),
    async openDetail(row) {
      if (!api) return;
      const cellIds = Object.values(row.cells).map((c) => c.cellId);
      set({ openRow: row, detail: { status: 'loading' } });
      try {
        const detail = await api.call('results.detail', { cellIds });
        if (get().openRow === row) set({ detail: { status: 'ready', value: detail } });
      } catch (error) {
        if (get().openRow === row)
          set({ detail: { status: 'error', message: errorMessage(error) } });
      }
    },
    closeDetail: () => set({ openRow: null, detail: { status: 'idle' } }),
    async loadCounts() {
      const query = get().query;
      if (!api || !query) return;
      try {
        const counts = await api.call('failureModes.counts', {
          runId: query.runId,
          ...(query.baselineRunId ? { baselineRunId: query.baselineRunId } : {}),
          columnsBy: query.columnsBy,
        });
        set({ counts: { status: 'ready', value: counts } });
      } catch (error) {
        set({ counts: { status: 'error', message: errorMessage(error) } });
      }
    },
    async tagCell(cellId, failureModeIds) {
      if (!api) return;
      const saved = await api.call('failureModes.tagCell', { cellId, failureModeIds });
      const row = get().openRow;
      // The grid shows the saved tags at once (no re-fetch of 100,000 rows' pages); the detail
      // and the counts are read again.
      set((s) => ({ tagOverrides: { ...s.tagOverrides, [cellId]: saved.failureModeIds } }));
      await Promise.all([row ? get().openDetail(row) : null, get().loadCounts()]);
    },
  };
});

function valuePrevious(meta: Loadable<GridMeta>): { previous: GridMeta } | undefined {
  if (meta.status === 'ready') return { previous: meta.value };
  if ((meta.status === 'loading' || meta.status === 'error') && meta.previous)
    return { previous: meta.previous };
  return undefined;
}
