import type { ImportProblem } from '@contract/index';
import { formatCount } from '../../format';

/** Every problem with its place: file, line, column or field. */
export function ProblemList({ problems, total }: { problems: ImportProblem[]; total: number }) {
  if (problems.length === 0) return null;
  return (
    <div className="ds-problems">
      <table className="table" data-testid="import-problems">
        <thead>
          <tr>
            <th>File</th>
            <th className="num">Line</th>
            <th>Column</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={`${p.file}:${p.line ?? ''}:${i}`}>
              <td className="ds-file" title={p.file}>
                {p.file.split(/[\\/]/).pop()}
              </td>
              <td className="num">{p.line ?? '—'}</td>
              <td>{p.column ? <code>{p.column}</code> : '—'}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > problems.length && (
        <p className="muted">… and {formatCount(total - problems.length)} more problems.</p>
      )}
    </div>
  );
}
