/**
 * Fleiss' κ for many raters and nominal categories (Fleiss 1971), from a units × categories
 * table of counts (how many raters put unit i in category j).
 *
 *   P_i = Σ_j n_ij (n_ij − 1) / (r_i (r_i − 1)),   P̄ = mean of P_i over units with r_i ≥ 2,
 *   π_j = mean over units of n_ij / r_i,            P̄e = Σ_j π_j²,   κ = (P̄ − P̄e) / (1 − P̄e).
 *
 * With the same number of raters per unit (Fleiss' setting) this is exactly Fleiss' κ. With
 * missing ratings it is Gwet's (2014, §2.4) generalisation: units with one rating carry no
 * agreement information and count only towards the category proportions π_j. The standard
 * error of κ under H0: κ = 0 is Fleiss, Nee & Landis (1979), reported only for constant r.
 */
import { normalCdf } from '../stats/normal';
import { bootstrapOverUnits, type BootstrapInterval, type BootstrapOptions } from './bootstrap';
import type { Rating } from './types';

export interface FleissKappa {
  kappa: number;
  /** P̄: mean pairwise agreement within units. */
  observedAgreement: number;
  /** P̄e: agreement expected from the category proportions. */
  expectedAgreement: number;
  /** Units used for agreement (two or more ratings). */
  units: number;
  /** Ratings per unit when constant, else null. */
  ratersPerUnit: number | null;
  categories: number[];
  /** π_j, in the order of `categories`. */
  categoryProportions: number[];
  /** Test of κ = 0 (Fleiss, Nee & Landis 1979); null when the number of raters varies. */
  test: { standardErrorNull: number; z: number; pValue: number } | null;
}

/** Units × categories counts from a units × raters matrix of category codes. */
export function countsByCategory(
  values: readonly (readonly Rating[])[],
  categories?: readonly number[],
): { categories: number[]; counts: number[][] } {
  const scale =
    categories !== undefined
      ? [...categories]
      : [...new Set(values.flat().filter((v): v is number => v !== null))].sort((a, b) => a - b);
  const position = new Map(scale.map((value, index) => [value, index]));
  const counts = values.map((row) => {
    const unitCounts = new Array<number>(scale.length).fill(0);
    for (const value of row) {
      if (value === null) continue;
      const j = position.get(value);
      if (j === undefined) throw new RangeError(`rating ${value} is not one of the categories`);
      unitCounts[j] = (unitCounts[j] as number) + 1;
    }
    return unitCounts;
  });
  return { categories: scale, counts };
}

interface FleissParts {
  kappa: number;
  observed: number;
  expected: number;
  units: number;
  proportions: Float64Array;
}

function fleissParts(
  counts: readonly (readonly number[])[],
  k: number,
  weights?: ArrayLike<number>,
): FleissParts {
  const proportions = new Float64Array(k);
  let agreementSum = 0;
  let agreementUnits = 0;
  let allUnits = 0;
  counts.forEach((row, i) => {
    const weight = weights ? (weights[i] as number) : 1;
    if (weight === 0) return;
    let r = 0;
    for (let j = 0; j < k; j++) r += row[j] as number;
    if (r === 0) return;
    allUnits += weight;
    let same = 0;
    for (let j = 0; j < k; j++) {
      const n = row[j] as number;
      proportions[j] = (proportions[j] as number) + (weight * n) / r;
      same += n * (n - 1);
    }
    if (r >= 2) {
      agreementSum += (weight * same) / (r * (r - 1));
      agreementUnits += weight;
    }
  });
  let expected = 0;
  for (let j = 0; j < k; j++) {
    proportions[j] = (proportions[j] as number) / allUnits;
    expected += (proportions[j] as number) ** 2;
  }
  const observed = agreementSum / agreementUnits;
  return {
    kappa: (observed - expected) / (1 - expected),
    observed,
    expected,
    units: agreementUnits,
    proportions,
  };
}

/** Fleiss' κ from a units × categories table of counts. */
export function fleissKappaFromCounts(
  counts: readonly (readonly number[])[],
  categories?: readonly number[],
): FleissKappa {
  const k = counts[0]?.length ?? 0;
  const parts = fleissParts(counts, k);
  const totals = counts.map((row) => row.reduce((a, b) => a + b, 0)).filter((r) => r > 0);
  const constant =
    totals.length > 0 && totals.every((r) => r === totals[0]) ? (totals[0] as number) : null;
  let test: FleissKappa['test'] = null;
  if (constant !== null && constant >= 2) {
    // Fleiss, Nee & Landis (1979), eq. 12 (the z that irr::kappam.fleiss prints).
    let pq = 0;
    let pqqp = 0;
    for (const p of parts.proportions) {
      const q = 1 - p;
      pq += p * q;
      pqqp += p * q * (q - p);
    }
    const se0 =
      (Math.SQRT2 / (pq * Math.sqrt(parts.units * constant * (constant - 1)))) *
      Math.sqrt(pq * pq - pqqp);
    const z = parts.kappa / se0;
    test = { standardErrorNull: se0, z, pValue: 2 * normalCdf(-Math.abs(z)) };
  }
  return {
    kappa: parts.kappa,
    observedAgreement: parts.observed,
    expectedAgreement: parts.expected,
    units: parts.units,
    ratersPerUnit: constant,
    categories: categories ? [...categories] : Array.from({ length: k }, (_, j) => j),
    categoryProportions: Array.from(parts.proportions),
    test,
  };
}

/** Fleiss' κ from a units × raters matrix of category codes (missing ratings allowed). */
export function fleissKappa(
  values: readonly (readonly Rating[])[],
  categories?: readonly number[],
): FleissKappa {
  const table = countsByCategory(values, categories);
  return fleissKappaFromCounts(table.counts, table.categories);
}

/** Percentile bootstrap interval of Fleiss' κ over units. */
export function bootstrapFleissKappa(
  values: readonly (readonly Rating[])[],
  options: BootstrapOptions & { categories?: readonly number[] } = {},
): BootstrapInterval {
  const { counts, categories } = countsByCategory(values, options.categories);
  const k = categories.length;
  const estimate = fleissParts(counts, k).kappa;
  return bootstrapOverUnits(
    counts.length,
    estimate,
    (weights) => fleissParts(counts, k, weights).kappa,
    options,
  );
}
