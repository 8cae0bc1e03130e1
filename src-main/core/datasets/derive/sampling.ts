import { createRandom, type Random } from '../../stats/random';

export interface SampleParams {
  size: number;
  seed: number | string;
  stratify: boolean;
  minPerCategory: number;
  /** Beyond the minimum, allocate in proportion to √population instead of population. */
  oversampleRare: boolean;
}

export interface Stratum {
  /** null: items without a category. */
  category: string | null;
  population: number;
  sampled: number;
}

export class SamplingError extends Error {
  override name = 'SamplingError';
}

/** Picks `n` of `pool` without replacement (partial Fisher–Yates), in pool order. */
function pick<T>(pool: readonly T[], n: number, random: Random): T[] {
  const indexes = pool.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + random.int(indexes.length - i);
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  return indexes
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => pool[i] as T);
}

/**
 * How many to take from each stratum: first the minimum (capped by the stratum's size), then
 * the rest in proportion to population (or √population), by largest remainder, never more
 * than a stratum holds. Deterministic: ties break by stratum order.
 */
export function allocate(
  populations: readonly number[],
  size: number,
  minimum: number,
  power: number,
): number[] {
  const alloc = populations.map((p) => Math.min(p, minimum));
  let remaining = size - alloc.reduce((a, b) => a + b, 0);
  if (remaining < 0) {
    throw new SamplingError(
      `a minimum of ${minimum} per category over ${populations.length} categories needs ${size - remaining} items, more than the sample size ${size}`,
    );
  }
  while (remaining > 0) {
    const open = populations
      .map((p, i) => i)
      .filter((i) => (populations[i] as number) > (alloc[i] as number));
    if (open.length === 0) break;
    const weights = open.map((i) => Math.pow(populations[i] as number, power));
    const total = weights.reduce((a, b) => a + b, 0);
    const quotas = open.map((i, j) => ({ i, quota: (remaining * (weights[j] as number)) / total }));
    let given = 0;
    for (const { i, quota } of quotas) {
      const take = Math.min(Math.floor(quota), (populations[i] as number) - (alloc[i] as number));
      alloc[i] = (alloc[i] as number) + take;
      given += take;
    }
    // Hand out what flooring left, largest remainder first.
    const byRemainder = quotas
      .filter(({ i }) => (populations[i] as number) > (alloc[i] as number))
      .sort((a, b) => (b.quota % 1) - (a.quota % 1) || a.i - b.i);
    for (const { i } of byRemainder) {
      if (given >= remaining) break;
      alloc[i] = (alloc[i] as number) + 1;
      given++;
    }
    if (given === 0) break;
    remaining -= given;
  }
  return alloc;
}

/**
 * A seeded sample of `size` keys, stratified by category: at least `minPerCategory` from
 * each (all of a smaller one), the rest by (√)population. Strata are ordered by category
 * name and each draws from its own fork of the seeded stream, so the same seed and items
 * give the same sample on every machine.
 */
export function stratifiedSample(
  items: ReadonlyArray<{ key: string; category: string | null }>,
  params: SampleParams,
): { keys: Set<string>; strata: Stratum[] } {
  if (params.size > items.length) {
    throw new SamplingError(`cannot sample ${params.size} items from a version of ${items.length}`);
  }
  const random = createRandom(params.seed);
  if (!params.stratify) {
    const chosen = pick(items, params.size, random);
    return {
      keys: new Set(chosen.map((i) => i.key)),
      strata: [{ category: null, population: items.length, sampled: params.size }],
    };
  }
  const groups = new Map<string | null, string[]>();
  for (const item of items) {
    const list = groups.get(item.category) ?? [];
    list.push(item.key);
    groups.set(item.category, list);
  }
  const categories = [...groups.keys()].sort((a, b) =>
    a === null ? -1 : b === null ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const populations = categories.map((c) => (groups.get(c) as string[]).length);
  const alloc = allocate(
    populations,
    params.size,
    params.minPerCategory,
    params.oversampleRare ? 0.5 : 1,
  );
  const keys = new Set<string>();
  const strata: Stratum[] = categories.map((category, i) => {
    const stream = random.fork();
    for (const key of pick(groups.get(category) as string[], alloc[i] as number, stream))
      keys.add(key);
    return { category, population: populations[i] as number, sampled: alloc[i] as number };
  });
  return { keys, strata };
}
