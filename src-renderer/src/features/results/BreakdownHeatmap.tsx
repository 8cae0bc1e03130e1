import type { RouteOutput } from '@contract/index';
import { formatFigure } from './formatFigures';

type Breakdown = RouteOutput<'scoring.breakdown'>;

/**
 * Categories × models, each cell the core's estimate with its interval; the tint follows the
 * estimate on a 0–1 scale, and small groups carry the core's warning.
 */
export function BreakdownHeatmap({ breakdown }: { breakdown: Breakdown }) {
  const groups = [...new Set(breakdown.flatMap((m) => m.groups.map((g) => g.group)))].sort();
  if (groups.length === 0)
    return (
      <p className="muted">
        The dataset has no categories. Give items a category when importing to see where models
        differ.
      </p>
    );
  return (
    <table className="table results-heatmap" data-testid="breakdown-heatmap">
      <thead>
        <tr>
          <th>Category</th>
          {breakdown.map((m) => (
            <th key={m.modelKey}>{m.modelKey}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group}>
            <th>{group}</th>
            {breakdown.map((m) => {
              const g = m.groups.find((x) => x.group === group);
              if (!g)
                return (
                  <td key={m.modelKey} className="muted">
                    —
                  </td>
                );
              const shade = g.estimate === null ? 0 : Math.max(0, Math.min(1, g.estimate));
              return (
                <td
                  key={m.modelKey}
                  className={g.warning ? 'heat-cell heat-warning' : 'heat-cell'}
                  // At most a 55% tint, so the figures stay readable on the darkest cell.
                  style={{ ['--heat' as string]: `${Math.round(shade * 55)}%` }}
                  title={g.warning ?? `${g.n} items`}
                  data-testid={`heat-${m.modelKey}-${group}`}
                >
                  <strong>{formatFigure(g.estimate, 'score')}</strong>{' '}
                  <span className="muted">
                    [{formatFigure(g.low, 'score')}, {formatFigure(g.high, 'score')}] n={g.n}
                  </span>
                  {g.warning && (
                    <span className="heat-flag" role="img" aria-label={g.warning}>
                      {' '}
                      ⚠
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
