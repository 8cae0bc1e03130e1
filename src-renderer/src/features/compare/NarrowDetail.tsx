import { useEffect, useRef } from 'react';
import type { FailureMode } from '@contract/routes/labelingSchemas';
import { useCompare } from '../../stores/compare';
import { valueOf } from '../../stores/load';
import { DetailPane } from './DetailPane';

interface NarrowDetailProps {
  modes: FailureMode[];
  /** Moves the open row (the grid's stepper): −1 previous, +1 next. */
  onStep: (delta: number) => void;
}

/**
 * The open row in a narrow window: it takes the whole main area (beside a grid, both would be
 * too narrow to read), with a way back to the list and to the neighbouring rows.
 */
export function NarrowDetail({ modes, onStep }: NarrowDetailProps) {
  const close = useCompare((s) => s.closeDetail);
  const openRow = useCompare((s) => s.openRow);
  const index = useCompare((s) => s.selectedIndex);
  const total = useCompare((s) => valueOf(s.meta)?.total ?? 0);
  const body = useRef<HTMLDivElement>(null);
  // Opened from the (now covered) grid: the keys go to the text, where ↑/↓ and PgUp/PgDn scroll.
  useEffect(() => body.current?.focus({ preventScroll: true }), []);
  // Another row: read it from its start.
  useEffect(() => {
    if (body.current) body.current.scrollTop = 0;
  }, [openRow]);
  return (
    <div className="cmp-focus" data-testid="compare-focus">
      <nav className="cmp-focus-bar" aria-label="Open row">
        <button type="button" onClick={close} aria-keyshortcuts="Escape" title="Esc">
          ← Back to list
        </button>
        <span className="muted" data-testid="compare-focus-position">
          {index === null ? '' : `Row ${index + 1} of ${total}`}
        </span>
        <button
          type="button"
          onClick={() => onStep(-1)}
          disabled={index === null || index <= 0}
          aria-keyshortcuts="k"
          title="k"
        >
          ↑ Previous
        </button>
        <button
          type="button"
          onClick={() => onStep(1)}
          disabled={index === null || index >= total - 1}
          aria-keyshortcuts="j"
          title="j"
        >
          ↓ Next
        </button>
        <span className="muted cmp-focus-keys">
          <kbd>Esc</kbd> back · <kbd>k</kbd>/<kbd>j</kbd> previous/next
        </span>
      </nav>
      <div className="cmp-focus-body" ref={body} tabIndex={-1}>
        <DetailPane modes={modes} />
      </div>
    </div>
  );
}
