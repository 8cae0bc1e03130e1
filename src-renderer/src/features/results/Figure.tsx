import type { Estimate } from '@contract/routes/scoring';
import { formatFigure, rawFigure, type FigureKind } from './formatFigures';

/**
 * One number from the core, printed with its raw value in `data-value` (and the interval's
 * ends in `data-low` / `data-high`) so tests can compare the screen with the CLI exactly.
 * `id` names the figure: `model/scorer/score`, `model/latency.p95`, …
 */
export function Figure({
  id,
  value,
  kind,
}: {
  id: string;
  value: number | null | undefined;
  kind: FigureKind;
}) {
  return (
    <span className="figure" data-figure={id} data-value={rawFigure(value)}>
      {formatFigure(value, kind)}
    </span>
  );
}

/** An estimate with its interval: "0.812 [0.731, 0.874]" (level and method on hover). */
export function IntervalFigure({
  id,
  estimate,
  kind,
  level,
}: {
  id: string;
  estimate: Estimate | null | undefined;
  kind: FigureKind;
  level: number;
}) {
  if (!estimate || estimate.estimate === null)
    return (
      <span className="figure muted" data-figure={id} data-value="" data-low="" data-high="">
        —
      </span>
    );
  return (
    <span
      className="figure"
      data-figure={id}
      data-value={rawFigure(estimate.estimate)}
      data-low={rawFigure(estimate.low)}
      data-high={rawFigure(estimate.high)}
      title={`${Math.round(level * 100)}% interval, ${estimate.method}, n = ${estimate.n}`}
    >
      <span className="figure-estimate">{formatFigure(estimate.estimate, kind)}</span>{' '}
      <span className="figure-interval muted">
        [{formatFigure(estimate.low, kind)}, {formatFigure(estimate.high, kind)}]
      </span>
    </span>
  );
}
