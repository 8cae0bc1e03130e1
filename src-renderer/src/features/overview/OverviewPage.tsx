import { useEffect } from 'react';
import { api } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount, formatDate, shortHash } from '../../format';
import { valueOf } from '../../stores/load';
import { useRunProgress } from '../../stores/runProgress';
import { hrefOf } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { GettingStarted } from './GettingStarted';

const countLabels = [
  ['datasets', 'Datasets'],
  // Every frozen version's items: next to the table of latest versions, "Items" read as their sum.
  ['items', 'Items in all versions'],
  ['suites', 'Suites'],
  ['runs', 'Runs'],
  ['responses', 'Responses'],
  ['labels', 'Human labels'],
] as const;

export function OverviewPage() {
  const overviewState = useWorkspace((s) => s.overview);
  const info = valueOf(useWorkspace((s) => s.info));
  const refresh = useWorkspace((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // A run's end changes the counts (responses) and its row: re-read them, as the runs list does.
  useEffect(() => api?.on('run.finished', () => void refresh()), [refresh]);
  const live = useRunProgress((s) => s.byId);

  const overview = valueOf(overviewState);
  if (!overview) {
    if (overviewState.status === 'error')
      return <ErrorNotice message={overviewState.message} onRetry={refresh} />;
    return <Loading what="the workspace" />;
  }
  return (
    <div className="page">
      <header className="page-header">
        <h1>Workspace</h1>
        {info && (
          <p className="muted" title="Workspace folder">
            {info.workspaceDir}
          </p>
        )}
      </header>
      {overviewState.status === 'error' && (
        <ErrorNotice message={overviewState.message} onRetry={refresh} />
      )}
      <GettingStarted counts={overview.counts} />
      <section className="stat-grid" aria-label="Workspace counts">
        {countLabels.map(([key, label]) => (
          <div className="stat" key={key} data-testid={`count-${key}`}>
            <div className="stat-value">{formatCount(overview.counts[key])}</div>
            <div className="stat-label">{label}</div>
          </div>
        ))}
      </section>
      <section>
        <h2>Datasets</h2>
        {overview.datasets.length === 0 ? (
          <EmptyState title="No datasets yet">
            <p>
              <a href={hrefOf('datasets', 'import')}>Import a file</a> with the import wizard (CSV,
              JSON Lines, JSON, Parquet or chat logs), or from a terminal with{' '}
              <code>yardstick import FILE --dataset NAME</code>.
            </p>
          </EmptyState>
        ) : (
          <table className="table" data-testid="overview-datasets">
            <thead>
              <tr>
                <th>Name</th>
                <th>Version</th>
                <th className="num">Items</th>
                <th>Content hash</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {overview.datasets.map((dataset) => (
                <tr key={dataset.id}>
                  <td>
                    <a href={hrefOf('datasets', dataset.id)}>{dataset.name}</a>
                  </td>
                  <td>{dataset.latestVersion ? `v${dataset.latestVersion.version}` : '—'}</td>
                  <td className="num" data-testid="dataset-item-count">
                    {dataset.latestVersion ? formatCount(dataset.latestVersion.itemCount) : '—'}
                  </td>
                  <td>
                    <code>
                      {dataset.latestVersion ? shortHash(dataset.latestVersion.contentHash) : '—'}
                    </code>
                  </td>
                  <td>{formatDate(dataset.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Recent runs</h2>
        {overview.recentRuns.length === 0 ? (
          <EmptyState title="No runs yet">
            <p>
              A run sends every item of a suite&apos;s dataset to every model it names. Start one
              from a suite under <a href={hrefOf('suites')}>Suites</a>: check the estimate and press
              “Save and run”.
            </p>
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Suite</th>
                <th>Status</th>
                <th className="num">Cells</th>
                <th>Started</th>
              </tr>
            </thead>
            <tbody>
              {overview.recentRuns.map((run) => {
                // A run executing now shows its live counts, as the runs list does.
                const progress = live[run.id];
                return (
                  <tr key={run.id} data-testid={`overview-run-${run.id}`}>
                    <td>
                      <a href={hrefOf('runs', run.id)}>{run.name}</a>
                    </td>
                    <td>{run.suiteName}</td>
                    <td>{progress?.status ?? run.status}</td>
                    <td className="num">
                      {formatCount(progress?.done ?? run.finishedCellCount)} /{' '}
                      {formatCount(run.cellCount)}
                    </td>
                    <td>{formatDate(run.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
