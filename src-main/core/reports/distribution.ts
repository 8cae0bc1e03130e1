/**
 * Shapes of a set of latencies for charts: equal-width histogram bins shared by every model
 * (so bars line up), and the empirical CDF thinned to a bounded number of exact points.
 */

/** `bins + 1` equal-width edges spanning every value (empty when there are no values). */
export function sharedBinEdges(groups: ReadonlyArray<readonly number[]>, bins: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const values of groups)
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  if (min === Infinity) return [];
  if (max === min) [min, max] = [min - 0.5, max + 0.5];
  const width = (max - min) / bins;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
}

/** Counts per bin; a bin holds [low, high), the last one [low, high]. */
export function histogram(values: readonly number[], edges: readonly number[]): number[] {
  const bins = Math.max(0, edges.length - 1);
  const counts = new Array<number>(bins).fill(0);
  if (bins === 0) return counts;
  const min = edges[0] as number;
  const max = edges[bins] as number;
  const width = (max - min) / bins;
  for (const v of values) {
    if (v < min || v > max) continue;
    const i = Math.min(bins - 1, Math.floor((v - min) / width));
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

/**
 * Points (x, share of values ≤ x) of the empirical CDF. With more values than `maxPoints`,
 * the points are taken at evenly spaced ranks; each is still an exact point of the CDF.
 */
export function cdfPoints(
  values: readonly number[],
  maxPoints = 200,
): Array<{ ms: number; share: number }> {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const ranks = new Set<number>();
  if (n <= maxPoints) for (let i = 0; i < n; i++) ranks.add(i);
  else for (let k = 1; k <= maxPoints; k++) ranks.add(Math.ceil((k * n) / maxPoints) - 1);
  ranks.add(0);
  const points: Array<{ ms: number; share: number }> = [];
  for (const i of [...ranks].sort((a, b) => a - b)) {
    // Ties: the CDF at a value counts every copy of it, so use the last index of the run.
    let j = i;
    while (j + 1 < n && sorted[j + 1] === sorted[i]) j++;
    const point = { ms: sorted[i] as number, share: (j + 1) / n };
    if (points.at(-1)?.ms !== point.ms) points.push(point);
  }
  return points;
}
