/**
 * Rank correlations with intervals.
 *
 * - Spearman's ρ: Pearson's r of average ranks (scipy.stats.spearmanr); p-value from
 *   t = ρ·√((n − 2)/(1 − ρ²)) on n − 2 degrees of freedom, as scipy.
 * - Kendall's τ-b (ties in either variable corrected), by Knight's O(n log n) algorithm;
 *   p-value from the tie-corrected normal approximation (scipy.stats.kendalltau with
 *   method='asymptotic').
 *
 * Intervals by Fisher's z = atanh(r) ± z_{α/2}·SE, back-transformed with tanh, where SE is
 * - Spearman, 'bonett-wright' (default): √((1 + ρ²/2)/(n − 3)) (Bonett & Wright 2000);
 *   'fieller': √(1.06/(n − 3)) (Fieller, Hartley & Pearson 1957); 'fisher': √(1/(n − 3));
 * - Kendall: √(0.437/(n − 4)) (Fieller, Hartley & Pearson 1957).
 * A percentile bootstrap over the pairs is the alternative for small or odd samples.
 */
import { normalCdf, zForConfidence } from '../stats/normal';
import { bootstrapOverUnits, type BootstrapInterval, type BootstrapOptions } from './bootstrap';
import { studentTTwoSided } from './distributions';
import { averageRanks, pearson } from './ranks';
import type { IntervalEstimate, Rating } from './types';

export type SpearmanVariance = 'bonett-wright' | 'fieller' | 'fisher';

export interface Correlation {
  estimate: number;
  /** Pairs with both values present. */
  n: number;
  pValue: number;
  interval: IntervalEstimate;
}

/** Keeps the pairs where both values are present. */
export function completePairs(
  x: readonly Rating[] | ArrayLike<number>,
  y: readonly Rating[] | ArrayLike<number>,
): { x: Float64Array; y: Float64Array } {
  if (x.length !== y.length) {
    throw new RangeError(`samples differ in length: ${x.length} vs ${y.length}`);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    xs.push(a);
    ys.push(b);
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}

function fisherInterval(
  r: number,
  standardError: number,
  confidenceLevel: number,
  method: string,
): IntervalEstimate {
  const z = Math.atanh(Math.max(-1, Math.min(1, r)));
  const half = zForConfidence(confidenceLevel) * standardError;
  const valid = Number.isFinite(standardError);
  return {
    estimate: r,
    low: valid ? Math.tanh(z - half) : Number.NaN,
    high: valid ? Math.tanh(z + half) : Number.NaN,
    confidenceLevel,
    method,
  };
}

/** Spearman's ρ of two samples (missing pairs dropped) with a Fisher-z interval. */
export function spearman(
  x: readonly Rating[] | ArrayLike<number>,
  y: readonly Rating[] | ArrayLike<number>,
  options: { confidenceLevel?: number; variance?: SpearmanVariance } = {},
): Correlation {
  const pairs = completePairs(x, y);
  const n = pairs.x.length;
  const rho = pearson(averageRanks(pairs.x), averageRanks(pairs.y));
  const df = n - 2;
  const t = rho * Math.sqrt(df / ((1 + rho) * (1 - rho)));
  const pValue = Math.abs(rho) === 1 ? 0 : studentTTwoSided(t, df);
  const variance = options.variance ?? 'bonett-wright';
  const numerator =
    variance === 'bonett-wright' ? 1 + (rho * rho) / 2 : variance === 'fieller' ? 1.06 : 1;
  const standardError = n > 3 ? Math.sqrt(numerator / (n - 3)) : Number.NaN;
  return {
    estimate: rho,
    n,
    pValue,
    interval: fisherInterval(
      rho,
      standardError,
      options.confidenceLevel ?? 0.95,
      `fisher-z (${variance})`,
    ),
  };
}

/** Tie statistics of the runs of equal values in a sorted array (scipy's count_rank_tie). */
function tieSums(sorted: ArrayLike<number>): { pairs: number; v0: number; v1: number } {
  let pairs = 0;
  let v0 = 0;
  let v1 = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[i]) j++;
    const t = j - i + 1;
    if (t > 1) {
      pairs += (t * (t - 1)) / 2;
      v0 += t * (t - 1) * (t - 2);
      v1 += t * (t - 1) * (2 * t + 5);
    }
    i = j + 1;
  }
  return { pairs, v0, v1 };
}

