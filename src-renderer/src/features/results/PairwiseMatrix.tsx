import type { PairwiseMatrix as Matrix } from '@contract/routes/reports';
import { formatFigure } from './formatFigures';
import { IntervalFigure } from './Figure';

/**
 * Paired tests between every two models on one scorer. Each pair appears once, read as
 * "column minus row"; p-values are Holm-adjusted across the pairs by the core.
 */
export function PairwiseMatrix({ matrix }: { matrix: Matrix }) {
  if (matrix.models.length < 2)
    return <p className="muted">One model only: nothing to compare within this run.</p>;
  const pairOf = (baseline: string, candidate: string) =>
    matrix.pairs.find((p) => p.baseline === baseline && p.candidate === candidate);
  return (
    <table className="table results-matrix" data-testid="pairwise-matrix">
      <thead>
        <tr>
          <th>baseline ↓ · candidate →</th>
          {matrix.models.slice(1).map((m) => (
            <th key={m}>{m}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.models.slice(0, -1).map((row) => (
          <tr key={row}>
            <th>{row}</th>
            {matrix.models.slice(1).map((col) => {
              const pair = pairOf(row, col);
              if (!pair) return <td key={col} />;
              const direction =
                !pair.isSignificant || pair.difference.estimate === null
                  ? 'none'
                  : pair.difference.estimate > 0
                    ? 'better'
                    : 'worse';
              return (
                <td
                  key={col}
                  className={`matrix-cell matrix-${direction}`}
                  data-testid={`pair-${row}-${col}`}
                >
                  <IntervalFigure
                    id={`pair/${row}/${col}/difference`}
                    estimate={pair.difference}
                    kind="score"
                    level={matrix.confidenceLevel}
                  />
                  <div className="muted">
                    {pair.test} · p {formatFigure(pair.pValue, 'p')} · Holm{' '}
                    {formatFigure(pair.adjustedPValue, 'p')}
                    {pair.isSignificant ? ' · significant' : ''} · {pair.pairedItems} items
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
