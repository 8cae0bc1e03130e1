import type { PricedRunEstimate, RunEstimate } from '@contract/routes/runs';

/**
 * Adds to a run estimate the sum of the models that have a price and the list of those that
 * have none, so the screen can say "at most $0.41 + 1 unpriced model" instead of hiding the
 * known part behind one missing price.
 */
export function withPricedTotal(estimate: RunEstimate): PricedRunEstimate {
  let pricedMaxCostUsd = 0;
  const unpricedModelKeys: string[] = [];
  for (const model of estimate.models) {
    if (model.maxCostUsd === null) unpricedModelKeys.push(model.modelKey);
    else pricedMaxCostUsd += model.maxCostUsd;
  }
  return { ...estimate, pricedMaxCostUsd, unpricedModelKeys };
}