/** Counts inversions (pairs i < j with a[i] > a[j]) while merge-sorting `a` in place. */
function countInversions(a: Float64Array): number {
  const n = a.length;
  let buffer: Float64Array = new Float64Array(n);
  let source: Float64Array = a;
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((source[j] as number) < (source[i] as number)) {
          inversions += mid - i;
          buffer[k++] = source[j++] as number;
        } else buffer[k++] = source[i++] as number;
      }
      while (i < mid) buffer[k++] = source[i++] as number;
      while (j < hi) buffer[k++] = source[j++] as number;
    }
    [source, buffer] = [buffer, source];
  }
  if (source !== a) a.set(source);
  return inversions;
}

interface KendallParts {
  tau: number;
  z: number;
}

function kendallParts(x: Float64Array, y: Float64Array): KendallParts {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (x[a] as number) - (x[b] as number) || (y[a] as number) - (y[b] as number),
  );
  const xs = Float64Array.from(order, (i) => x[i] as number);
  const ys = Float64Array.from(order, (i) => y[i] as number);
  // Pairs tied in both x and y.
  let jointTies = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && xs[i] === xs[i - 1] && ys[i] === ys[i - 1]) run++;
    else {
      jointTies += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  const xTies = tieSums(xs);
  const discordant = countInversions(ys); // ys is now sorted
  const yTies = tieSums(ys);
  const total = (n * (n - 1)) / 2;
  const difference = total - xTies.pairs - yTies.pairs + jointTies - 2 * discordant;
  const tau = difference / Math.sqrt(total - xTies.pairs) / Math.sqrt(total - yTies.pairs);
  const m = n * (n - 1);
  const variance =
    (m * (2 * n + 5) - xTies.v1 - yTies.v1) / 18 +
    (2 * xTies.pairs * yTies.pairs) / m +
    (xTies.v0 * yTies.v0) / (9 * m * (n - 2));
  return { tau, z: difference / Math.sqrt(variance) };
}

/** Kendall's τ-b of two samples (missing pairs dropped) with a Fisher-z interval. */
export function kendallTauB(
  x: readonly Rating[] | ArrayLike<number>,
  y: readonly Rating[] | ArrayLike<number>,
  options: { confidenceLevel?: number } = {},
): Correlation {
  const pairs = completePairs(x, y);
  const n = pairs.x.length;
  const { tau, z } = kendallParts(pairs.x, pairs.y);
  const standardError = n > 4 ? Math.sqrt(0.437 / (n - 4)) : Number.NaN;
  return {
    estimate: tau,
    n,
    pValue: Number.isFinite(z) ? Math.min(1, 2 * normalCdf(-Math.abs(z))) : Number.NaN,
    interval: fisherInterval(
      tau,
      standardError,
      options.confidenceLevel ?? 0.95,
      'fisher-z (fieller 0.437)',
    ),
  };
}

function weightedSample(
  x: Float64Array,
  y: Float64Array,
  weights: ArrayLike<number>,
): { x: Float64Array; y: Float64Array } {
  let size = 0;
  for (let i = 0; i < weights.length; i++) size += weights[i] as number;
  const xs = new Float64Array(size);
  const ys = new Float64Array(size);
  let k = 0;
  for (let i = 0; i < weights.length; i++) {
    for (let c = 0; c < (weights[i] as number); c++) {
      xs[k] = x[i] as number;
      ys[k++] = y[i] as number;
    }
  }
  return { x: xs, y: ys };
}

/** Percentile bootstrap interval of Spearman's ρ or Kendall's τ-b over pairs. */
export function bootstrapRankCorrelation(
  x: readonly Rating[] | ArrayLike<number>,
  y: readonly Rating[] | ArrayLike<number>,
  kind: 'spearman' | 'kendall',
  options: BootstrapOptions = {},
): BootstrapInterval {
  const pairs = completePairs(x, y);
  const statistic = (sample: { x: Float64Array; y: Float64Array }) =>
    kind === 'spearman'
      ? pearson(averageRanks(sample.x), averageRanks(sample.y))
      : kendallParts(sample.x, sample.y).tau;
  return bootstrapOverUnits(
    pairs.x.length,
    statistic(pairs),
    (weights) => statistic(weightedSample(pairs.x, pairs.y, weights)),
    options,
  );
}
