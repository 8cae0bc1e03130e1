/**
 * Holm's step-down correction (Holm 1979, "A simple sequentially rejective multiple test
 * procedure"): sort the m p-values, multiply the i-th smallest by (m − i + 1), take the running
 * maximum and cap at 1. Controls the family-wise error rate under any dependence.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
