const usd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/** Dollars as the core computed them; null means "no price known". */
export function formatUsd(value: number | null): string {
  return value === null ? 'unpriced' : usd.format(value);
}

/**
 * The cost bound of a whole run as the core summed it: the priced part, then the models that
 * have no price ("at most $0.41 + 1 unpriced model (sim-b)").
 */
export function formatCostBound(estimate: {
  pricedMaxCostUsd: number;
  unpricedModelKeys: readonly string[];
  models: readonly unknown[];
}): { bound: string | null; unpriced: string } {
  const n = estimate.unpricedModelKeys.length;
  const unpriced =
    n === 0
      ? ''
      : `${n} unpriced model${n === 1 ? '' : 's'} (${estimate.unpricedModelKeys.join(', ')})`;
  const hasPriced = n < estimate.models.length;
  return { bound: hasPriced ? usd.format(estimate.pricedMaxCostUsd) : null, unpriced };
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export function formatTokens(n: number): string {
  return compact.format(n);
}
