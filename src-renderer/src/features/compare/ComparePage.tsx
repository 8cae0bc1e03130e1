import { useEffect, useMemo, useRef, useState, type MutableRefObject, type RefObject } from 'react';
import type { RunSummary } from '@contract/index';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { Panes } from '../../components/Panes';
import { useShortcuts } from '../../shortcuts';
import { useCompare } from '../../stores/compare';
import { useLabeling } from '../../stores/labeling';
import { valueOf } from '../../stores/load';
import { useRuns } from '../../stores/runs';
import { navigate, useUi } from '../../stores/ui';
import { NeedsFinishedRun } from '../runs/NeedsFinishedRun';
import { CompareGrid, type RowStepper } from './CompareGrid';
import { compareHref, parseCompareParams } from './compareRoute';
import { DetailPane } from './DetailPane';
import { FailureModesPanel } from './FailureModesPanel';
import { FilterBar } from './FilterBar';
import { NarrowDetail } from './NarrowDetail';
import { useWidthBelow } from './useWidthBelow';
import './compare.css';

/** Choose a run (and optionally a baseline run) to compare. */
function RunPicker({ runs }: { runs: RunSummary[] }) {
  const [runId, setRunId] = useState(runs[0]?.id ?? '');
  const [baseline, setBaseline] = useState('');
  return (
    <div className="cmp-picker">
      <h1>Compare outputs</h1>
      <p className="muted">
        Pick a run to see its models side by side, or a candidate and a baseline run to find
        regressions.
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (runId) window.location.hash = compareHref(runId, baseline || null);
        }}
      >
        <label>
          Run
          <select value={runId} onChange={(e) => setRunId(e.target.value)}>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.status})
              </option>
            ))}
          </select>
        </label>
        <label>
          Baseline run (optional)
          <select value={baseline} onChange={(e) => setBaseline(e.target.value)}>
            <option value="">none — compare this run’s models</option>
            {runs
              .filter((r) => r.id !== runId)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
        <button type="submit">Compare</button>
      </form>
    </div>
  );
}

/** The compare screen's keys, for the shortcuts sheet: the grid's own and those below. */
const compareShortcuts = [
  { keys: '↑ / ↓', description: 'Previous / next row of the grid' },
  { keys: 'PgUp / PgDn, Home / End', description: 'A page up or down; the first or last row' },
  { keys: 'Enter', description: 'Open the row: its outputs, scores and diff' },
  { keys: 'j / k', description: 'With a row open: the next / previous row' },
  {
    keys: 'Esc',
    description: 'Close the open row (back to the list), or leave the search, back to the grid',
  },
  { keys: '/', description: 'Search the outputs' },
];

/**
 * Below this width of the compare area, a grid and an open row side by side are both too
 * narrow to read (one output column, a 250 px diff): the open row takes the whole area. At
 * 1280 px and wider windows the area is wider than this and the two panes stay.
 */
const NARROW_BELOW_PX = 900;

function useCompareKeys(
  searchRef: RefObject<HTMLInputElement | null>,
  stepRef: MutableRefObject<RowStepper | null>,
) {
  useShortcuts('compare', 'Compare grid', compareShortcuts);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      // Keys typed in the editor are the editor's, and those of a dialog on top (the command
      // palette, the shortcuts sheet) are the dialog's: its Esc must not also close the row.
      if (target?.closest('.monaco-editor, dialog, [role="dialog"]')) return;
      const isTyping =
        target?.tagName === 'INPUT' ||
        target?.tagName === 'TEXTAREA' ||
        target?.tagName === 'SELECT';
      const isPlain = !isTyping && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (event.key === '/' && isPlain) {
        event.preventDefault();
        searchRef.current?.focus();
      } else if ((event.key === 'j' || event.key === 'k') && isPlain) {
        if (!useCompare.getState().openRow) return;
        event.preventDefault();
        stepRef.current?.(event.key === 'j' ? 1 : -1);
      } else if (event.key === 'Escape') {
        if (isTyping && target === searchRef.current) {
          // Back to the grid, where the arrows move.
          document.querySelector<HTMLElement>('.compare-grid .vgrid-body')?.focus();
        } else if (useCompare.getState().openRow) {
          useCompare.getState().closeDetail();
          document.querySelector<HTMLElement>('.compare-grid .vgrid-body')?.focus();
        }
      }
    };
    // Capture phase: a focused widget that stops a key cannot keep Esc or / from working.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [searchRef, stepRef]);
}

