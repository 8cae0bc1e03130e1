/**
 * Krippendorff's α for any number of raters, missing ratings, and nominal, ordinal, interval
 * or ratio data, computed from the coincidence matrix exactly as in Krippendorff (2011),
 * "Computing Krippendorff's Alpha-Reliability":
 *
 *   o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1),   units with m_u ≥ 2,
 *   n_c = Σ_k o_ck,  n = Σ_c n_c,
 *   α = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * with δ² the level's difference function: nominal [c ≠ k]; ordinal (Σ_{g=c..k} n_g −
 * (n_c + n_k)/2)²; interval (c − k)²; ratio ((c − k)/(c + k))². Units with fewer than two
 * ratings are not pairable and drop out, which is how α handles missing data.
 */
import { bootstrapOverUnits, type BootstrapInterval, type BootstrapOptions } from './bootstrap';
import type { MeasurementLevel, Rating } from './types';

export interface KrippendorffAlpha {
  alpha: number;
  level: MeasurementLevel;
  /** D_o: observed disagreement (mean δ² over pairable value pairs). */
  observedDisagreement: number;
  /** D_e: disagreement expected by chance from the pooled values. */
  expectedDisagreement: number;
  /** n: pairable values (ratings in units with at least two). */
  pairableValues: number;
  /** Units with at least two ratings. */
  pairableUnits: number;
  /** The distinct values, ascending. */
  values: number[];
  /** The coincidence matrix o_ck over `values`. */
  coincidences: number[][];
}

/** Per-unit value counts, kept sparse so bootstrap replicates can reweight units cheaply. */
export interface PairableUnits {
  values: number[];
  /** For unit u: entries [start[u], start[u+1]) of valueIndex/count. */
  start: Int32Array;
  valueIndex: Int32Array;
  count: Float64Array;
  /** m_u: ratings in unit u. */
  size: Float64Array;
  /** Index of each pairable unit in the input rows. */
  rowIndex: Int32Array;
}

export function pairableUnits(rows: readonly (readonly Rating[])[]): PairableUnits {
  const distinct = new Set<number>();
  for (const row of rows) for (const v of row) if (v !== null) distinct.add(v);
  const values = [...distinct].sort((a, b) => a - b);
  const position = new Map(values.map((value, index) => [value, index]));
  const start: number[] = [0];
  const valueIndex: number[] = [];
  const count: number[] = [];
  const size: number[] = [];
  const rowIndex: number[] = [];
  rows.forEach((row, r) => {
    const counts = new Map<number, number>();
    let m = 0;
    for (const v of row) {
      if (v === null) continue;
      if (!Number.isFinite(v)) throw new RangeError(`rating ${v} in unit ${r} is not finite`);
      const index = position.get(v) as number;
      counts.set(index, (counts.get(index) ?? 0) + 1);
      m++;
    }
    if (m < 2) return;
    for (const [index, c] of counts) {
      valueIndex.push(index);
      count.push(c);
    }
    start.push(valueIndex.length);
    size.push(m);
    rowIndex.push(r);
  });
  return {
    values,
    start: Int32Array.from(start),
    valueIndex: Int32Array.from(valueIndex),
    count: Float64Array.from(count),
    size: Float64Array.from(size),
    rowIndex: Int32Array.from(rowIndex),
  };
}

/** o_ck, with each unit counted `weights[u]` times (1 when absent). */
export function coincidenceMatrix(units: PairableUnits, weights?: ArrayLike<number>): Float64Array {
  const v = units.values.length;
  const o = new Float64Array(v * v);
  const unitCount = units.size.length;
  for (let u = 0; u < unitCount; u++) {
    const weight = weights ? (weights[u] as number) : 1;
    if (weight === 0) continue;
    const scale = weight / ((units.size[u] as number) - 1);
    const from = units.start[u] as number;
    const to = units.start[u + 1] as number;
    for (let a = from; a < to; a++) {
      const c = units.valueIndex[a] as number;
      const nc = units.count[a] as number;
      for (let b = from; b < to; b++) {
        const k = units.valueIndex[b] as number;
        const pairs = a === b ? nc * (nc - 1) : nc * (units.count[b] as number);
        o[c * v + k] = (o[c * v + k] as number) + pairs * scale;
      }
    }
  }
  return o;
}

/** δ²_ck for every pair of values; the ordinal metric needs the marginals n_c. */
export function differenceMatrix(
  values: readonly number[],
  marginals: ArrayLike<number>,
  level: MeasurementLevel,
): Float64Array {
  const v = values.length;
  const delta = new Float64Array(v * v);
  // Cumulative marginals make each ordinal Σ_{g=c..k} n_g an O(1) lookup.
  const cumulative = new Float64Array(v + 1);
  for (let c = 0; c < v; c++)
    cumulative[c + 1] = (cumulative[c] as number) + (marginals[c] as number);
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      if (c === k) continue;
      const x = values[c] as number;
      const y = values[k] as number;
      let d2: number;
      if (level === 'nominal') d2 = 1;
      else if (level === 'ordinal') {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const between = (cumulative[hi + 1] as number) - (cumulative[lo] as number);
        d2 = (between - ((marginals[c] as number) + (marginals[k] as number)) / 2) ** 2;
      } else if (level === 'interval') d2 = (x - y) ** 2;
      else d2 = x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
      delta[c * v + k] = d2;
    }
  }
  return delta;
}

interface AlphaParts {
  alpha: number;
  observed: number;
  expected: number;
  n: number;
}

export function alphaFromCoincidences(
  o: Float64Array,
  values: readonly number[],
  level: MeasurementLevel,
): AlphaParts {
  const v = values.length;
  const marginals = new Float64Array(v);
  let n = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) marginals[c] = (marginals[c] as number) + (o[c * v + k] as number);
    n += marginals[c] as number;
  }
  const delta = differenceMatrix(values, marginals, level);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      const d2 = delta[c * v + k] as number;
      observed += (o[c * v + k] as number) * d2;
      expected += (marginals[c] as number) * (marginals[k] as number) * d2;
    }
  }
  observed /= n;
  expected /= n * (n - 1);
  return { alpha: 1 - observed / expected, observed, expected, n };
}

/**
 * Krippendorff's α of a units × raters matrix (null = missing). Returns NaN for α when there
 * is no variation at all (every pairable value equal), where the coefficient is undefined.
 */
export function krippendorffAlpha(
  rows: readonly (readonly Rating[])[],
  level: MeasurementLevel,
): KrippendorffAlpha {
  const units = pairableUnits(rows);
  const o = coincidenceMatrix(units);
  const parts = alphaFromCoincidences(o, units.values, level);
  const v = units.values.length;
  return {
    alpha: parts.alpha,
    level,
    observedDisagreement: parts.observed,
    expectedDisagreement: parts.expected,
    pairableValues: parts.n,
    pairableUnits: units.size.length,
    values: units.values,
    coincidences: Array.from({ length: v }, (_, c) => Array.from(o.subarray(c * v, c * v + v))),
  };
}

/** Percentile bootstrap interval of α, resampling pairable units. */
export function bootstrapKrippendorffAlpha(
  rows: readonly (readonly Rating[])[],
  level: MeasurementLevel,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const units = pairableUnits(rows);
  const estimate = alphaFromCoincidences(coincidenceMatrix(units), units.values, level).alpha;
  return bootstrapOverUnits(
    units.size.length,
    estimate,
    (weights) =>
      alphaFromCoincidences(coincidenceMatrix(units, weights), units.values, level).alpha,
    options,
  );
}
