/**
 * Cohen's κ for two raters (Cohen 1960), weighted κ for ordinal scales (Cohen 1968) with
 * linear or quadratic disagreement weights over the category positions (as sklearn's
 * cohen_kappa_score), the large-sample standard errors of Fleiss, Cohen & Everitt (1969) — the
 * ASE that SAS PROC FREQ and statsmodels print — and a unit bootstrap interval.
 *
 * κ = 1 − Σ d_ij p_ij / Σ d_ij p_i· p_·j, with d the disagreement weight (0 on the diagonal).
 * Pairs where either rating is missing are dropped (listwise).
 */
import { normalCdf, zForConfidence } from '../stats/normal';
import { bootstrapOverUnits, type BootstrapInterval, type BootstrapOptions } from './bootstrap';
import type { IntervalEstimate, Rating } from './types';

export type KappaWeighting = 'none' | 'linear' | 'quadratic';

export interface CohenKappa {
  kappa: number;
  weighting: KappaWeighting;
  /** Units rated by both raters. */
  n: number;
  /** Category values in scale order; weights use positions in this list. */
  categories: number[];
  /** `table[i][j]`: units the first rater put in categories[i] and the second in categories[j]. */
  table: number[][];
  /** Weighted observed agreement Σ w_ij p_ij (w = 1 − d); the raw agreement rate when unweighted. */
  observedAgreement: number;
  /** Agreement expected from the margins, Σ w_ij p_i· p_·j. */
  expectedAgreement: number;
  /** Asymptotic standard error (Fleiss, Cohen & Everitt 1969). */
  standardError: number;
  /** κ ± z·SE. */
  interval: IntervalEstimate;
  /** Test of κ = 0 with the standard error under the null hypothesis. */
  test: { standardErrorNull: number; z: number; pValue: number };
}

export interface CohenKappaOptions {
  weighting?: KappaWeighting;
  /** The full scale (e.g. 1..5 even if 1 was never used); defaults to the values that occur. */
  categories?: readonly number[];
  confidenceLevel?: number;
}

/** Agreement weights w_ij = 1 − d_ij over k ordered categories. */
export function agreementWeights(k: number, weighting: KappaWeighting): Float64Array {
  const w = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let d: number;
      if (weighting === 'none') d = i === j ? 0 : 1;
      else if (k === 1) d = 0;
      else {
        const r = Math.abs(i - j) / (k - 1);
        d = weighting === 'linear' ? r : r * r;
      }
      w[i * k + j] = 1 - d;
    }
  }
  return w;
}

interface KappaParts {
  kappa: number;
  po: number;
  pe: number;
  se: number;
  se0: number;
}

/** κ and its standard errors from a k×k table of counts (row-major). */
export function kappaFromTable(counts: ArrayLike<number>, k: number, w: Float64Array): KappaParts {
  let total = 0;
  for (let i = 0; i < k * k; i++) total += counts[i] as number;
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = (counts[i * k + j] as number) / total;
      rows[i] = (rows[i] as number) + p;
      cols[j] = (cols[j] as number) + p;
    }
  }
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const wij = w[i * k + j] as number;
      po += (wij * (counts[i * k + j] as number)) / total;
      pe += wij * (rows[i] as number) * (cols[j] as number);
    }
  }
  const kappa = (po - pe) / (1 - pe);
  // w̄_i· = Σ_j p_·j w_ij and w̄_·j = Σ_i p_i· w_ij (FCE 1969, eqs. 9 and 14).
  const wRow = new Float64Array(k);
  const wCol = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      wRow[i] = (wRow[i] as number) + (cols[j] as number) * (w[i * k + j] as number);
      wCol[j] = (wCol[j] as number) + (rows[i] as number) * (w[i * k + j] as number);
    }
  }
  let a = 0;
  let a0 = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const pij = (counts[i * k + j] as number) / total;
      const wij = w[i * k + j] as number;
      const spread = (wRow[i] as number) + (wCol[j] as number);
      a += pij * (wij - spread * (1 - kappa)) ** 2;
      a0 += (rows[i] as number) * (cols[j] as number) * (wij - spread) ** 2;
    }
  }
  const variance = (a - (kappa - pe * (1 - kappa)) ** 2) / (total * (1 - pe) ** 2);
  const variance0 = (a0 - pe * pe) / (total * (1 - pe) ** 2);
  return {
    kappa,
    po,
    pe,
    se: Math.sqrt(Math.max(0, variance)),
    se0: Math.sqrt(Math.max(0, variance0)),
  };
}

