/**
 * Shared shapes of the agreement statistics. A rating is a number: a category code for
 * nominal data, a scale position for ordinal data, the value itself for interval and ratio
 * data (`coding.ts` turns labels into numbers); `null` means "not rated".
 */
import type { Interval } from '../stats/proportion';

export type { Interval };

/** Stevens' levels of measurement, which decide the distance between two ratings. */
export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export const measurementLevels: readonly MeasurementLevel[] = [
  'nominal',
  'ordinal',
  'interval',
  'ratio',
];

export type Rating = number | null;

/**
 * Units (items) × raters. `values[u][r]` is rater r's rating of unit u, or null. Optional
 * `order[u][r]` says when (or at which position in their queue) the rater gave it; the drift
 * analysis uses it and falls back to the unit's position when it is absent.
 */
export interface RatingMatrix {
  unitIds: readonly string[];
  raterIds: readonly string[];
  values: readonly (readonly Rating[])[];
  order?: readonly (readonly (number | null)[])[];
}

/** A statistic with an interval and how the interval was made. */
export interface IntervalEstimate extends Interval {
  estimate: number;
  confidenceLevel: number;
  /** e.g. 'wilson', 'fisher-z (bonett-wright)', 'percentile bootstrap', 'asymptotic (FCE 1969)'. */
  method: string;
}
