import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

export interface GridColumn<Row> {
  id: string;
  header: ReactNode;
  /** CSS grid track, e.g. `120px` or `minmax(240px, 1fr)`. */
  width: string;
  cell: (row: Row, index: number) => ReactNode;
  /** When set, the header is a button that asks for this sort. */
  sortKey?: string;
  align?: 'start' | 'end';
}

export interface GridSort {
  key: string;
  direction: 'asc' | 'desc';
}

interface VirtualGridProps<Row> {
  columns: GridColumn<Row>[];
  rowCount: number;
  /** The row at `index`, or undefined while it is being fetched. */
  getRow: (index: number) => Row | undefined;
  /** Called with the visible range (plus overscan) so the owner can fetch those rows. */
  onRangeChange?: (start: number, end: number) => void;
  rowHeight?: number;
  selectedIndex: number | null;
  onSelect: (index: number) => void;
  onOpen?: (index: number) => void;
  sort?: GridSort | null;
  onSort?: (sort: GridSort) => void;
  ariaLabel: string;
  testId?: string;
}

/**
 * A virtualised grid: only the visible rows exist in the DOM, so 100,000 rows scroll like
 * 100. Rows are fetched by index on demand. Keyboard: ↑/↓, PageUp/PageDown, Home/End move
 * the selection; Enter opens.
 *
 * Screen readers: the scrolling element is the ARIA grid and keeps the keyboard focus; the
 * selected row is its `aria-activedescendant`. Roving tabindex would move DOM focus onto the
 * row itself, and a focused row that scrolls out of the window unmounts, dropping the focus
 * to <body>; an active descendant only names a row, so the focus stays on the grid whatever
 * the window holds (the reference is left out while the row is not rendered). Every row
 * carries its true `aria-rowindex` and the grid the full `aria-rowcount`, so the position is
 * announced as in the whole list, not in the window. The header row is row 1, as in a
 * native table: data row n is `aria-rowindex` n + 1 of `rowCount` + 1.
 */
export function VirtualGrid<Row>({
  columns,
  rowCount,
  getRow,
  onRangeChange,
  rowHeight = 56,
  selectedIndex,
  onSelect,
  onOpen,
  sort,
  onSort,
  ariaLabel,
  testId,
}: VirtualGridProps<Row>) {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const rowIdPrefix = useId();
  // The header is sticky inside the scroller (the grid must hold its header row and be the
  // element that scrolls, so that the focus, the scrolling and the active row share one
  // element); rows start below it and scrolling to a row keeps it clear of the header.
  const [headerHeight, setHeaderHeight] = useState(0);
  useLayoutEffect(() => {
    setHeaderHeight(header.current?.offsetHeight ?? 0);
  }, [columns]);
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    // Render scrolled-in rows in React's normal batch rather than synchronously inside the
    // scroll event: a fast scroll then costs one render per frame, not one per event.
    useFlushSync: false,
  });
  // Handlers through a ref, so memoised rows do not re-render when the owner passes new closures.
  const handlers = useRef({ onSelect, onOpen });
  handlers.current = { onSelect, onOpen };
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (last >= first) onRangeChange?.(first, last + 1);
  }, [first, last, onRangeChange]);

  const template = columns.map((c) => c.width).join(' ');
  const pageRows = Math.max(
    1,
    Math.floor(((scroller.current?.clientHeight ?? rowHeight * 10) - headerHeight) / rowHeight) - 1,
  );
  const rowId = (index: number) => `${rowIdPrefix}-row-${index}`;
  const activeId =
    selectedIndex !== null && selectedIndex >= first && selectedIndex <= last
      ? rowId(selectedIndex)
      : undefined;

  const move = (index: number) => {
    const clamped = Math.max(0, Math.min(rowCount - 1, index));
    onSelect(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (rowCount === 0) return;
    const current = selectedIndex ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + pageRows,
      PageUp: current - pageRows,
      Home: 0,
      End: rowCount - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      move(target);
    } else if (event.key === 'Enter' && selectedIndex !== null) {
      event.preventDefault();
      onOpen?.(selectedIndex);
    }
  };

  return (
    <div className="vgrid" data-testid={testId}>
      <div
        className="vgrid-body"
        role="grid"
        aria-label={ariaLabel}
        aria-rowcount={rowCount + 1}
        aria-activedescendant={activeId}
        ref={scroller}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div
          className="vgrid-header"
          role="row"
          aria-rowindex={1}
          ref={header}
          style={{ gridTemplateColumns: template }}
        >
          {columns.map((column) => {
            const active = sort?.key === column.sortKey;
            const arrow = active ? (sort?.direction === 'asc' ? ' ▲' : ' ▼') : '';
            return (
              <div
                key={column.id}
                role="columnheader"
                className={column.align === 'end' ? 'num' : undefined}
                aria-sort={
                  active ? (sort?.direction === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {column.sortKey && onSort ? (
                  <button
                    type="button"
                    className="vgrid-sort"
                    onClick={() =>
                      onSort({
                        key: column.sortKey as string,
                        direction: active && sort?.direction === 'desc' ? 'asc' : 'desc',
                      })
                    }
                  >
                    {column.header}
                    {arrow}
                  </button>
                ) : (
                  column.header
                )}
              </div>
            );
          })}
        </div>
        <div
          className="vgrid-rows"
          role="rowgroup"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((item) => (
            <GridRowView
              key={item.key}
              id={rowId(item.index)}
              index={item.index}
              start={item.start - headerHeight}
              row={getRow(item.index)}
              columns={columns}
              template={template}
              rowHeight={rowHeight}
              isSelected={item.index === selectedIndex}
              handlers={handlers}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

interface GridRowViewProps<Row> {
  id: string;
  index: number;
  start: number;
  row: Row | undefined;
  columns: GridColumn<Row>[];
  template: string;
  rowHeight: number;
  isSelected: boolean;
  handlers: { current: Pick<VirtualGridProps<Row>, 'onSelect' | 'onOpen'> };
}

/**
 * One row. Memoised: while scrolling, rows that stay in view keep their props (the row object
 * comes from the owner's page cache, the columns are memoised by the owner), so only the rows
 * that scroll in are rendered.
 */
const GridRowView = memo(function GridRowView<Row>({
  id,
  index,
  start,
  row,
  columns,
  template,
  rowHeight,
  isSelected,
  handlers,
}: GridRowViewProps<Row>) {
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isSelected}
      className="vgrid-row"
      style={{
        gridTemplateColumns: template,
        height: rowHeight,
        transform: `translateY(${start}px)`,
      }}
      onClick={() => handlers.current.onSelect(index)}
      onDoubleClick={() => handlers.current.onOpen?.(index)}
    >
      {row === undefined ? (
        <div className="vgrid-placeholder" role="gridcell">
          …
        </div>
      ) : (
        columns.map((column) => (
          <div
            key={column.id}
            role="gridcell"
            className={column.align === 'end' ? 'num' : undefined}
          >
            {column.cell(row, index)}
          </div>
        ))
      )}
    </div>
  );
}) as <Row>(props: GridRowViewProps<Row>) => ReactNode;