interface PairedCodes {
  categories: number[];
  firstIndex: Int32Array;
  secondIndex: Int32Array;
}

function pairCodes(
  first: readonly Rating[],
  second: readonly Rating[],
  categories?: readonly number[],
): PairedCodes {
  if (first.length !== second.length) {
    throw new RangeError(`ratings differ in length: ${first.length} vs ${second.length}`);
  }
  const pairs: [number, number][] = [];
  for (let u = 0; u < first.length; u++) {
    const a = first[u];
    const b = second[u];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    pairs.push([a, b]);
  }
  const scale = categories ? [...categories] : [...new Set(pairs.flat())].sort((x, y) => x - y);
  const position = new Map(scale.map((value, index) => [value, index]));
  const firstIndex = new Int32Array(pairs.length);
  const secondIndex = new Int32Array(pairs.length);
  pairs.forEach(([a, b], index) => {
    const i = position.get(a);
    const j = position.get(b);
    if (i === undefined || j === undefined) {
      throw new RangeError(`rating ${i === undefined ? a : b} is not one of the categories`);
    }
    firstIndex[index] = i;
    secondIndex[index] = j;
  });
  return { categories: scale, firstIndex, secondIndex };
}

/** Cohen's κ (weighted or not) between two raters' ratings of the same units. */
export function cohensKappa(
  first: readonly Rating[],
  second: readonly Rating[],
  options: CohenKappaOptions = {},
): CohenKappa {
  const weighting = options.weighting ?? 'none';
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const { categories, firstIndex, secondIndex } = pairCodes(first, second, options.categories);
  const k = categories.length;
  const counts = new Float64Array(k * k);
  for (let p = 0; p < firstIndex.length; p++) {
    const cell = (firstIndex[p] as number) * k + (secondIndex[p] as number);
    counts[cell] = (counts[cell] as number) + 1;
  }
  const w = agreementWeights(k, weighting);
  const parts = kappaFromTable(counts, k, w);
  const z = zForConfidence(confidenceLevel);
  const zNull = parts.kappa / parts.se0;
  return {
    kappa: parts.kappa,
    weighting,
    n: firstIndex.length,
    categories,
    table: Array.from({ length: k }, (_, i) => Array.from(counts.subarray(i * k, i * k + k))),
    observedAgreement: parts.po,
    expectedAgreement: parts.pe,
    standardError: parts.se,
    interval: {
      estimate: parts.kappa,
      low: parts.kappa - z * parts.se,
      high: parts.kappa + z * parts.se,
      confidenceLevel,
      method: 'asymptotic (Fleiss, Cohen & Everitt 1969)',
    },
    test: {
      standardErrorNull: parts.se0,
      z: zNull,
      pValue: Number.isFinite(zNull) ? 2 * normalCdf(-Math.abs(zNull)) : Number.NaN,
    },
  };
}

/** Percentile bootstrap interval of κ, resampling the units both raters rated. */
export function bootstrapCohensKappa(
  first: readonly Rating[],
  second: readonly Rating[],
  options: CohenKappaOptions & BootstrapOptions = {},
): BootstrapInterval {
  const weighting = options.weighting ?? 'none';
  const { categories, firstIndex, secondIndex } = pairCodes(first, second, options.categories);
  const k = categories.length;
  const w = agreementWeights(k, weighting);
  const counts = new Float64Array(k * k);
  const statistic = (weights: ArrayLike<number>) => {
    counts.fill(0);
    for (let p = 0; p < firstIndex.length; p++) {
      const cell = (firstIndex[p] as number) * k + (secondIndex[p] as number);
      counts[cell] = (counts[cell] as number) + (weights[p] as number);
    }
    return kappaFromTable(counts, k, w).kappa;
  };
  const estimate = statistic(new Float64Array(firstIndex.length).fill(1));
  return bootstrapOverUnits(firstIndex.length, estimate, statistic, options);
}
