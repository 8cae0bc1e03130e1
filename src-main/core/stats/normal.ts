/**
 * The standard normal distribution to double precision, written from first principles so the
 * statistics need no dependency: the CDF from the error function (a power series below 2, a
 * continued fraction above), the quantile from Abramowitz & Stegun 26.2.23 polished by Halley
 * steps on the exact CDF. Checked against scipy.special.ndtr/ndtri (tests/fixtures/stats).
 */

const sqrtPi = Math.sqrt(Math.PI);
const sqrt2 = Math.SQRT2;
const sqrt2Pi = Math.sqrt(2 * Math.PI);

/** erf(x) for |x| < 2: (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)); every term is positive. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let total = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    total += term;
    if (Math.abs(term) < 1e-17 * Math.abs(total)) break;
  }
  return (2 / sqrtPi) * Math.exp(-x2) * total;
}

/** erfc(x) for x ≥ 2: e^(−x²)/√π / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) by Lentz's method. */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (sqrtPi * f);
}

/** The complementary error function, accurate to a few ulps (relative) over the real line. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  if (x > 27) return 0;
  return erfcContinuedFraction(x);
}

/** Φ(x), the standard normal CDF (scipy.special.ndtr). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return 0.5 * erfc(-x / sqrt2);
}

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / sqrt2Pi;
}

/** Φ⁻¹(p), the standard normal quantile (scipy.special.ndtri). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  // Solve in the lower tail, where Φ is computed without cancellation; 1 − p is exact for p ≥ ½.
  const lower = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(lower));
  let x = -(
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
  );
  for (let step = 0; step < 4; step++) {
    const error = normalCdf(x) - lower;
    const u = error * sqrt2Pi * Math.exp(0.5 * x * x);
    const next = x - u / (1 + 0.5 * x * u);
    if (!Number.isFinite(next)) break;
    if (Math.abs(next - x) <= 1e-16 * Math.abs(x)) {
      x = next;
      break;
    }
    x = next;
  }
  return p < 0.5 ? x : -x;
}

/** The two-sided critical value z such that P(|Z| ≤ z) = level. */
export function zForConfidence(level: number): number {
  return normalQuantile(0.5 + level / 2);
}
