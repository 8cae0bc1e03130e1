import { useEffect, useState } from 'react';
import type { RunDetail, RunProgress, RunStatus } from '@contract/index';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, formatDate, formatDuration, formatRate } from '../../format';
import { errorMessage, valueOf } from '../../stores/load';
import { useRunProgress } from '../../stores/runProgress';
import { neighbourOf, useRuns } from '../../stores/runs';
import { hrefOf, navigate } from '../../stores/ui';
import { useShortcuts } from '../../shortcuts';
import { DeleteRunDialog } from './DeleteRunDialog';
import { formatUsd } from './money';
import { RunTitle } from './RunTitle';
import { ModelProgressTable, StoredModelsTable } from './ModelProgressTable';
import { RunResultsSlot } from './RunResultsSlot';
import { useRunDetail } from './useRunDetail';

/** How a run that continues is described where it was stopped rather than paused. */
const resumeHint = 'Continue this run; answered cells are kept';

function Controls({
  run,
  status,
  stopping,
  onChanged,
}: {
  run: RunDetail;
  status: RunStatus;
  /** A pause or cancel the core has been asked for and not finished yet. */
  stopping: RunProgress['stopping'];
  onChanged: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      setError(null);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const canResume =
    status === 'paused' ||
    status === 'cancelled' ||
    status === 'failed' ||
    (status === 'planned' && !run.isActive) ||
    (status === 'running' && !run.isActive);
  // Not paused in this process: resuming starts a new execution of the same run.
  const isContinuation = canResume && status !== 'paused';
  // Controls stay put but wait while the core finishes what was asked.
  const isWaiting = busy || stopping !== undefined;
  return (
    <div className="rn-controls">
      {status === 'running' && run.isActive && (
        <button
          type="button"
          disabled={isWaiting}
          onClick={() => act(() => api!.call('runs.pause', { runId: run.id }))}
        >
          {stopping === 'pausing' ? 'Pausing…' : 'Pause'}
        </button>
      )}
      {canResume && (
        <button
          type="button"
          disabled={isWaiting}
          title={isContinuation ? `Resume — ${resumeHint.toLowerCase()}` : undefined}
          aria-describedby={isContinuation ? `rn-resume-hint-${run.id}` : undefined}
          onClick={() => act(() => api!.call('runs.resume', { runId: run.id }))}
        >
          Resume
        </button>
      )}
      {isContinuation && (
        <span className="muted rn-resume-hint" id={`rn-resume-hint-${run.id}`}>
          {resumeHint}
        </span>
      )}
      {(status === 'running' || status === 'paused') && run.isActive && (
        <button
          type="button"
          className="danger"
          disabled={isWaiting}
          onClick={() => act(() => api!.call('runs.cancel', { runId: run.id }))}
        >
          {stopping === 'cancelling' ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
      {error && <ErrorNotice message={error} />}
    </div>
  );
}

/** One run: live progress while it executes (pause, resume, cancel), then its results. */
export function RunPage({ runId }: { runId: string }) {
  const { state: detail, reload: load, hold: holdReading } = useRunDetail(runId);
  const live = useRunProgress((s) => s.byId[runId]);
  const finished = useRunProgress((s) => s.finishedById[runId]);
  const loadProgress = useRunProgress((s) => s.load);
  useEffect(() => {
    void loadProgress(runId);
  }, [loadProgress, runId]);
  // The stored detail (status, per-model results) is re-read when an execution pauses, resumes or ends.
  const liveStatus = live?.status;
  useEffect(() => {
    if (finished || liveStatus) load();
  }, [finished, liveStatus, load]);
  // Renamed or deleted elsewhere (another window, the CLI through the same server).
  useEffect(
    () =>
      api?.on('workspace.changed', (e) => {
        if (e.domain === 'runs') load();
      }),
    [load],
  );
  const [isRenaming, setRenaming] = useState(false);
  const [isDeleting, setDeleting] = useState(false);
  useShortcuts('run-page', 'Run page', [
    {
      keys: 'F2',
      description: 'Rename this run (Enter saves, Esc cancels)',
      matches: (e) => e.key === 'F2' && !e.ctrlKey && !e.metaKey && !e.altKey,
      run: () => setRenaming(true),
    },
  ]);
  // The runs list, read once: after a deletion here the list selects this run's neighbour.
  useEffect(() => {
    if (useRuns.getState().list.status === 'idle') void useRuns.getState().loadList();
  }, []);
  const onDeleted = () => {
    // Back to the list, on the run that took this one's place.
    const runs = valueOf(useRuns.getState().list) ?? [];
    useRuns.getState().select(neighbourOf(runs, runId));
    navigate('runs');
  };

  if (detail.status === 'gone')
    return (
      <div className="page">
        <EmptyState title="This run was deleted" level={1}>
          <p>
            It was deleted in another window or with the command line, or this address never named a
            run.
          </p>
          <p>
            <a href={hrefOf('runs')}>Back to the runs</a>
          </p>
        </EmptyState>
      </div>
    );
  if (detail.status === 'error')
    return (
      <div className="page">
        <ErrorNotice message={detail.message} onRetry={load} />
        <a href={hrefOf('runs')}>Back to the runs</a>
      </div>
    );
  if (detail.status !== 'ready') return <Loading what="the run" />;
  const run = detail.value;
  const isLive = run.isActive && live !== undefined;
  const status = isLive ? live.status : run.status;
  const stopping = isLive ? live.stopping : undefined;
  return (
    <div className="page rn-page">
      <header className="page-header">
        <p className="meta">
          <a href={hrefOf('runs')}>Runs</a> /
        </p>
        <div className="rn-heading">
          <RunTitle
            runId={run.id}
            name={run.name}
            isEditing={isRenaming}
            onEditingChange={setRenaming}
            onRenamed={load}
          />
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            Delete run…
          </button>
        </div>
        <p className="meta">
          suite <a href={hrefOf('suites', run.suiteId)}>{run.suiteName}</a> · dataset{' '}
          {run.datasetName} · created {formatDate(run.createdAt)}
        </p>
      </header>
      <div className="rn-summary">
        <span
          className={`rn-status rn-${stopping ?? status}`}
          data-testid="run-status"
          aria-live="polite"
        >
          {stopping ? `${stopping}…` : status}
        </span>
        <div className="rn-overall">
          {isLive ? (
            <>
              <ProgressBar done={live.done} total={live.total} label="Run progress" />
              <div className="rn-figures" data-testid="run-figures">
                <span>
                  {formatCount(live.done)} / {formatCount(live.total)} cells
                </span>
                {live.throughputPerSec !== null && (
                  <span>{formatRate(live.throughputPerSec)} cells/s</span>
                )}
                {live.etaMs !== null && <span>{formatDuration(live.etaMs)} left</span>}
                <span>elapsed {formatDuration(live.elapsedMs)}</span>
                <span>{formatCount(live.errors)} errors</span>
                <span>
                  {live.costUsd === null ? 'cost: unpriced' : `spent ${formatUsd(live.costUsd)}`}
                </span>
              </div>
            </>
          ) : (
            <>
              <ProgressBar
                done={run.finishedCellCount}
                total={run.cellCount}
                label="Run progress"
              />
              <div className="rn-figures" data-testid="run-figures">
                <span>
                  {formatCount(run.finishedCellCount)} / {formatCount(run.cellCount)} cells
                </span>
                {run.finishedAt && <span>finished {formatDate(run.finishedAt)}</span>}
              </div>
            </>
          )}
        </div>
        <Controls run={run} status={status} stopping={stopping} onChanged={load} />
      </div>
      {run.error && <ErrorNotice message={run.error} />}
      {isLive ? <ModelProgressTable progress={live} /> : <StoredModelsTable models={run.models} />}
      {isLive && live.providers.length > 0 && (
        <p className="muted rn-lanes">
          {live.providers.map((p) => (
            <span key={p.key}>
              {p.key}: {p.inFlight}/{p.concurrency} in flight
              {p.circuit !== 'closed' ? ` · circuit ${p.circuit}` : ''}
              {p.isPausedByProvider ? ' · waiting for the rate limit' : ''}
            </span>
          ))}
        </p>
      )}
      {status === 'completed' && <RunResultsSlot runId={run.id} />}
      {isDeleting && (
        <DeleteRunDialog
          runId={run.id}
          onClose={() => setDeleting(false)}
          onDeletingChange={holdReading}
          onDeleted={onDeleted}
        />
      )}
    </div>
  );
}