function CompareView({
  runId,
  baselineRunId,
  runs,
}: {
  runId: string;
  baselineRunId: string | null;
  runs: RunSummary[];
}) {
  const open = useCompare((s) => s.open);
  const query = useCompare((s) => s.query);
  const metaState = useCompare((s) => s.meta);
  const isDetailOpen = useCompare((s) => s.openRow !== null);
  const setColumnsBy = useCompare((s) => s.setColumnsBy);
  const setBaselineColumn = useCompare((s) => s.setBaselineColumn);
  const modes = useLabeling((s) => s.failureModes);
  const loadModes = useLabeling((s) => s.loadFailureModes);
  const [sortScorer, setSortScorer] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const stepRef = useRef<RowStepper | null>(null);
  useCompareKeys(searchRef, stepRef);
  const [bodyRef, isNarrow] = useWidthBelow(NARROW_BELOW_PX);
  // Back from a narrow window's open row (Esc, the Back button): the keys go to the list again.
  // (Esc's own focus call comes while the grid is still inert, so it is done here, after.)
  const wasDetailOpen = useRef(isDetailOpen);
  useEffect(() => {
    const active = document.activeElement;
    if (wasDetailOpen.current && !isDetailOpen && (!active || active === document.body))
      document.querySelector<HTMLElement>('.compare-grid .vgrid-body')?.focus();
    wasDetailOpen.current = isDetailOpen;
  }, [isDetailOpen]);
  useEffect(() => open(runId, baselineRunId), [open, runId, baselineRunId]);
  useEffect(() => {
    void loadModes();
  }, [loadModes]);
  const meta = valueOf(metaState);
  const modeNames = useMemo(() => new Map(modes.map((m) => [m.id, m.name])), [modes]);
  const scorer = sortScorer ?? meta?.scorerKeys[0] ?? null;
  const run = runs.find((r) => r.id === runId);
  const baseline = baselineRunId ? runs.find((r) => r.id === baselineRunId) : undefined;
  if (!query) return <Loading what="the comparison" />;
  const grid = (
    <div className="cmp-main">
      {metaState.status === 'error' && (
        <ErrorNotice
          message={metaState.message}
          onRetry={() => useCompare.getState().clearFilter()}
        />
      )}
      {meta ? (
        <>
          <FilterBar
            meta={meta}
            filter={query.filter}
            modes={modes}
            sortScorer={scorer}
            onSortScorer={setSortScorer}
            searchRef={searchRef}
          />
          {meta.total === 0 ? (
            <EmptyState
              title={
                meta.unfilteredTotal === 0
                  ? 'This run has no cells'
                  : 'No row matches these filters'
              }
            >
              {meta.unfilteredTotal === 0 ? (
                'Start or resume the run from Runs; its outputs appear here as they arrive.'
              ) : (
                <button type="button" onClick={() => useCompare.getState().clearFilter()}>
                  Clear filters
                </button>
              )}
            </EmptyState>
          ) : null}
        </>
      ) : null}
      <div className="cmp-grid-wrap" hidden={meta?.total === 0}>
        <CompareGrid
          columns={meta?.columns ?? []}
          total={meta?.total ?? 0}
          sortScorer={scorer}
          modeNames={modeNames}
          isCompact={isNarrow === true}
          stepRef={stepRef}
        />
      </div>
      <FailureModesPanel />
    </div>
  );
  return (
    <div className={isNarrow && isDetailOpen ? 'compare-page is-row-focused' : 'compare-page'}>
      <header className="cmp-header">
        <h1>
          {run?.name ?? runId}
          {baseline && <span className="muted"> vs baseline {baseline.name}</span>}
        </h1>
        <div className="inline-form">
          <label>
            Columns
            <select
              value={query.columnsBy}
              onChange={(e) => setColumnsBy(e.target.value === 'prompt' ? 'prompt' : 'model')}
            >
              <option value="model">models</option>
              <option value="prompt">prompt variants</option>
            </select>
          </label>
          {!baselineRunId && meta && meta.columns.length > 1 && (
            <label>
              Baseline column
              <select
                value={query.baselineColumnId ?? meta.columns.find((c) => c.isBaseline)?.id ?? ''}
                onChange={(e) => setBaselineColumn(e.target.value || null)}
              >
                {meta.columns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" onClick={() => navigate('compare')}>
            Other runs…
          </button>
        </div>
        <p className="muted cmp-keys">
          <kbd>↑</kbd>/<kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>/</kbd> search ·{' '}
          <kbd>Esc</kbd> close
        </p>
      </header>
      <div className="cmp-body" ref={bodyRef}>
        {/* Laid out once the width is known, so the grid mounts (and fetches) once. */}
        {isNarrow === null ? null : isNarrow ? (
          // The grid stays mounted (and scrolled) under the open row, so going back is instant.
          <div className="cmp-narrow">
            <div className="cmp-narrow-list" inert={isDetailOpen}>
              {grid}
            </div>
            {isDetailOpen && (
              <NarrowDetail modes={modes} onStep={(delta) => stepRef.current?.(delta)} />
            )}
          </div>
        ) : (
          /* Always two panes, so opening a row never remounts (and re-fetches) the grid. */
          <Panes
            id="compare-panes"
            first={grid}
            second={
              isDetailOpen ? (
                <DetailPane modes={modes} />
              ) : (
                <EmptyState title="No row open">
                  Select a row and press <kbd>Enter</kbd> (or double-click it) to read its outputs
                  in full, diff two of them, see the judge’s reasoning and tag failure modes.
                </EmptyState>
              )
            }
            firstSize={62}
            minSize={20}
          />
        )}
      </div>
    </div>
  );
}

export function ComparePage() {
  const params = useUi((s) => s.route.params);
  const { runId, baselineRunId } = parseCompareParams(params);
  const list = useRuns((s) => s.list);
  const loadList = useRuns((s) => s.loadList);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const runs = valueOf(list) ?? [];
  if (runId) return <CompareView runId={runId} baselineRunId={baselineRunId} runs={runs} />;
  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (list.status !== 'ready') return <Loading what="runs" />;
  if (runs.every((r) => r.finishedCellCount === 0))
    return (
      <NeedsFinishedRun title="Compare outputs side by side">
        Items as rows, models as columns, with scores, filters and a diff of any two outputs.
      </NeedsFinishedRun>
    );
  return <RunPicker runs={runs.filter((r) => r.finishedCellCount > 0)} />;
}
