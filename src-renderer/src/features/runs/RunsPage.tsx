import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, formatDate } from '../../format';
import { valueOf } from '../../stores/load';
import { useRunProgress } from '../../stores/runProgress';
import { useRuns } from '../../stores/runs';
import { hrefOf, useUi } from '../../stores/ui';
import { RunPage } from './RunPage';
import './runs.css';

function RunsList() {
  const list = useRuns((s) => s.list);
  const loadList = useRuns((s) => s.loadList);
  const live = useRunProgress((s) => s.byId);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  const runs = valueOf(list);
  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (!runs) return <Loading what="runs" />;
  if (runs.length === 0) {
    return (
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
    );
  }
  return (
    <div className="page">
      <header className="page-header">
        <h1>Runs</h1>
      </header>
      <table className="table" data-testid="runs-table">
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
            return (
              <tr key={run.id}>
                <td>
                  <a href={hrefOf('runs', run.id)}>{run.name}</a>
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
    </div>
  );
}

/** `#/runs` lists runs; `#/runs/<runId>` is one run's page. */
export function RunsPage() {
  const runId = useUi((s) => s.route.params[0]);
  return runId ? <RunPage key={runId} runId={runId} /> : <RunsList />;
}
