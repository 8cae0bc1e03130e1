import type { SuiteIssue } from '@contract/index';

/** The core's located problems; clicking one moves the editor's cursor there. */
export function IssueList({
  issues,
  onGoTo,
}: {
  issues: readonly SuiteIssue[];
  onGoTo: (line: number, column: number) => void;
}) {
  if (issues.length === 0) return null;
  return (
    <ul className="su-issues" data-testid="suite-issues" aria-label="Problems">
      {issues.map((issue, i) => (
        <li key={i}>
          <button
            type="button"
            className="link"
            onClick={() => onGoTo(issue.line, issue.column)}
            disabled={issue.line === 0}
          >
            {issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file}
          </button>{' '}
          {issue.path && <code>{issue.path}</code>} {issue.message}
        </li>
      ))}
    </ul>
  );
}
