/**
 * The binomial distribution: log-gamma (Lanczos, g = 7), the pmf and tails, scipy's exact
 * two-sided binomial test, and an exact sampler (inversion for small means, BTPE of
 * Kachitvichyanukul & Schmeiser 1988 otherwise) used by the multinomial bootstrap.
 */
import type { Random } from './random';

const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, ~15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = lanczos[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (lanczos[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n || !Number.isInteger(k)) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(X ≤ k). Summed from the smaller tail so that small probabilities keep their digits. */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const kk = Math.floor(k);
  if (kk < n * p) {
    let total = 0;
    for (let i = 0; i <= kk; i++) total += binomialPmf(i, n, p);
    return Math.min(1, total);
  }
  let upper = 0;
  for (let i = kk + 1; i <= n; i++) upper += binomialPmf(i, n, p);
  return Math.max(0, 1 - upper);
}

export type Alternative = 'two-sided' | 'less' | 'greater';

/**
 * Exact binomial test of H0: P(success) = p, as scipy.stats.binomtest: the two-sided p-value
 * sums the probabilities of every outcome no more likely than the observed one (with scipy's
 * relative tolerance 1 + 1e-7 for ties).
 */
export function binomialTest(
  k: number,
  n: number,
  p = 0.5,
  alternative: Alternative = 'two-sided',
): number {
  if (n === 0) return 1;
  if (alternative === 'less') return binomialCdf(k, n, p);
  if (alternative === 'greater') return 1 - binomialCdf(k - 1, n, p);
  if (k === p * n) return 1;
  const limit = binomialPmf(k, n, p) * (1 + 1e-7);
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const pmf = binomialPmf(i, n, p);
    if (pmf <= limit) total += pmf;
  }
  return Math.min(1, total);
}

/** Draws X ~ Binomial(n, p) exactly. */
export function sampleBinomial(random: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - sampleBinomial(random, n, 1 - p);
  return n * p <= 30 ? binomialInversion(random, n, p) : binomialBtpe(random, n, p);
}

function binomialInversion(random: Random, n: number, p: number): number {
  const q = 1 - p;
  const qn = Math.exp(n * Math.log(q));
  const np = n * p;
  const bound = Math.min(n, np + 10 * Math.sqrt(np * q + 1));
  for (;;) {
    let x = 0;
    let px = qn;
    let u = random.next();
    while (u > px) {
      x++;
      if (x > bound) break;
      u -= px;
      px = ((n - x + 1) * p * px) / (x * q);
    }
    if (x <= bound) return x;
  }
}

/** BTPE: triangle/parallelogram/exponential envelopes with a squeeze (p ≤ ½, n·p > 30). */
function binomialBtpe(random: Random, n: number, p: number): number {
  const r = p;
  const q = 1 - r;
  const fm = n * r + r;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(n * r * q) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * r);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  const nrq = n * r * q;
  for (;;) {
    const u = random.next() * p4;
    let v = random.next();
    let y: number;
    if (u <= p1) return Math.floor(xm - p1 * v + u);
    if (u <= p2) {
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    if (btpeAccepts(y, m, n, r, q, nrq, xm, v)) return y;
  }
}

function btpeAccepts(
  y: number,
  m: number,
  n: number,
  r: number,
  q: number,
  nrq: number,
  xm: number,
  v: number,
): boolean {
  const k = Math.abs(y - m);
  if (k <= 20 || k >= nrq / 2 - 1) {
    // Explicit evaluation of f(y)/f(m) by the recurrence.
    const s = r / q;
    const a = s * (n + 1);
    let f = 1;
    if (m < y) for (let i = m + 1; i <= y; i++) f *= a / i - s;
    else if (m > y) for (let i = y + 1; i <= m; i++) f /= a / i - s;
    return v <= f;
  }
  const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
  const t = (-k * k) / (2 * nrq);
  const logV = Math.log(v);
  if (logV < t - rho) return true;
  if (logV > t + rho) return false;
  const x1 = y + 1;
  const f1 = m + 1;
  const z = n + 1 - m;
  const w = n - y + 1;
  const stirling = (value: number) => {
    const v2 = value * value;
    return (13680 - (462 - (132 - (99 - 140 / v2) / v2) / v2) / v2) / value / 166320;
  };
  const bound =
    xm * Math.log(f1 / x1) +
    (n - m + 0.5) * Math.log(z / w) +
    (y - m) * Math.log((w * r) / (x1 * q)) +
    stirling(f1) +
    stirling(z) +
    stirling(x1) +
    stirling(w);
  return logV <= bound;
}
