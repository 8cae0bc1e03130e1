/**
 * Comparing two models on the same items. Pass/fail: McNemar's exact test (the binomial test
 * of the discordant pairs, Agresti 2013 §11.1) with Newcombe's interval for the difference.
 * Scores: the paired bootstrap of the mean difference and the sign-flip permutation test
 * (scipy.stats.permutation_test with permutation_type='samples'; exact enumeration when there
 * are at most 2^16 sign patterns). Differences are always second − first (candidate − baseline).
 */
import { binomialTest } from './binomial';
import { bootstrapMean, type BootstrapInterval, type BootstrapOptions } from './bootstrap';
import { mean, standardDeviation } from './descriptive';
import { normalQuantile } from './normal';
import { cohensH, pairedDifferenceInterval, type Interval, type PairedTable } from './proportion';
import { createRandom } from './random';
import { signFlipMeans } from './resampleKernels';

export interface McNemarResult {
  table: PairedTable;
  /** Exact two-sided p-value: binomtest(b, b + c, ½). */
  pValue: number;
  /** Second pass rate minus first, with Newcombe's method-10 interval. */
  difference: Interval & { estimate: number };
  cohensH: number;
}

export function pairedTable(first: ArrayLike<boolean>, second: ArrayLike<boolean>): PairedTable {
  assertSameLength(first, second);
  const table: PairedTable = { bothPass: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
  for (let i = 0; i < first.length; i++) {
    if (first[i] && second[i]) table.bothPass++;
    else if (first[i]) table.firstOnly++;
    else if (second[i]) table.secondOnly++;
    else table.neither++;
  }
  return table;
}

export function mcnemarExact(table: PairedTable, confidenceLevel = 0.95): McNemarResult {
  const discordant = table.firstOnly + table.secondOnly;
  const n = table.bothPass + table.firstOnly + table.secondOnly + table.neither;
  return {
    table,
    pValue: discordant === 0 ? 1 : binomialTest(table.firstOnly, discordant, 0.5),
    difference: pairedDifferenceInterval(table, confidenceLevel),
    cohensH:
      n === 0
        ? NaN
        : cohensH((table.bothPass + table.firstOnly) / n, (table.bothPass + table.secondOnly) / n),
  };
}

/** Paired bootstrap of mean(second − first). */
export function pairedBootstrap(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  return bootstrapMean(differences(first, second), options);
}

export interface PermutationResult {
  statistic: number;
  pValue: number;
  isExact: boolean;
  nResamples: number;
}

const exactLimit = 16;

/**
 * Two-sided sign-flip permutation test of mean(second − first) = 0. Exact enumeration when the
 * non-zero differences number at most 16; otherwise seeded Monte Carlo with scipy's +1
 * adjustment. Comparisons use scipy's tolerance of 100 ulps of the observed value.
 */
export function pairedPermutationTest(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  options: { nResamples?: number; seed?: number | string } = {},
): PermutationResult {
  const d = differences(first, second);
  const observed = mean(d);
  const nonZero = d.filter((v) => v !== 0);
  const isExact = nonZero.length <= exactLimit;
  const nullDistribution = isExact
    ? exactSignFlips(nonZero, d.length)
    : signFlipMeans(d, createRandom(options.seed ?? 20240601), options.nResamples ?? 9999);
  const gamma = Math.abs(Number.EPSILON * 100 * observed);
  let less = 0;
  let greater = 0;
  for (const value of nullDistribution) {
    if (value <= observed + gamma) less++;
    if (value >= observed - gamma) greater++;
  }
  const adjustment = isExact ? 0 : 1;
  const total = nullDistribution.length + adjustment;
  const pValue = Math.min(1, (2 * Math.min(less + adjustment, greater + adjustment)) / total);
  return { statistic: observed, pValue, isExact, nResamples: nullDistribution.length };
}

/** All 2^m sign patterns of the non-zero differences; zeros do not change the statistic. */
function exactSignFlips(nonZero: Float64Array, n: number): Float64Array {
  const m = nonZero.length;
  const out = new Float64Array(2 ** m);
  for (let mask = 0; mask < out.length; mask++) {
    let total = 0;
    for (let i = 0; i < m; i++)
      total += mask & (1 << i) ? -(nonZero[i] as number) : (nonZero[i] as number);
    out[mask] = total / n;
  }
  return out;
}

export interface StandardizedEffect extends Interval {
  /** Cohen's d_z = mean(d) / sd(d) for paired differences. */
  estimate: number;
}

/**
 * Cohen's d_z with the large-sample interval d ± z·√(1/n + d²/(2n)) (Hedges & Olkin 1985,
 * eq. 5.14 for one sample); NaN when the differences have no spread.
 */
export function cohensDz(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  confidenceLevel = 0.95,
): StandardizedEffect {
  const d = differences(first, second);
  const n = d.length;
  const sd = standardDeviation(d);
  const estimate = sd > 0 ? mean(d) / sd : NaN;
  const z = normalQuantile(0.5 + confidenceLevel / 2);
  const se = Math.sqrt(1 / n + (estimate * estimate) / (2 * n));
  return { estimate, low: estimate - z * se, high: estimate + z * se };
}

export function differences(first: ArrayLike<number>, second: ArrayLike<number>): Float64Array {
  assertSameLength(first, second);
  const out = new Float64Array(first.length);
  for (let i = 0; i < first.length; i++) out[i] = (second[i] as number) - (first[i] as number);
  return out;
}

function assertSameLength(first: ArrayLike<unknown>, second: ArrayLike<unknown>): void {
  if (first.length !== second.length) {
    throw new Error(`paired samples differ in length (${first.length} vs ${second.length})`);
  }
}
