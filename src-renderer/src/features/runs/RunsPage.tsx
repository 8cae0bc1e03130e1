import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount, formatDate } from '../../format';
import { useRuns } from '../../stores/runs';

export function RunsPage() {
  const list = useRuns((s) => s.list);
  const loadList = useRuns((s) => s.loadList);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (list.status !== 'ready') return <Loading what="runs" />;
  if (list.value.length === 0) {
    return (
      <EmptyState title="No runs yet">
        A run sends every item of a suite&apos;s dataset to every model the suite names, and records
        outputs, tokens, latency and cost.
      </EmptyState>
    );
  }
  return (
    <div className="page">
      <header className="page-header">
        <h1>Runs</h1>
      </header>
      <table className="table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Suite</th>
            <th>Dataset</th>
            <th>Status</th>
            <th className="num">Cells done</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {list.value.map((run) => (
            <tr key={run.id}>
              <td>{run.name}</td>
              <td>{run.suiteName}</td>
              <td>{run.datasetName}</td>
              <td>{run.status}</td>
              <td className="num">
                {formatCount(run.finishedCellCount)} / {formatCount(run.cellCount)}
              </td>
              <td>{formatDate(run.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
