/**
 * The unit bootstrap every agreement statistic uses for its interval: resample units (items)
 * with replacement, recompute the statistic, take percentiles. Units are the independent
 * draws (several ratings of one item are not), so they are what is resampled. A statistic is
 * written as a function of per-unit multiplicities (how often each unit was drawn) so a
 * replicate never copies data.
 */
import { quantileSorted } from '../stats/descriptive';
import { createRandom } from '../stats/random';
import type { IntervalEstimate } from './types';

export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Seed of the resampling stream (default "yardstick-agreement"); same seed, same interval. */
  seed?: number | string;
  confidenceLevel?: number;
}

export interface BootstrapInterval extends IntervalEstimate {
  method: 'percentile bootstrap over units';
  resamples: number;
  /** Replicates where the statistic was defined (e.g. κ is undefined when every rating agrees by chance). */
  validResamples: number;
  seed: number | string;
}

export const defaultBootstrapResamples = 2000;
export const defaultBootstrapSeed = 'yardstick-agreement';

/**
 * Percentile interval of `statistic` over `units` resampled units. `statistic(weights)` gets
 * a multiplicity per unit (summing to `units`) and returns the statistic on that resample,
 * or NaN when it is undefined there (such replicates are dropped and counted).
 */
export function bootstrapOverUnits(
  units: number,
  estimate: number,
  statistic: (weights: Uint32Array) => number,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = options.resamples ?? defaultBootstrapResamples;
  const seed = options.seed ?? defaultBootstrapSeed;
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const random = createRandom(seed);
  const weights = new Uint32Array(units);
  const replicates = new Float64Array(resamples);
  let valid = 0;
  for (let b = 0; b < resamples && units > 0; b++) {
    weights.fill(0);
    for (let i = 0; i < units; i++) {
      const drawn = random.int(units);
      weights[drawn] = (weights[drawn] as number) + 1;
    }
    const value = statistic(weights);
    if (Number.isFinite(value)) replicates[valid++] = value;
  }
  const sorted = replicates.subarray(0, valid).sort();
  const tail = (1 - confidenceLevel) / 2;
  return {
    estimate,
    low: valid > 0 ? quantileSorted(sorted, tail) : Number.NaN,
    high: valid > 0 ? quantileSorted(sorted, 1 - tail) : Number.NaN,
    confidenceLevel,
    method: 'percentile bootstrap over units',
    resamples,
    validResamples: valid,
    seed,
  };
}
