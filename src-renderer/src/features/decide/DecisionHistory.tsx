import type { Decision } from '@contract/routes/scoring';
import { formatDate } from '../../format';
import { formatFigure } from '../results/formatFigures';
import { verdictLabels } from './verdicts';

/** Every decision recorded for the run, newest first (append-only: the audit trail). */
export function DecisionHistory({
  decisions,
  selectedId,
  onSelect,
}: {
  decisions: Decision[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  if (decisions.length === 0)
    return (
      <p className="muted">
        No decision recorded for this run yet: press “Record decision” under a candidate.
      </p>
    );
  return (
    <table className="table decide-history" data-testid="decision-history">
      <thead>
        <tr>
          <th>When</th>
          <th>Model</th>
          <th>Baseline</th>
          <th>Verdict</th>
          <th className="num">Score</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((d) => (
          <tr
            key={d.id}
            className={d.id === selectedId ? 'selected' : undefined}
            aria-selected={d.id === selectedId}
            tabIndex={0}
            onClick={() => onSelect(d.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(d.id);
              }
            }}
          >
            <td>{formatDate(d.createdAt)}</td>
            <td>{d.modelKey ?? '—'}</td>
            <td>
              {d.baselineRunId
                ? `${d.baselineRunId}${d.baselineModel ? ` · ${d.baselineModel}` : ''}`
                : '—'}
            </td>
            <td>
              <span className={`verdict-badge verdict-${d.verdict}`}>
                {verdictLabels[d.verdict]}
              </span>
            </td>
            <td className="num">{formatFigure(d.weightedScore, 'score')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
