import { useEffect, useRef, useState } from 'react';
import type { RunRemoved } from '@contract/index';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, formatDate } from '../../format';
import { valueOf } from '../../stores/load';
import { useRunProgress } from '../../stores/runProgress';
import { neighbourOf, useRuns } from '../../stores/runs';
import { hrefOf, navigate, useUi } from '../../stores/ui';
import { useShortcuts } from '../../shortcuts';
import { DeleteRunDialog } from './DeleteRunDialog';
import { InterruptedRunDeletions } from './InterruptedRunDeletions';
import { RunNameField } from './RunNameField';
import { RunPage } from './RunPage';
import './runs.css';

/** Whether a dialog (palette, shortcuts sheet, a confirmation) has the keys now. */
function isDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

const plainKey = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;

/** Enter on a link or button does what that control does; elsewhere it opens the selection. */
const isOnControl = (e: KeyboardEvent) =>
  e.target instanceof Element && e.target.closest('a, button, summary') !== null;

/** The run's link: what the keyboard focus rests on while a run is selected. */
const focusRow = (row: HTMLTableRowElement | undefined) => row?.querySelector('a')?.focus();

function RunsList() {
  const list = useRuns((s) => s.list);
  const loadList = useRuns((s) => s.loadList);
  const selectedId = useRuns((s) => s.selectedId);
  const select = useRuns((s) => s.select);
  const live = useRunProgress((s) => s.byId);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const [renamingId, setRenamingId] = useState<string | null>(null);
  const rowRefs = useRef(new Map<string, HTMLTableRowElement>());
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const runs = valueOf(list);
  // The selection stays on its run; a run gone from the list hands it to the first.
  const selected = runs?.find((r) => r.id === selectedId)?.id ?? runs?.[0]?.id ?? null;

  // The focused run was deleted (from this list, or from its page, which brought us here), or
  // its rename field closed: the selected run takes the focus, so the keyboard carries on from
  // the list, not the page top.
  useEffect(() => {
    if (selected && (!document.activeElement || document.activeElement === document.body))
      focusRow(rowRefs.current.get(selected));
  }, [selected, runs, renamingId]);

  const move = (step: number) => {
    if (!runs?.length) return;
    const at = runs.findIndex((r) => r.id === selected);
    const next = runs[Math.min(runs.length - 1, Math.max(0, at + step))];
    if (!next) return;
    select(next.id);
    focusRow(rowRefs.current.get(next.id));
  };
  useShortcuts('runs-list', 'Runs list', [
    {
      keys: '↑ / ↓',
      description: 'Select the previous / next run',
      matches: (e) =>
        (e.key === 'ArrowUp' || e.key === 'ArrowDown') && plainKey(e) && !isDialogOpen(),
      run: (e) => move(e.key === 'ArrowUp' ? -1 : 1),
    },
    {
      keys: 'Enter',
      description: 'Open the selected run',
      matches: (e) =>
        e.key === 'Enter' && plainKey(e) && !isDialogOpen() && !isOnControl(e) && !!selected,
      run: () => selected && navigate('runs', selected),
    },
    {
      keys: 'F2',
      description: 'Rename the selected run (Enter saves, Esc cancels)',
      matches: (e) => e.key === 'F2' && plainKey(e) && !isDialogOpen() && selected !== null,
      run: () => setRenamingId(selected),
    },
    {
      keys: 'Delete',
      description: 'Delete the selected run… (asks first)',
      matches: (e) => e.key === 'Delete' && plainKey(e) && !isDialogOpen() && selected !== null,
      run: () => setDeletingId(selected),
    },
  ]);

  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (!runs) return <Loading what="runs" />;
  if (runs.length === 0) {
    return (
      <div className="page">
        <header className="page-header">
          <h1>Runs</h1>
        </header>
        <InterruptedRunDeletions />
        <EmptyState title="No runs yet">
          <p>
            A run sends every item of a suite&apos;s dataset to every model the suite names, and
            records outputs, tokens, latency and cost.
          </p>
          <p>
            Open a suite under <a href={hrefOf('suites')}>Suites</a>, check the estimate and press
            “Save and run”.
          </p>
        </EmptyState>
      </div>
    );
  }
  const onDeleted = (removed: RunRemoved) => {
    // The neighbour of the run that went takes the selection (and the focus).
    const next = neighbourOf(runs, removed.runId);
    select(next);
    setDeletingId(null);
    void loadList().then(() => {
      if (next) focusRow(rowRefs.current.get(next));
    });
  };
  return (
    <div className="page">
      <header className="page-header">
        <h1>Runs</h1>
        <p className="muted">
          Select a run with ↑ / ↓, open it with Enter, rename it with F2, delete it with the Delete
          key.
        </p>
      </header>
      <InterruptedRunDeletions />
      <table className="table rn-list" data-testid="runs-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Suite</th>
            <th>Dataset</th>
            <th>Status</th>
            <th className="rn-bar-col">Cells done</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            // A run executing now shows its live counts; others what the list read from SQLite.
            const progress = live[run.id];
            const done = progress?.done ?? run.finishedCellCount;
            const status = progress?.status ?? run.status;
            const isSelected = run.id === selected;
            return (
              <tr
                key={run.id}
                ref={(row) => {
                  if (row) rowRefs.current.set(run.id, row);
                  else rowRefs.current.delete(run.id);
                }}
                data-testid={`run-row-${run.id}`}
                className={isSelected ? 'rn-selected' : undefined}
                aria-current={isSelected ? 'true' : undefined}
                onClick={() => select(run.id)}
                onFocus={() => select(run.id)}
              >
                <td>
                  {run.id === renamingId ? (
                    <RunNameField
                      runId={run.id}
                      name={run.name}
                      onDone={() => setRenamingId(null)}
                      onRenamed={() => void loadList()}
                    />
                  ) : (
                    <a href={hrefOf('runs', run.id)}>{run.name}</a>
                  )}
                </td>
                <td>{run.suiteName}</td>
                <td>{run.datasetName}</td>
                <td>
                  <span className={`rn-status rn-${status}`}>{status}</span>
                </td>
                <td className="rn-bar-col">
                  <ProgressBar done={done} total={run.cellCount} label={`${run.name} progress`} />
                  <span className="muted">
                    {formatCount(done)} / {formatCount(run.cellCount)}
                  </span>
                </td>
                <td>{formatDate(run.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {deletingId && (
        <DeleteRunDialog
          runId={deletingId}
          onClose={() => setDeletingId(null)}
          onDeleted={onDeleted}
        />
      )}
    </div>
  );
}

/** `#/runs` lists runs; `#/runs/<runId>` is one run's page. */
export function RunsPage() {
  const runId = useUi((s) => s.route.params[0]);
  return runId ? <RunPage key={runId} runId={runId} /> : <RunsList />;
}
