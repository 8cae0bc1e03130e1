/** The cost–quality Pareto frontier: cheaper is better, higher quality is better. */

export interface CostQualityInput {
  key: string;
  cost: number | null;
  quality: number | null;
}

/**
 * Keys of the points no other point dominates (at most as dear and at least as good, strictly
 * better in one), cheapest first. Points missing a cost or a quality are never on it.
 */
export function paretoFrontier(points: readonly CostQualityInput[]): string[] {
  const valid = points.filter(
    (p): p is { key: string; cost: number; quality: number } =>
      p.cost !== null && p.quality !== null,
  );
  const dominated = (p: (typeof valid)[number]) =>
    valid.some(
      (q) =>
        q !== p &&
        q.cost <= p.cost &&
        q.quality >= p.quality &&
        (q.cost < p.cost || q.quality > p.quality),
    );
  return valid
    .filter((p) => !dominated(p))
    .sort((a, b) => a.cost - b.cost || b.quality - a.quality || a.key.localeCompare(b.key))
    .map((p) => p.key);
}
