/** Statistics to contract shapes: NaN and infinities become null (JSON has no NaN). */
import type { Correlation as CorrelationOut, Interval } from '@contract/routes/calibrationSchemas';
import type { Correlation } from '../agreement/correlation';
import type { IntervalEstimate } from '../agreement/types';

export function finite(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

export function interval(i: IntervalEstimate): Interval {
  return {
    estimate: finite(i.estimate),
    low: finite(i.low),
    high: finite(i.high),
    confidenceLevel: i.confidenceLevel,
    method: i.method,
  };
}

export function correlation(c: Correlation | null): CorrelationOut | null {
  if (c === null) return null;
  return {
    estimate: finite(c.estimate),
    n: c.n,
    pValue: finite(c.pValue),
    interval: interval(c.interval),
  };
}

/** An interval for a value that could not be computed. */
export function missingInterval(confidenceLevel: number, method: string): Interval {
  return { estimate: null, low: null, high: null, confidenceLevel, method };
}
