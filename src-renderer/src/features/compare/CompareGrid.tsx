import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  type MutableRefObject,
} from 'react';
import type { GridCell, GridColumn, GridRow, GridScore } from '@contract/routes/results';
import {
  VirtualGrid,
  type GridColumn as VColumn,
  type GridSort,
} from '../../components/grid/VirtualGrid';
import { RowPageCache } from '../../components/grid/rowCache';
import { useCompare } from '../../stores/compare';
import { formatScoreValue } from './scoreValue';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 84;

/** Moves the open row by `delta` rows (j / k, the narrow view's Previous / Next). */
export type RowStepper = (delta: number) => void;

/**
 * Scrolls the grid just enough to show row `index`, as its own arrow keys would: for a
 * selection moved from outside the grid (j / k while the grid is covered, a remount).
 */
function revealRow(grid: HTMLElement | null, index: number) {
  const scroller = grid?.querySelector<HTMLElement>('.vgrid-body');
  if (!scroller) return;
  const header = scroller.querySelector<HTMLElement>('.vgrid-header')?.offsetHeight ?? 0;
  const top = header + index * ROW_HEIGHT;
  if (top < scroller.scrollTop + header) scroller.scrollTop = top - header;
  else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight)
    scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
}

/** A stored score as shown: the value (3 significant digits) or pass/fail. */
function scoreText(s: GridScore): string {
  if (s.error) return 'error';
  if (s.value !== null && !(s.isPass !== null && (s.value === 0 || s.value === 1)))
    return formatScoreValue(s.value);
  return s.isPass === null ? '—' : s.isPass ? 'pass' : 'fail';
}

function scoreClass(s: GridScore): string {
  if (s.error) return 'cmp-score is-error';
  if (s.isPass === null) return 'cmp-score';
  return s.isPass ? 'cmp-score is-pass' : 'cmp-score is-fail';
}

/**
 * Memoised: the virtualiser re-renders its visible rows on every scroll frame, while a cell's
 * data (from the page cache) only changes when its page is fetched again.
 */
const OutputCell = memo(function OutputCell({
  cell,
  modeNames,
}: {
  cell: GridCell;
  modeNames: Map<string, string>;
}) {
  const saved = useCompare((s) => s.tagOverrides[cell.cellId]);
  const modeIds = saved ?? cell.failureModeIds;
  const failed = cell.scores.some((s) => s.isPass === false);
  return (
    <div
      className={`cmp-cell${failed ? ' has-fail' : ''}${cell.status === 'error' ? ' has-error' : ''}`}
      data-testid="compare-cell"
    >
      <div className="cmp-excerpt">
        {cell.status === 'error' ? (
          <span className="danger">error: {cell.errorClass ?? 'unknown'}</span>
        ) : cell.status === 'pending' ? (
          <span className="muted">not answered</span>
        ) : (
          (cell.excerpt ?? '')
        )}
      </div>
      <div className="cmp-chips">
        {cell.scores.map((s) => (
          <span
            key={s.scorerKey}
            className={scoreClass(s)}
            title={`${s.scorerKey}${s.isOverridden ? ' (overridden by a person)' : ''}`}
          >
            {s.scorerKey} {scoreText(s)}
            {s.isOverridden ? '*' : ''}
          </span>
        ))}
        {modeIds.map((id) => (
          <span key={id} className="cmp-mode">
            {modeNames.get(id) ?? id}
          </span>
        ))}
      </div>
    </div>
  );
});

