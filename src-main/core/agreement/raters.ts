/**
 * Per-rater diagnostics on a units × raters matrix.
 *
 * Bias: how a rater's ratings sit relative to the other raters on the same units — the mean
 * offset (own − mean of the others; scale steps for ordinal data) with a t interval, and, for
 * categorical scales, how often the rater uses each category against how often the others
 * do on the same units.
 *
 * Drift: whether a rater's agreement with the others changes along their own sequence (the
 * `order` of their ratings, or the unit order). Each rating is scored against a leave-one-out
 * consensus of the other raters of that unit: for nominal data 1/0 agreement with the others'
 * unique most frequent value (units without one are skipped); otherwise the absolute deviation
 * from the others' mean. The sequence is cut into equal windows, and Kendall's τ-b between
 * position and score tests for a monotone trend.
 */
import { mean, standardDeviation } from '../stats/descriptive';
import { kendallTauB, type Correlation } from './correlation';
import { studentTQuantile } from './distributions';
import type { IntervalEstimate, MeasurementLevel, RatingMatrix } from './types';

export interface CategoryUse {
  value: number;
  /** Share of this rater's ratings (on shared units) in the category. */
  share: number;
  /** Mean share of the other raters' ratings in the category on the same units. */
  othersShare: number;
}

export interface RaterBias {
  raterId: string;
  ratings: number;
  /** Units this rater shares with at least one other rater. */
  sharedUnits: number;
  /** Mean of (own − others' mean); null for nominal data. */
  meanOffset: IntervalEstimate | null;
  /** For scales with at most 20 categories. */
  categoryUse: CategoryUse[];
}

function othersOf(row: readonly (number | null)[], rater: number): number[] {
  const others: number[] = [];
  row.forEach((v, r) => {
    if (r !== rater && v !== null) others.push(v);
  });
  return others;
}

function tInterval(values: number[], confidenceLevel: number): IntervalEstimate {
  const m = mean(values);
  const n = values.length;
  const half =
    n > 1
      ? studentTQuantile(0.5 + confidenceLevel / 2, n - 1) *
        (standardDeviation(values) / Math.sqrt(n))
      : Number.NaN;
  return { estimate: m, low: m - half, high: m + half, confidenceLevel, method: 'student t' };
}

export function raterBias(
  matrix: RatingMatrix,
  level: MeasurementLevel,
  confidenceLevel = 0.95,
): RaterBias[] {
  const categories = [...new Set(matrix.values.flat().filter((v): v is number => v !== null))].sort(
    (a, b) => a - b,
  );
  const withCategories = categories.length <= 20;
  return matrix.raterIds.map((raterId, r) => {
    const offsets: number[] = [];
    const own = new Map<number, number>();
    const others = new Map<number, number>();
    let ratings = 0;
    let shared = 0;
    for (const row of matrix.values) {
      const value = row[r];
      if (value === null || value === undefined) continue;
      ratings++;
      const rest = othersOf(row, r);
      if (rest.length === 0) continue;
      shared++;
      offsets.push(value - mean(rest));
      own.set(value, (own.get(value) ?? 0) + 1);
      for (const v of rest) others.set(v, (others.get(v) ?? 0) + 1 / rest.length);
    }
    return {
      raterId,
      ratings,
      sharedUnits: shared,
      meanOffset: level === 'nominal' || shared === 0 ? null : tInterval(offsets, confidenceLevel),
      categoryUse: withCategories
        ? categories.map((value) => ({
            value,
            share: shared === 0 ? Number.NaN : (own.get(value) ?? 0) / shared,
            othersShare: shared === 0 ? Number.NaN : (others.get(value) ?? 0) / shared,
          }))
        : [],
    };
  });
}

export interface DriftWindow {
  /** Positions (0-based, in the rater's own sequence) covered. */
  from: number;
  to: number;
  n: number;
  /** Mean score in the window: agreement rate, or mean absolute deviation. */
  score: number;
}

export interface RaterDrift {
  raterId: string;
  measure: 'agreement-with-others-majority' | 'absolute-deviation-from-others-mean';
  /** Ratings that had a consensus to compare with. */
  compared: number;
  windows: DriftWindow[];
  /** τ-b between position and score (for deviation, positive = drifting away). */
  trend: Correlation | null;
}

function uniqueMode(values: number[]): number | null {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  let tied = false;
  for (const [v, c] of counts) {
    if (c > bestCount) {
      best = v;
      bestCount = c;
      tied = false;
    } else if (c === bestCount) tied = true;
  }
  return tied ? null : best;
}

export function raterDrift(
  matrix: RatingMatrix,
  level: MeasurementLevel,
  options: { windows?: number } = {},
): RaterDrift[] {
  const windowCount = Math.max(1, options.windows ?? 4);
  const nominal = level === 'nominal';
  return matrix.raterIds.map((raterId, r) => {
    const scored: { position: number; score: number }[] = [];
    matrix.values.forEach((row, u) => {
      const value = row[r];
      if (value === null || value === undefined) return;
      const rest = othersOf(row, r);
      if (rest.length === 0) return;
      const position = matrix.order?.[u]?.[r] ?? u;
      if (nominal) {
        const mode = uniqueMode(rest);
        if (mode !== null) scored.push({ position, score: value === mode ? 1 : 0 });
      } else scored.push({ position, score: Math.abs(value - mean(rest)) });
    });
    scored.sort((a, b) => a.position - b.position);
    const windows: DriftWindow[] = [];
    const size = scored.length / windowCount;
    for (let w = 0; w < windowCount && scored.length > 0; w++) {
      const from = Math.round(w * size);
      const to = Math.round((w + 1) * size);
      if (to <= from) continue;
      windows.push({
        from,
        to: to - 1,
        n: to - from,
        score: mean(scored.slice(from, to).map((s) => s.score)),
      });
    }
    const sequence = scored.map((_, i) => i);
    return {
      raterId,
      measure: nominal ? 'agreement-with-others-majority' : 'absolute-deviation-from-others-mean',
      compared: scored.length,
      windows,
      trend:
        scored.length >= 5
          ? kendallTauB(
              sequence,
              scored.map((s) => s.score),
            )
          : null,
    };
  });
}
