/**
 * Score-scale use: does the judge spread its scores over the scale as people do, or crowd a
 * few points? Reported per source: counts and shares per scale point, mean, standard
 * deviation and the unused points; between them: the total-variation distance ½ Σ|p_j − q_j|
 * (0 = same distribution, 1 = disjoint), Pearson's chi-square test of homogeneity on the
 * 2 × K table (treats the two sets of scores as independent samples; scipy's chi2_contingency
 * without correction), and — when the scores are paired by item — the Stuart–Maxwell test of
 * marginal homogeneity, which respects the pairing (Stuart 1955; Maxwell 1970).
 */
import { mean, standardDeviation } from '../stats/descriptive';
import { chiSquareSurvival } from '../agreement/distributions';
import { labelOf, type LabelCoding } from '../agreement/coding';
import type { Rating } from '../agreement/types';

export interface ScoreDistribution {
  counts: number[];
  shares: number[];
  mean: number;
  standardDeviation: number;
  unused: string[];
}

export interface ScaleUseReport {
  labels: string[];
  judge: ScoreDistribution;
  human: ScoreDistribution;
  totalVariation: number;
  homogeneity: { chiSquare: number; df: number; pValue: number };
  /** Null when the scores are not paired or the test is undefined (fewer than 2 points used). */
  marginalHomogeneity: { statistic: number; df: number; pValue: number } | null;
}

function distribution(values: number[], coding: LabelCoding): ScoreDistribution {
  const counts = coding.values.map((v) => values.filter((x) => x === v).length);
  const total = values.length;
  return {
    counts,
    shares: counts.map((c) => c / total),
    // Means are in the coding's values: scale positions for ordinal data.
    mean: mean(values),
    standardDeviation: standardDeviation(values),
    unused: coding.values.filter((_, i) => counts[i] === 0).map((v) => labelOf(coding, v)),
  };
}

/** Solves A x = b (A n×n, row-major) by Gaussian elimination with partial pivoting; null if singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let total = m[r]![n]!;
    for (let c = r + 1; c < n; c++) total -= m[r]![c]! * x[c]!;
    x[r] = total / m[r]![r]!;
  }
  return x;
}

/** Stuart–Maxwell χ² on a K×K table of paired categories (rows: judge, columns: human); null when undefined. */
export function stuartMaxwell(
  table: number[][],
): { statistic: number; df: number; pValue: number } | null {
  // Only categories with off-diagonal counts carry information (d_i = 0 and a zero row of S
  // otherwise); dropping them is the generalised-inverse solution and keeps S invertible.
  const used = table.map(
    (row, i) =>
      row.reduce((a, b) => a + b, 0) +
        table.reduce((a, r) => a + (r[i] as number), 0) -
        2 * (row[i] as number) >
      0,
  );
  const keep = used.flatMap((u, i) => (u ? [i] : []));
  const k = keep.length;
  if (k < 2) return null;
  const t = keep.map((i) => keep.map((j) => table[i]![j]!));
  const rows = t.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = t[0]!.map((_, j) => t.reduce((a, r) => a + r[j]!, 0));
  const d = rows.slice(0, k - 1).map((r, i) => r - cols[i]!);
  const s = d.map((_, i) =>
    d.map((__, j) => (i === j ? rows[i]! + cols[i]! - 2 * t[i]![i]! : -(t[i]![j]! + t[j]![i]!))),
  );
  const x = solve(s, d);
  if (x === null) return null;
  const statistic = d.reduce((acc, di, i) => acc + di * x[i]!, 0);
  return { statistic, df: k - 1, pValue: chiSquareSurvival(statistic, k - 1) };
}

function homogeneity(judge: number[], human: number[]): ScaleUseReport['homogeneity'] {
  const nJ = judge.reduce((a, b) => a + b, 0);
  const nH = human.reduce((a, b) => a + b, 0);
  const total = nJ + nH;
  let chiSquare = 0;
  let columns = 0;
  judge.forEach((cj, j) => {
    const column = cj + (human[j] as number);
    if (column === 0) return;
    columns++;
    const eJ = (nJ * column) / total;
    const eH = (nH * column) / total;
    chiSquare += (cj - eJ) ** 2 / eJ + ((human[j] as number) - eH) ** 2 / eH;
  });
  const df = columns - 1;
  return { chiSquare, df, pValue: df > 0 ? chiSquareSurvival(chiSquare, df) : Number.NaN };
}

/**
 * Compares how the judge and the humans use the scale. `judge[i]` and `human[i]` are the two
 * scores of item i when paired (null where missing).
 */
export function scaleUse(
  judge: readonly Rating[],
  human: readonly Rating[],
  coding: LabelCoding,
  options: { paired?: boolean } = {},
): ScaleUseReport {
  const judgeValues = judge.filter((v): v is number => v !== null);
  const humanValues = human.filter((v): v is number => v !== null);
  const j = distribution(judgeValues, coding);
  const h = distribution(humanValues, coding);
  let marginalHomogeneity: ScaleUseReport['marginalHomogeneity'] = null;
  if ((options.paired ?? true) && judge.length === human.length) {
    const position = new Map(coding.values.map((v, i) => [v, i]));
    const table = coding.values.map(() => new Array<number>(coding.values.length).fill(0));
    judge.forEach((a, i) => {
      const b = human[i];
      if (a === null || b === null || b === undefined) return;
      table[position.get(a)!]![position.get(b)!]! += 1;
    });
    marginalHomogeneity = stuartMaxwell(table);
  }
  return {
    labels: coding.labels,
    judge: j,
    human: h,
    totalVariation:
      0.5 * j.shares.reduce((acc, p, i) => acc + Math.abs(p - (h.shares[i] as number)), 0),
    homogeneity: homogeneity(j.counts, h.counts),
    marginalHomogeneity,
  };
}
