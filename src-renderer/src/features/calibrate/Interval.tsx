import type { Interval as IntervalValue } from '@contract/routes/labeling';

const f = (x: number | null, digits: number) => (x === null ? '—' : x.toFixed(digits));

/** An estimate with its interval as "0.812 [0.731, 0.874]" (the method on hover). */
export function Interval({
  value,
  showEstimate = false,
  digits = 3,
}: {
  value: IntervalValue;
  showEstimate?: boolean;
  digits?: number;
}) {
  return (
    <span
      className="interval"
      title={`${Math.round(value.confidenceLevel * 100)}% interval, ${value.method}`}
    >
      {showEstimate && <span className="interval-estimate">{f(value.estimate, digits)} </span>}
      <span className="muted">
        [{f(value.low, digits)}, {f(value.high, digits)}]
      </span>
    </span>
  );
}
