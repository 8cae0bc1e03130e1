import { useEffect, useState } from 'react';
import type { DatasetSummary } from '@contract/index';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount, formatDate, shortHash } from '../../format';
import { bindDatasetEvents, pageSize, useDatasets } from '../../stores/datasets';
import { valueOf } from '../../stores/load';
import { hrefOf, navigate, useUi } from '../../stores/ui';
import { DeleteDatasetDialog } from './DeleteDatasetDialog';
import { InterruptedDatasetDeletions } from './InterruptedDatasetDeletions';
import { ImportWizard } from './ImportWizard';
import { ItemsTable } from './ItemsTable';
import { PrivacyPanel } from './PrivacyPanel';
import { VersionsPanel } from './VersionsPanel';

const tabs = [
  { id: 'items', label: 'Items' },
  { id: 'versions', label: 'Versions' },
  { id: 'privacy', label: 'Privacy' },
] as const;
type Tab = (typeof tabs)[number]['id'];

/** The dataset shown after `gone` is deleted: the next in the list, else the one before. */
function neighbourOf(list: readonly DatasetSummary[], gone: string): string | null {
  const at = list.findIndex((d) => d.id === gone);
  const rest = list.filter((d) => d.id !== gone);
  return (rest[Math.min(Math.max(at, 0), rest.length - 1)] ?? null)?.id ?? null;
}

/** After a deletion: fresh lists, and a neighbour selected when the dataset itself went. */
function afterDeletion(datasetId: string, datasetDeleted: boolean) {
  const state = useDatasets.getState();
  if (datasetDeleted) {
    const next = neighbourOf(valueOf(state.list) ?? [], datasetId);
    if (next) navigate('datasets', next);
    else navigate('datasets');
  }
  void state.loadList();
  if (!datasetDeleted) void state.loadVersions(datasetId);
}

function DatasetDetail({ dataset, tab }: { dataset: DatasetSummary; tab: Tab }) {
  const latest = dataset.latestVersion;
  const [isDeleting, setDeleting] = useState(false);
  return (
    <section className="detail-pane">
      <header className="page-header">
        <div className="ds-heading">
          <h1>{dataset.name}</h1>
          <button
            type="button"
            className="danger ds-delete-button"
            onClick={() => setDeleting(true)}
          >
            Delete dataset…
          </button>
        </div>
        {dataset.description && <p className="muted">{dataset.description}</p>}
        {latest && (
          <p className="meta">
            v{latest.version} · {formatCount(latest.itemCount)} items · hash{' '}
            <code title={latest.contentHash}>{shortHash(latest.contentHash)}</code> · frozen{' '}
            {formatDate(latest.createdAt)}
            {dataset.isPersonal && (
              <span
                className={dataset.allowCloud ? 'tag' : 'tag ds-personal'}
                data-testid="personal-badge"
              >
                {dataset.allowCloud ? 'personal · cloud allowed' : 'personal data'}
              </span>
            )}
          </p>
        )}
        <nav className="ds-tabs" aria-label="Dataset views">
          {tabs.map((t) => (
            <a
              key={t.id}
              href={hrefOf('datasets', dataset.id, t.id)}
              aria-current={t.id === tab ? 'page' : undefined}
            >
              {t.label}
            </a>
          ))}
        </nav>
      </header>
      {!latest ? (
        <EmptyState title="No frozen version">
          Import items into this dataset to freeze a first version.
        </EmptyState>
      ) : tab === 'versions' ? (
        <VersionsPanel
          dataset={dataset}
          onVersionDeleted={(removed) => afterDeletion(dataset.id, removed.removesDataset)}
        />
      ) : tab === 'privacy' ? (
        <PrivacyPanel dataset={dataset} versionId={latest.id} />
      ) : (
        <ItemsTable versionId={latest.id} pageSize={pageSize} />
      )}
      {isDeleting && (
        <DeleteDatasetDialog
          target={{ datasetId: dataset.id }}
          datasetId={dataset.id}
          onClose={() => setDeleting(false)}
          onDeleted={(removed) => {
            setDeleting(false);
            afterDeletion(dataset.id, removed.removesDataset);
          }}
        />
      )}
    </section>
  );
}

export function DatasetsPage() {
  const listState = useDatasets((s) => s.list);
  const loadList = useDatasets((s) => s.loadList);
  const [selectedId, tabParam] = useUi((s) => s.route.params);
  useEffect(() => {
    void loadList();
    return bindDatasetEvents();
  }, [loadList]);

  const list = valueOf(listState);
  if (!list) {
    if (listState.status === 'error')
      return <ErrorNotice message={listState.message} onRetry={loadList} />;
    return <Loading what="datasets" />;
  }
  const importing = selectedId === 'import';
  if (list.length === 0 && !importing) {
    return (
      <>
        <InterruptedDatasetDeletions />
        <EmptyState title="No datasets yet">
          <p>
            <a href={hrefOf('datasets', 'import')}>Import a file</a> (CSV, JSON Lines, JSON, Parquet
            or chat logs), or use <code>yardstick import FILE --dataset NAME</code>.
          </p>
        </EmptyState>
      </>
    );
  }
  const selected = importing ? undefined : (list.find((d) => d.id === selectedId) ?? list[0]);
  const tab: Tab = tabs.find((t) => t.id === tabParam)?.id ?? 'items';
  return (
    <div className="page split">
      <aside className="list-pane" aria-label="Datasets">
        <a
          className="ds-import-link"
          href={hrefOf('datasets', 'import')}
          aria-current={importing ? 'true' : undefined}
        >
          Import…
        </a>
        <ul className="select-list">
          {list.map((dataset) => (
            <li key={dataset.id}>
              <a
                href={hrefOf('datasets', dataset.id)}
                aria-current={dataset.id === selected?.id ? 'true' : undefined}
              >
                <span>
                  {dataset.name}
                  {dataset.isPersonal && !dataset.allowCloud && (
                    <span
                      className="ds-dot"
                      title="holds personal data"
                      aria-label="personal data"
                    />
                  )}
                </span>
                <span className="muted">
                  {dataset.latestVersion
                    ? `v${dataset.latestVersion.version} · ${formatCount(dataset.latestVersion.itemCount)} items`
                    : 'empty'}
                </span>
              </a>
            </li>
          ))}
        </ul>
        <InterruptedDatasetDeletions />
      </aside>
      {importing ? <ImportWizard /> : selected && <DatasetDetail dataset={selected} tab={tab} />}
    </div>
  );
}
