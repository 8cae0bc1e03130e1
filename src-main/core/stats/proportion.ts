/**
 * Intervals for proportions: Wilson's score interval for one pass rate (Wilson 1927; the
 * formula of scipy.stats.binomtest(...).proportion_ci(method='wilson'|'wilsoncc')), and
 * Newcombe's method 10 for the difference of two paired pass rates (Newcombe 1998,
 * Statistics in Medicine 17:2635–2650), the interval reported with McNemar's test.
 */
import type { Alternative } from './binomial';
import { normalQuantile } from './normal';

export interface Interval {
  low: number;
  high: number;
}

export interface ProportionEstimate extends Interval {
  /** Successes over trials; NaN when there are no trials. */
  estimate: number;
  successes: number;
  trials: number;
  method: 'wilson' | 'wilson-cc';
  confidenceLevel: number;
}

/** Wilson score interval, optionally with continuity correction, as scipy computes it. */
export function wilsonInterval(
  successes: number,
  trials: number,
  options: {
    confidenceLevel?: number;
    continuityCorrection?: boolean;
    alternative?: Alternative;
  } = {},
): ProportionEstimate {
  const level = options.confidenceLevel ?? 0.95;
  const correction = options.continuityCorrection ?? false;
  const alternative = options.alternative ?? 'two-sided';
  const method = correction ? 'wilson-cc' : 'wilson';
  if (trials === 0) {
    return { estimate: NaN, low: 0, high: 1, successes, trials, method, confidenceLevel: level };
  }
  const k = successes;
  const n = trials;
  const p = k / n;
  const z = alternative === 'two-sided' ? normalQuantile(0.5 + 0.5 * level) : normalQuantile(level);
  const z2 = z * z;
  const denom = 2 * (n + z2);
  const center = (2 * n * p + z2) / denom;
  const q = 1 - p;
  let low: number;
  let high: number;
  if (correction) {
    low = center - (1 + z * Math.sqrt(z2 - 2 - 1 / n + 4 * p * (n * q + 1))) / denom;
    high = center + (1 + z * Math.sqrt(z2 + 2 - 1 / n + 4 * p * (n * q - 1))) / denom;
  } else {
    const delta = (z / denom) * Math.sqrt(4 * n * p * q + z2);
    low = center - delta;
    high = center + delta;
  }
  // As scipy: the bound at an observed extreme is the extreme itself.
  if (k === 0) low = 0;
  if (k === n) high = 1;
  if (alternative === 'less') low = 0;
  if (alternative === 'greater') high = 1;
  return { estimate: p, low, high, successes, trials, method, confidenceLevel: level };
}

/** Counts of a paired 2×2 table: a = both pass, b = first only, c = second only, d = neither. */
export interface PairedTable {
  bothPass: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
}

/**
 * Interval for p₂ − p₁ (second minus first) from paired pass/fail data: Newcombe's method 10,
 * Wilson intervals for each margin combined with the phi correlation (continuity-corrected as
 * in Newcombe's paper: φ uses max(ad − bc − n/2, 0) when ad > bc).
 */
export function pairedDifferenceInterval(
  table: PairedTable,
  confidenceLevel = 0.95,
): Interval & { estimate: number } {
  const { bothPass: a, firstOnly: b, secondOnly: c, neither: d } = table;
  const n = a + b + c + d;
  if (n === 0) return { estimate: NaN, low: -1, high: 1 };
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const w1 = wilsonInterval(a + b, n, { confidenceLevel });
  const w2 = wilsonInterval(a + c, n, { confidenceLevel });
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  let phi = 0;
  if (margins > 0) {
    const cross = a * d - b * c;
    const corrected = cross > n / 2 ? cross - n / 2 : cross < 0 ? cross : 0;
    phi = corrected / Math.sqrt(margins);
  }
  // θ = p1 − p2 in Newcombe's notation; we report p2 − p1, so the bounds swap sign.
  const theta = p1 - p2;
  const dl1 = p1 - w1.low;
  const du1 = w1.high - p1;
  const dl2 = p2 - w2.low;
  const du2 = w2.high - p2;
  const lowerTheta = theta - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
  const upperTheta = theta + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
  return { estimate: -theta, low: Math.max(-1, -upperTheta), high: Math.min(1, -lowerTheta) };
}

/** Cohen's h = 2·asin(√p₂) − 2·asin(√p₁): an effect size for two proportions. */
export function cohensH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p2)) - 2 * Math.asin(Math.sqrt(p1));
}
