import { api } from '../../api/client';
import { useCoreQuery } from '../../api/useCoreQuery';
import { InterruptedDeletions, useReloadOnChange } from '../../components/InterruptedDeletions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useRuns } from '../../stores/runs';

/**
 * Runs whose deletion stopped part way, above the runs list: not readable (half their cells are
 * gone), never silently hidden either — "Deletion interrupted", and a "Finish deleting" button.
 */
export function InterruptedRunDeletions() {
  const { state, reload } = useCoreQuery('runs.interruptedDeletions', {});
  const loadList = useRuns((s) => s.loadList);
  useReloadOnChange('runs', reload);
  if (state.status === 'error') return <ErrorNotice message={state.message} onRetry={reload} />;
  const entries = (state.status === 'ready' ? state.value : []).map((run) => ({
    id: run.runId,
    title: `Run “${run.runName}”`,
    left: run.cellsLeft,
    startedAt: run.removalStartedAt,
    jobKind: 'runs.delete',
    jobSubject: `run ${run.runId}`,
  }));
  return (
    <InterruptedDeletions
      entries={entries}
      unit={['cell', 'cells']}
      testId="interrupted-runs"
      finish={async (runId) => {
        await api!.call('runs.finishDelete', { runId });
        void loadList();
      }}
      reload={reload}
    />
  );
}
