import { useEffect } from 'react';
import type { DatasetItem } from '@contract/index';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount } from '../../format';
import { diffPageSize, useDatasets } from '../../stores/datasets';

function fieldText(item: DatasetItem | null, field: string): string {
  if (!item) return '';
  const value = (item as unknown as Record<string, unknown>)[field];
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const changeSigns = { added: '+', removed: '−', changed: '~' } as const;

/** Added, removed and changed items (by key) between two versions, with the changed fields. */
export function DiffView({
  fromVersionId,
  toVersionId,
}: {
  fromVersionId: string;
  toVersionId: string;
}) {
  const diff = useDatasets((s) => s.diff);
  const loadDiff = useDatasets((s) => s.loadDiff);
  useEffect(() => {
    if (fromVersionId && toVersionId) void loadDiff(fromVersionId, toVersionId);
  }, [fromVersionId, toVersionId, loadDiff]);
  if (diff.status === 'error')
    return (
      <ErrorNotice message={diff.message} onRetry={() => loadDiff(fromVersionId, toVersionId)} />
    );
  if (
    diff.status !== 'ready' ||
    diff.value.fromVersionId !== fromVersionId ||
    diff.value.toVersionId !== toVersionId
  )
    return <Loading what="the differences" />;
  const { counts, entries, total, offset } = diff.value;
  return (
    <div data-testid="diff">
      <p className="ds-diff-counts">
        <span className="ds-added">+{formatCount(counts.added)} added</span>
        <span className="ds-removed">−{formatCount(counts.removed)} removed</span>
        <span className="ds-changed">~{formatCount(counts.changed)} changed</span>
        <span className="muted">{formatCount(counts.unchanged)} unchanged</span>
      </p>
      {entries.length > 0 && (
        <table className="table items-diff">
          <thead>
            <tr>
              <th>
                <span className="visually-hidden">Change</span>
              </th>
              <th>Id</th>
              <th>Field</th>
              <th>Before</th>
              <th>After</th>
            </tr>
          </thead>
          <tbody>
            {entries.flatMap((entry) => {
              const fields = entry.change === 'changed' ? entry.fields : ['input'];
              return fields.map((field, i) => (
                <tr key={`${entry.key}/${field}`} className={`ds-${entry.change}-row`}>
                  <td>{i === 0 ? changeSigns[entry.change] : ''}</td>
                  <td>{i === 0 && <code>{entry.key}</code>}</td>
                  <td>{field}</td>
                  <td className="clip" title={fieldText(entry.before, field)}>
                    {fieldText(entry.before, field)}
                  </td>
                  <td className="clip" title={fieldText(entry.after, field)}>
                    {fieldText(entry.after, field)}
                  </td>
                </tr>
              ));
            })}
          </tbody>
        </table>
      )}
      {total > diffPageSize && (
        <div className="pager">
          <button
            type="button"
            disabled={offset === 0}
            onClick={() => loadDiff(fromVersionId, toVersionId, Math.max(0, offset - diffPageSize))}
          >
            Previous changes
          </button>
          <span className="muted">
            {formatCount(offset + 1)}–{formatCount(Math.min(offset + diffPageSize, total))} of{' '}
            {formatCount(total)}
          </span>
          <button
            type="button"
            disabled={offset + diffPageSize >= total}
            onClick={() => loadDiff(fromVersionId, toVersionId, offset + diffPageSize)}
          >
            Next changes
          </button>
        </div>
      )}
    </div>
  );
}
