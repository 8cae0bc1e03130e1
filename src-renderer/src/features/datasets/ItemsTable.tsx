import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount } from '../../format';
import { useDatasets } from '../../stores/datasets';

/** One page of a frozen version's items, with previous/next paging. */
export function ItemsTable({ versionId, pageSize }: { versionId: string; pageSize: number }) {
  const items = useDatasets((s) => s.items);
  const loadItems = useDatasets((s) => s.loadItems);
  useEffect(() => {
    void loadItems(versionId, 0);
  }, [versionId, loadItems]);

  if (items.status === 'error')
    return <ErrorNotice message={items.message} onRetry={() => loadItems(versionId)} />;
  if (items.status !== 'ready' || items.value.versionId !== versionId)
    return <Loading what="items" />;
  const { offset, total } = items.value;
  return (
    <div>
      <table className="table items-table">
        <thead>
          <tr>
            <th className="col-id">Id</th>
            <th>Input</th>
            <th className="col-reference">Reference</th>
            <th className="col-category">Category</th>
            <th className="col-tags">Tags</th>
          </tr>
        </thead>
        <tbody>
          {items.value.items.map((item) => (
            <tr key={item.id}>
              <td className="clip" title={item.key}>
                <code>{item.key}</code>
              </td>
              <td className="clip" title={item.input}>
                {item.inputFormat === 'messages' && <span className="tag">messages</span>}
                {item.hasPersonalData && (
                  <span className="tag ds-personal" title="holds personal data">
                    personal
                  </span>
                )}
                {item.input}
              </td>
              <td className="clip-short" title={item.reference ?? undefined}>
                {item.reference ?? '—'}
              </td>
              <td className="clip" title={item.category ?? undefined}>
                {item.category ?? '—'}
              </td>
              <td title={item.tags.join(', ') || undefined}>
                {item.tags.map((tag) => (
                  <span className="tag" key={tag}>
                    {tag}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => loadItems(versionId, Math.max(0, offset - pageSize))}
        >
          Previous
        </button>
        <span className="muted">
          {formatCount(offset + 1)}–{formatCount(Math.min(offset + pageSize, total))} of{' '}
          {formatCount(total)}
        </span>
        <button
          type="button"
          disabled={offset + pageSize >= total}
          onClick={() => loadItems(versionId, offset + pageSize)}
        >
          Next
        </button>
      </div>
    </div>
  );
}