const ItemCell = memo(function ItemCell({ row }: { row: GridRow }) {
  return (
    <div className="cmp-item">
      <div>
        <code>{row.itemKey}</code>
        {row.category && <span className="tag">{row.category}</span>}
        {row.variant !== 'p1' && <span className="muted"> {row.variant}</span>}
        {row.repeat > 0 && <span className="muted"> #{row.repeat + 1}</span>}
      </div>
      <div className="cmp-input muted">{row.inputExcerpt}</div>
    </div>
  );
});

interface CompareGridProps {
  columns: GridColumn[];
  total: number;
  sortScorer: string | null;
  modeNames: Map<string, string>;
  /** Narrower columns, for a narrow window where the grid has the main area to itself. */
  isCompact?: boolean;
  /** Set to this grid's row stepper, for keys and buttons outside the grid. */
  stepRef?: MutableRefObject<RowStepper | null>;
}

/** Items as rows, one column per model (or prompt, or run side), fetched a page at a time. */
export function CompareGrid({
  columns,
  total,
  sortScorer,
  modeNames,
  isCompact = false,
  stepRef,
}: CompareGridProps) {
  const generation = useCompare((s) => s.generation);
  const fetchPage = useCompare((s) => s.fetchPage);
  const selectedIndex = useCompare((s) => s.selectedIndex);
  const select = useCompare((s) => s.select);
  const openDetail = useCompare((s) => s.openDetail);
  const isDetailOpen = useCompare((s) => s.openRow !== null);
  const sort = useCompare((s) => s.query?.sort ?? null);
  const setSort = useCompare((s) => s.setSort);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const range = useRef<[number, number]>([0, PAGE_SIZE]);
  const host = useRef<HTMLDivElement>(null);
  /** A row to open once its page arrives (stepped onto before it was fetched). */
  const pendingOpen = useRef<number | null>(null);

  const cache = useMemo(
    () => new RowPageCache<GridRow>(PAGE_SIZE, fetchPage, rerender),
    // A new cache per query generation: old pages are never shown for a new filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fetchPage, generation],
  );
  useEffect(() => {
    cache.request(range.current[0], range.current[1]);
    return () => cache.clear();
  }, [cache]);

  const onRangeChange = useCallback(
    (start: number, end: number) => {
      range.current = [start, end];
      cache.request(start, end);
    },
    [cache],
  );

  // Mounted again (the window crossed the narrow threshold): the selection stays in view.
  useEffect(() => {
    const selected = useCompare.getState().selectedIndex;
    if (selected !== null) revealRow(host.current, selected);
  }, []);

  useEffect(() => {
    if (!stepRef) return;
    stepRef.current = (delta) => {
      const current = useCompare.getState().selectedIndex;
      if (current === null || total === 0) return;
      const next = Math.max(0, Math.min(total - 1, current + delta));
      if (next === current) return;
      select(next);
      revealRow(host.current, next);
      const row = cache.get(next);
      pendingOpen.current = row ? null : next;
      if (row) void openDetail(row);
      else cache.request(next, next + 1);
    };
    return () => {
      stepRef.current = null;
    };
  }, [stepRef, total, select, cache, openDetail]);
  // After each render (a page arrived): open the row stepped onto, if it is still selected.
  useEffect(() => {
    const index = pendingOpen.current;
    const row = index === null ? undefined : cache.get(index);
    if (index === null || !row) return;
    pendingOpen.current = null;
    if (useCompare.getState().selectedIndex === index) void openDetail(row);
  });

  const isTwoRun = new Set(columns.map((c) => c.runId)).size > 1;
  const gridColumns: VColumn<GridRow>[] = useMemo(
    () => [
      {
        id: 'item',
        header: 'Item',
        width: isCompact ? 'minmax(160px, 0.8fr)' : 'minmax(200px, 0.8fr)',
        cell: (row) => <ItemCell row={row} />,
      },
      ...columns.map((column): VColumn<GridRow> => ({
        id: column.id,
        header: (
          <span className={column.isBaseline ? 'cmp-head is-baseline' : 'cmp-head'}>
            {column.label}
            {/* Against a baseline run the label names the run already. */}
            {column.isBaseline && !isTwoRun && <span className="muted"> (baseline)</span>}
          </span>
        ),
        width: isCompact ? 'minmax(200px, 1fr)' : 'minmax(240px, 1fr)',
        ...(sortScorer ? { sortKey: column.id } : {}),
        cell: (row) => {
          const cell = row.cells[column.id];
          return cell ? (
            <OutputCell cell={cell} modeNames={modeNames} />
          ) : (
            <span className="muted">—</span>
          );
        },
      })),
    ],
    [columns, isTwoRun, sortScorer, modeNames, isCompact],
  );

  const gridSort: GridSort | null = sort ? { key: sort.columnId, direction: sort.direction } : null;
  return (
    <div className="compare-grid" ref={host}>
      <VirtualGrid
        columns={gridColumns}
        rowCount={total}
        getRow={(i) => cache.get(i)}
        onRangeChange={onRangeChange}
        rowHeight={ROW_HEIGHT}
        selectedIndex={selectedIndex}
        onSelect={(i) => {
          select(i);
          // With the detail pane open, it follows the selection.
          const row = cache.get(i);
          if (isDetailOpen && row) void openDetail(row);
        }}
        onOpen={(i) => {
          const row = cache.get(i);
          if (row) void openDetail(row);
        }}
        sort={gridSort}
        onSort={(s) =>
          sortScorer && setSort({ columnId: s.key, scorerKey: sortScorer, direction: s.direction })
        }
        ariaLabel="Outputs side by side"
        testId="compare-grid"
      />
    </div>
  );
}
