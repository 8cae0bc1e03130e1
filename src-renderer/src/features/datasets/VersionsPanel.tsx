import { useEffect, useState } from 'react';
import type { DatasetRemoved, DatasetSummary, DatasetVersionSummary } from '@contract/index';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount, formatDate, shortHash } from '../../format';
import { useDatasets } from '../../stores/datasets';
import { DeleteDatasetDialog } from './DeleteDatasetDialog';
import { DiffView } from './DiffView';

/**
 * Every frozen version of a dataset, and the difference between any two of them; each row
 * has "Delete version…".
 */
export function VersionsPanel({
  dataset,
  onVersionDeleted,
}: {
  dataset: DatasetSummary;
  onVersionDeleted: (removed: DatasetRemoved) => void;
}) {
  const versions = useDatasets((s) => s.versions);
  const loadVersions = useDatasets((s) => s.loadVersions);
  const [pair, setPair] = useState<{ from: string; to: string } | null>(null);
  const [deleting, setDeleting] = useState<DatasetVersionSummary | null>(null);
  useEffect(() => {
    void loadVersions(dataset.id);
  }, [dataset.id, dataset.latestVersion?.id, loadVersions]);

  if (versions.status === 'error')
    return <ErrorNotice message={versions.message} onRetry={() => loadVersions(dataset.id)} />;
  if (versions.status !== 'ready' || versions.value.datasetId !== dataset.id)
    return <Loading what="versions" />;
  const list = versions.value.list;
  const numberOf = new Map(list.map((v) => [v.id, v.version]));
  const from = pair?.from ?? list[1]?.id ?? list[0]?.id ?? '';
  const to = pair?.to ?? list[0]?.id ?? '';
  return (
    <div>
      <table className="table" data-testid="versions">
        <thead>
          <tr>
            <th>Version</th>
            <th className="num">Items</th>
            <th>Content hash</th>
            <th>Parent</th>
            <th>Frozen</th>
            <th>Note</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.map((v) => (
            <tr key={v.id}>
              <td>v{v.version}</td>
              <td className="num">{formatCount(v.itemCount)}</td>
              <td>
                <code title={v.contentHash}>{shortHash(v.contentHash)}</code>
              </td>
              <td>
                {v.parentId
                  ? numberOf.has(v.parentId)
                    ? `v${numberOf.get(v.parentId)}`
                    : 'another dataset'
                  : '—'}
              </td>
              <td>{formatDate(v.createdAt)}</td>
              <td>{v.note ?? ''}</td>
              <td>
                <button
                  type="button"
                  className="danger ds-delete-button"
                  aria-label={`Delete version v${v.version}…`}
                  onClick={() => setDeleting(v)}
                >
                  Delete version…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length > 1 ? (
        <>
          <h2>Compare versions</h2>
          <div className="inline-form">
            <label>
              From
              <select
                aria-label="From version"
                value={from}
                onChange={(e) => setPair({ from: e.target.value, to })}
              >
                {list.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              To
              <select
                aria-label="To version"
                value={to}
                onChange={(e) => setPair({ from, to: e.target.value })}
              >
                {list.map((v) => (
                  <option key={v.id} value={v.id}>
                    v{v.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <DiffView fromVersionId={from} toVersionId={to} />
        </>
      ) : (
        <p className="muted">
          One version so far. Edits, samples, splits, de-duplication and redaction write new
          versions; compare them here.
        </p>
      )}
      {deleting && (
        <DeleteDatasetDialog
          target={{ versionId: deleting.id }}
          datasetId={dataset.id}
          onClose={() => setDeleting(null)}
          onDeleted={(removed) => {
            setDeleting(null);
            // The compared pair may name the deleted version: back to the newest two.
            setPair(null);
            onVersionDeleted(removed);
          }}
        />
      )}
    </div>
  );
}
