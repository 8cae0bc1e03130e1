import { memo, useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
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
}

/** Items as rows, one column per model (or prompt, or run side), fetched a page at a time. */
export function CompareGrid({ columns, total, sortScorer, modeNames }: CompareGridProps) {
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

  const isTwoRun = new Set(columns.map((c) => c.runId)).size > 1;
  const gridColumns: VColumn<GridRow>[] = useMemo(
    () => [
      {
        id: 'item',
        header: 'Item',
        width: 'minmax(200px, 0.8fr)',
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
        width: 'minmax(240px, 1fr)',
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
    [columns, isTwoRun, sortScorer, modeNames],
  );

  const gridSort: GridSort | null = sort ? { key: sort.columnId, direction: sort.direction } : null;
  return (
    <div className="compare-grid">
      <VirtualGrid
        columns={gridColumns}
        rowCount={total}
        getRow={(i) => cache.get(i)}
        onRangeChange={onRangeChange}
        rowHeight={84}
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
