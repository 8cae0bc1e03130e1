/**
 * Seeded bootstrap confidence intervals: percentile and BCa (Efron & Tibshirani 1993, §14.3,
 * eq. 14.14–14.15), computed exactly as scipy.stats.bootstrap does from a set of replicates —
 * bias correction ẑ₀ = Φ⁻¹(share of replicates below θ̂, ties counted half), acceleration â
 * from the jackknife, and type-7 quantiles of the replicates. Given the same replicates the
 * interval equals scipy's (tests/fixtures/stats/bootstrap.json feeds both the same indices).
 */
import { mean, quantileSorted } from './descriptive';
import { normalCdf, normalQuantile } from './normal';
import type { Interval } from './proportion';
import { chunkSeeds, meanReplicates } from './resampleKernels';
import { createRandom } from './random';

export type BootstrapMethod = 'percentile' | 'bca';

export interface BootstrapOptions {
  /** Default 9,999 (scipy's default). */
  nResamples?: number;
  confidenceLevel?: number;
  method?: BootstrapMethod;
  seed?: number | string;
}

export interface BootstrapInterval extends Interval {
  estimate: number;
  method: BootstrapMethod;
  confidenceLevel: number;
  nResamples: number;
  seed: number | string;
  /** Standard deviation of the replicates. */
  standardError: number;
  /** True when every replicate was equal (the interval collapses to the estimate). */
  isDegenerate: boolean;
}

export const defaultResamples = 9999;
export const defaultSeed = 20240601;

/** scipy's `_percentile_of_score` ('mean' kind): (#< + #≤) / 2B. */
export function percentileOfScore(replicates: ArrayLike<number>, score: number): number {
  let below = 0;
  let atOrBelow = 0;
  for (let i = 0; i < replicates.length; i++) {
    const r = replicates[i] as number;
    if (r < score) below++;
    if (r <= score) atOrBelow++;
  }
  return (below + atOrBelow) / (2 * replicates.length);
}

/** Jackknife acceleration â = Σ U³ / (6 (Σ U²)^{3/2}), U_i = (n − 1)(θ̄ − θ₍ᵢ₎). */
export function jackknifeAcceleration(jackknifeValues: ArrayLike<number>): number {
  const n = jackknifeValues.length;
  const average = mean(jackknifeValues);
  let cubes = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const u = (n - 1) * (average - (jackknifeValues[i] as number));
    squares += u * u;
    cubes += u * u * u;
  }
  return cubes / n ** 3 / (6 * (squares / n ** 2) ** 1.5);
}

/** The (lower, upper) quantile levels of the replicates that bound the interval. */
export function intervalLevels(
  replicates: ArrayLike<number>,
  estimate: number,
  method: BootstrapMethod,
  confidenceLevel: number,
  jackknifeValues?: ArrayLike<number>,
): { lower: number; upper: number; biasCorrection?: number; acceleration?: number } {
  const alpha = (1 - confidenceLevel) / 2;
  if (method === 'percentile') return { lower: alpha, upper: 1 - alpha };
  if (!jackknifeValues) throw new Error('BCa needs the jackknife values of the statistic');
  const z0 = normalQuantile(percentileOfScore(replicates, estimate));
  const a = jackknifeAcceleration(jackknifeValues);
  const zAlpha = normalQuantile(alpha);
  const n1 = z0 + zAlpha;
  const n2 = z0 - zAlpha;
  return {
    lower: normalCdf(z0 + n1 / (1 - a * n1)),
    upper: normalCdf(z0 + n2 / (1 - a * n2)),
    biasCorrection: z0,
    acceleration: a,
  };
}

/** The interval from given replicates (sorted in place is not assumed: a sorted copy is made). */
export function intervalFromReplicates(
  replicates: Float64Array,
  estimate: number,
  options: {
    method: BootstrapMethod;
    confidenceLevel: number;
    jackknifeValues?: ArrayLike<number>;
  },
): Interval & { isDegenerate: boolean; standardError: number } {
  const sorted = Float64Array.from(replicates).sort();
  const standardError = Math.sqrt(varianceOf(sorted));
  const isDegenerate = sorted.length === 0 || sorted[0] === sorted[sorted.length - 1];
  if (isDegenerate) return { low: estimate, high: estimate, isDegenerate, standardError };
  const levels = intervalLevels(
    sorted,
    estimate,
    options.method,
    options.confidenceLevel,
    options.jackknifeValues,
  );
  if (!Number.isFinite(levels.lower) || !Number.isFinite(levels.upper)) {
    return { low: NaN, high: NaN, isDegenerate: true, standardError };
  }
  return {
    low: quantileSorted(sorted, levels.lower),
    high: quantileSorted(sorted, levels.upper),
    isDegenerate,
    standardError,
  };
}

