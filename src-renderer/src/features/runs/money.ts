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

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export function formatTokens(n: number): string {
  return compact.format(n);
}
