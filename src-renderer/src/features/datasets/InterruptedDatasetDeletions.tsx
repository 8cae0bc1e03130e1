import { api } from '../../api/client';
import { useCoreQuery } from '../../api/useCoreQuery';
import { InterruptedDeletions, useReloadOnChange } from '../../components/InterruptedDeletions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useDatasets } from '../../stores/datasets';

/**
 * Datasets (or versions) whose deletion stopped part way, in the datasets list: not readable
 * (part of their items are gone), never silently hidden either — "Deletion interrupted", and a
 * "Finish deleting" button.
 */
export function InterruptedDatasetDeletions() {
  const { state, reload } = useCoreQuery('datasets.interruptedDeletions', {});
  const loadList = useDatasets((s) => s.loadList);
  useReloadOnChange('datasets', reload);
  if (state.status === 'error') return <ErrorNotice message={state.message} onRetry={reload} />;
  const entries = (state.status === 'ready' ? state.value : []).map((d) => ({
    id: d.datasetId,
    title: d.removesDataset
      ? `Dataset “${d.datasetName}”`
      : `${d.versions.length === 1 ? 'Version' : 'Versions'} ${d.versions.join(', ')} of “${d.datasetName}”`,
    left: d.itemsLeft,
    startedAt: d.removalStartedAt,
    jobKind: 'datasets.delete',
    jobSubject: `dataset ${d.datasetId}`,
  }));
  return (
    <InterruptedDeletions
      entries={entries}
      unit={['item', 'items']}
      testId="interrupted-datasets"
      finish={async (datasetId) => {
        await api!.call('datasets.finishDelete', { datasetId });
        void loadList();
      }}
      reload={reload}
    />
  );
}
