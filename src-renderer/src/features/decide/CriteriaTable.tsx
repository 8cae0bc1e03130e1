import type { RouteOutput } from '@contract/index';
import { IntervalFigure } from '../results/Figure';
import { formatFigure, type FigureKind } from '../results/formatFigures';
import { formatBound, statusLabels, verdictLabels } from './verdicts';

type Candidate = RouteOutput<'reports.criteria'>['candidates'][number];

function kindOf(metric: string): FigureKind {
  if (metric.startsWith('latency.')) return 'ms';
  if (metric.startsWith('cost.')) return 'usd';
  return 'score';
}

interface Props {
  candidates: Candidate[];
  weights: Record<string, number>;
  onWeight: (metric: string, weight: number) => void;
  onDecide: (modelKey: string) => void;
  deciding: string | null;
}

/**
 * Criteria as rows and candidates as columns: each value with its interval and the status the
 * core gave it (a bound is met only when the whole interval clears it), then each candidate's
 * verdict. Weights can be changed here; the core re-evaluates.
 */
export function CriteriaTable({ candidates, weights, onWeight, onDecide, deciding }: Props) {
  const first = candidates[0];
  if (!first) return null;
  return (
    // A window too narrow for every candidate scrolls this table, never the whole page.
    <div className="decide-criteria-scroll">
      <table className="table decide-criteria" data-testid="criteria-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th>Acceptable</th>
            <th>Ideal</th>
            <th className="num">Weight</th>
            <th>Hard gate</th>
            {candidates.map((c) => (
              <th key={c.modelKey}>{c.modelKey}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first.decision.criteria.map((criterion, row) => (
            <tr key={criterion.metric}>
              <td>{criterion.metric}</td>
              <td>{formatBound(criterion.acceptable)}</td>
              <td>{formatBound(criterion.ideal)}</td>
              <td className="num">
                <input
                  type="number"
                  min={0}
                  step={0.5}
                  className="decide-weight"
                  aria-label={`Weight of ${criterion.metric}`}
                  value={weights[criterion.metric] ?? criterion.weight}
                  onChange={(e) => {
                    const weight = Number(e.target.value);
                    if (Number.isFinite(weight) && weight >= 0) onWeight(criterion.metric, weight);
                  }}
                />
              </td>
              <td>{criterion.gate ? 'yes' : 'no'}</td>
              {candidates.map((c) => {
                const e = c.decision.criteria[row];
                if (!e) return <td key={c.modelKey} />;
                return (
                  <td
                    key={c.modelKey}
                    className={`decide-status-${e.status}`}
                    title={e.explanation}
                    data-testid={`criterion-${c.modelKey}-${criterion.metric}`}
                  >
                    <IntervalFigure
                      id={`${c.modelKey}/criterion/${criterion.metric}`}
                      estimate={e.value}
                      kind={kindOf(criterion.metric)}
                      level={c.decision.confidenceLevel}
                    />
                    <div className="decide-status">{statusLabels[e.status]}</div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={5}>Verdict (weighted score)</th>
            {candidates.map((c) => (
              <td key={c.modelKey} data-testid={`preview-verdict-${c.modelKey}`}>
                <span className={`verdict-badge verdict-${c.decision.verdict}`}>
                  {verdictLabels[c.decision.verdict]}
                </span>{' '}
                <span className="muted">{formatFigure(c.decision.weightedScore, 'score')}</span>
                <div>
                  <button
                    type="button"
                    disabled={deciding !== null}
                    onClick={() => onDecide(c.modelKey)}
                  >
                    {deciding === c.modelKey ? 'Recording…' : 'Record decision'}
                  </button>
                </div>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
