import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount, formatDate, shortHash } from '../../format';
import { pageSize, useDatasets } from '../../stores/datasets';
import { hrefOf, useUi } from '../../stores/ui';
import { ItemsTable } from './ItemsTable';

export function DatasetsPage() {
  const list = useDatasets((s) => s.list);
  const loadList = useDatasets((s) => s.loadList);
  const selectedId = useUi((s) => s.route.params[0]);
  useEffect(() => {
    void loadList();
  }, [loadList]);

  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (list.status !== 'ready') return <Loading what="datasets" />;
  if (list.value.length === 0) {
    return (
      <EmptyState title="No datasets yet">
        Import a CSV, JSONL or Parquet file with <code>yardstick import FILE --dataset NAME</code>.
      </EmptyState>
    );
  }
  const selected = list.value.find((d) => d.id === selectedId) ?? list.value[0];
  return (
    <div className="page split">
      <aside className="list-pane" aria-label="Datasets">
        <ul className="select-list">
          {list.value.map((dataset) => (
            <li key={dataset.id}>
              <a
                href={hrefOf('datasets', dataset.id)}
                aria-current={dataset.id === selected?.id ? 'true' : undefined}
              >
                <span>{dataset.name}</span>
                <span className="muted">
                  {dataset.latestVersion
                    ? `${formatCount(dataset.latestVersion.itemCount)} items`
                    : 'empty'}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </aside>
      {selected && (
        <section className="detail-pane">
          <header className="page-header">
            <h1>{selected.name}</h1>
            {selected.description && <p className="muted">{selected.description}</p>}
            {selected.latestVersion && (
              <p className="meta">
                v{selected.latestVersion.version} · {formatCount(selected.latestVersion.itemCount)}{' '}
                items · hash{' '}
                <code title={selected.latestVersion.contentHash}>
                  {shortHash(selected.latestVersion.contentHash)}
                </code>{' '}
                · frozen {formatDate(selected.latestVersion.createdAt)}
              </p>
            )}
          </header>
          {selected.latestVersion ? (
            <ItemsTable versionId={selected.latestVersion.id} pageSize={pageSize} />
          ) : (
            <EmptyState title="No frozen version">
              Import items into this dataset to freeze a first version.
            </EmptyState>
          )}
        </section>
      )}
    </div>
  );
}
