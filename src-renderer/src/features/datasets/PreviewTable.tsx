import type { ImportPreview } from '@contract/index';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The first records exactly as read, before any mapping. */
export function PreviewTable({ preview }: { preview: ImportPreview }) {
  if (preview.rows.length === 0) return <p className="muted">No records read.</p>;
  return (
    <div className="ds-scroll">
      <table className="table ds-preview" data-testid="import-preview">
        <thead>
          <tr>
            <th className="num">Line</th>
            {preview.columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line}>
              <td className="num">{row.line}</td>
              {preview.columns.map((c) => (
                <td key={c} className="clip" title={cell(row.values[c])}>
                  {cell(row.values[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