function varianceOf(values: Float64Array): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let total = 0;
  for (const v of values) total += (v - m) ** 2;
  return total / (values.length - 1);
}

/** Leave-one-out means in O(n). */
export function jackknifeMeans(values: Float64Array): Float64Array {
  const n = values.length;
  let total = 0;
  for (const v of values) total += v;
  return values.map((v) => (total - v) / (n - 1));
}

function resolve(options: BootstrapOptions) {
  return {
    nResamples: options.nResamples ?? defaultResamples,
    confidenceLevel: options.confidenceLevel ?? 0.95,
    method: options.method ?? 'bca',
    seed: options.seed ?? defaultSeed,
  };
}

/** Bootstrap interval for the mean of `values`. */
export function bootstrapMean(
  values: ArrayLike<number>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const o = resolve(options);
  const data = Float64Array.from(values);
  const estimate = mean(data);
  if (data.length === 0) {
    return { ...o, estimate, low: NaN, high: NaN, standardError: NaN, isDegenerate: true };
  }
  const replicates = meanReplicates(data, chunkSeeds(o.seed, o.nResamples), o.nResamples);
  const interval = intervalFromReplicates(replicates, estimate, {
    method: o.method,
    confidenceLevel: o.confidenceLevel,
    ...(o.method === 'bca' && data.length > 1 ? { jackknifeValues: jackknifeMeans(data) } : {}),
  });
  return { ...o, estimate, ...interval, method: data.length > 1 ? o.method : 'percentile' };
}

/** Largest sample for which BCa's O(n²) jackknife of a general statistic is computed. */
export const generalJackknifeLimit = 5000;

/**
 * Bootstrap interval for any statistic of one or more paired samples (the same resampled
 * indices are applied to every sample). BCa needs n ≤ 5,000 here (its jackknife is O(n²) for a
 * general statistic); use `percentile` above that, or `bootstrapMean` for means.
 */
export function bootstrapStatistic(
  samples: readonly Float64Array[],
  statistic: (samples: readonly Float64Array[]) => number,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const o = resolve(options);
  const n = samples[0]?.length ?? 0;
  const estimate = statistic(samples);
  if (n === 0)
    return { ...o, estimate, low: NaN, high: NaN, standardError: NaN, isDegenerate: true };
  if (o.method === 'bca' && n > generalJackknifeLimit) {
    throw new Error(
      `BCa of a general statistic needs at most ${generalJackknifeLimit} items (got ${n}); use the percentile method`,
    );
  }
  const random = createRandom(o.seed);
  const replicates = new Float64Array(o.nResamples);
  const buffers = samples.map(() => new Float64Array(n));
  for (let r = 0; r < o.nResamples; r++) {
    for (let i = 0; i < n; i++) {
      const index = random.int(n);
      for (let s = 0; s < samples.length; s++)
        (buffers[s] as Float64Array)[i] = (samples[s] as Float64Array)[index] as number;
    }
    replicates[r] = statistic(buffers);
  }
  const jackknifeValues = o.method === 'bca' ? jackknifeStatistic(samples, statistic) : undefined;
  const interval = intervalFromReplicates(replicates, estimate, {
    method: o.method,
    confidenceLevel: o.confidenceLevel,
    ...(jackknifeValues ? { jackknifeValues } : {}),
  });
  return { ...o, estimate, ...interval };
}

/** θ₍ᵢ₎ for every left-out index i. */
export function jackknifeStatistic(
  samples: readonly Float64Array[],
  statistic: (samples: readonly Float64Array[]) => number,
): Float64Array {
  const n = samples[0]?.length ?? 0;
  const out = new Float64Array(n);
  const buffers = samples.map(() => new Float64Array(n - 1));
  for (let left = 0; left < n; left++) {
    for (let s = 0; s < samples.length; s++) {
      const source = samples[s] as Float64Array;
      const target = buffers[s] as Float64Array;
      target.set(source.subarray(0, left), 0);
      target.set(source.subarray(left + 1), left);
    }
    out[left] = statistic(buffers);
  }
  return out;
}
