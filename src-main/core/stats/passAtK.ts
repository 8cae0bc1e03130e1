/**
 * pass@k with the unbiased estimator of Chen et al. (2021), "Evaluating Large Language Models
 * Trained on Code", eq. (1): for n samples of which c pass, 1 − C(n − c, k) / C(n, k), computed
 * as the product 1 − ∏_{i=n−c+1}^{n} (1 − k / i) to stay stable for large n.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (
    !Number.isInteger(n) ||
    !Number.isInteger(c) ||
    !Number.isInteger(k) ||
    n < 1 ||
    c < 0 ||
    c > n ||
    k < 1 ||
    k > n
  ) {
    throw new Error(`pass@k needs integers 0 ≤ c ≤ n and 1 ≤ k ≤ n (got n=${n}, c=${c}, k=${k})`);
  }
  if (n - c < k) return 1;
  let product = 1;
  for (let i = n - c + 1; i <= n; i++) product *= 1 - k / i;
  return 1 - product;
}

/** Mean pass@k over items, each given as (samples, passes); items with fewer than k samples are skipped. */
export function meanPassAtK(
  items: ReadonlyArray<{ n: number; c: number }>,
  k: number,
): number | null {
  const eligible = items.filter((item) => item.n >= k);
  if (eligible.length === 0) return null;
  return eligible.reduce((sum, item) => sum + passAtK(item.n, item.c, k), 0) / eligible.length;
}
