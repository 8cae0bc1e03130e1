import type { ImportProblem } from '@contract/index';
import { formatCount } from '../../format';
import type { WizardDraft } from './importTypes';

/**
 * Every problem with its place: file, line, column or field. With the wizard's draft, the
 * file it reads is called by the name the user picked (an upload is stored under a random
 * prefix that means nothing to them).
 */
export function ProblemList({
  problems,
  total,
  draft,
}: {
  problems: ImportProblem[];
  total: number;
  draft?: Pick<WizardDraft, 'path' | 'fileName'>;
}) {
  if (problems.length === 0) return null;
  const shownName = (file: string) =>
    draft && file === draft.path ? draft.fileName : file.split(/[\\/]/).pop();
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
                {shownName(p.file)}
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
