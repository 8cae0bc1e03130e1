/**
 * Judge-corrected estimates: prediction-powered inference for a mean or pass rate
 * (Angelopoulos, Bates, Fannjiang, Jordan & Zrnic 2023, "Prediction-powered inference",
 * Science 382:669), from a small set labelled by people and the judge (n items) and a large
 * set labelled by the judge only (N items).
 *
 *   θ̂_PP = mean_N(f) − mean_n(f − y)                     (the judge's mean, minus its bias
 *                                                           measured where people labelled)
 *   CI    = θ̂_PP ± z_{1−α/2} · √( s²_f,N / N + s²_{f−y},n / n )
 *
 * It is valid whatever the judge's quality — a bad judge only widens the interval. With
 * `powerTuning` the estimate is PPI++ (Angelopoulos, Duchi & Zrnic 2023): θ̂_λ = mean_n(y) +
 * λ·(mean_N(f) − mean_n(f)) with λ = Cov_n(y, f) / ((1 + n/N)·Var(f)) clipped to [0, 1], so
 * the interval is never wider (asymptotically) than the human-only one.
 *
 * Reported next to it: the human-only estimate (mean of the n human labels; Wilson interval
 * for 0/1 labels, normal otherwise) and the judge-only estimate (mean of all n + N judge
 * labels with a normal interval — which ignores the judge's bias, and is shown for contrast).
 */
import { wilsonInterval } from '../stats/proportion';
import { zForConfidence } from '../stats/normal';
import type { IntervalEstimate } from '../agreement/types';

export interface PpiInput {
  /** Human labels y on the labelled set. */
  human: ArrayLike<number>;
  /** Judge labels f on the same items, in the same order. */
  judgeOnLabelled: ArrayLike<number>;
  /** Judge labels on the items people did not label. */
  judgeOnUnlabelled: ArrayLike<number>;
}

export interface PpiOptions {
  confidenceLevel?: number;
  /** PPI++ power tuning (default false: the classical estimator of the 2023 paper). */
  powerTuning?: boolean;
}

export interface PpiEstimate extends IntervalEstimate {
  standardError: number;
  /** 1 for classical PPI; the tuned weight for PPI++. */
  lambda: number;
}

export interface PpiReport {
  n: number;
  bigN: number;
  ppi: PpiEstimate;
  humanOnly: IntervalEstimate;
  judgeOnly: IntervalEstimate;
  /** mean(f − y) on the labelled set: the judge's bias, with a normal interval. */
  judgeBias: IntervalEstimate;
}

interface Moments {
  mean: number;
  variance: number;
}

function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i] as number;
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += ((values[i] as number) - m) ** 2;
  return { mean: m, variance: n > 1 ? s / (n - 1) : Number.NaN };
}

function isBinary(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0 && values[i] !== 1) return false;
  return true;
}

function normal(
  estimate: number,
  standardError: number,
  z: number,
  confidenceLevel: number,
  method: string,
): IntervalEstimate {
  return {
    estimate,
    low: estimate - z * standardError,
    high: estimate + z * standardError,
    confidenceLevel,
    method,
  };
}

/** The prediction-powered mean and its interval (the hot part, for simulations). */
export function ppiMean(input: PpiInput, options: PpiOptions = {}): PpiEstimate {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const { human: y, judgeOnLabelled: f, judgeOnUnlabelled: fu } = input;
  const n = y.length;
  const bigN = fu.length;
  if (f.length !== n)
    throw new RangeError(`human and judge labels differ in length: ${n} vs ${f.length}`);
  if (n < 2 || bigN < 2)
    throw new RangeError(
      'prediction-powered inference needs at least 2 labelled and 2 unlabelled items',
    );
  const yM = moments(y);
  const fM = moments(f);
  const fuM = moments(fu);
  let cov = 0;
  for (let i = 0; i < n; i++) cov += ((y[i] as number) - yM.mean) * ((f[i] as number) - fM.mean);
  cov /= n - 1;
  let lambda = 1;
  if (options.powerTuning) {
    // Var(f) over both sets pooled: the judge label's variance does not depend on labelling.
    const pooledMean = (fM.mean * n + fuM.mean * bigN) / (n + bigN);
    const pooledVariance =
      ((n - 1) * fM.variance +
        n * (fM.mean - pooledMean) ** 2 +
        (bigN - 1) * fuM.variance +
        bigN * (fuM.mean - pooledMean) ** 2) /
      (n + bigN - 1);
    lambda =
      pooledVariance > 0 ? Math.min(1, Math.max(0, cov / ((1 + n / bigN) * pooledVariance))) : 0;
  }
  const estimate = yM.mean + lambda * (fuM.mean - fM.mean);
  // Var(y − λf) on the labelled set = Var(y) + λ²Var(f) − 2λCov(y, f).
  const rectifierVariance = Math.max(
    0,
    yM.variance + lambda * lambda * fM.variance - 2 * lambda * cov,
  );
  const standardError = Math.sqrt((lambda * lambda * fuM.variance) / bigN + rectifierVariance / n);
  const z = zForConfidence(confidenceLevel);
  return {
    estimate,
    low: estimate - z * standardError,
    high: estimate + z * standardError,
    confidenceLevel,
    method: options.powerTuning
      ? 'prediction-powered (PPI++, power-tuned)'
      : 'prediction-powered (PPI)',
    standardError,
    lambda,
  };
}

export function predictionPoweredEstimate(input: PpiInput, options: PpiOptions = {}): PpiReport {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const z = zForConfidence(confidenceLevel);
  const ppi = ppiMean(input, options);
  const n = input.human.length;
  const yM = moments(input.human);
  let humanOnly: IntervalEstimate;
  if (isBinary(input.human)) {
    let successes = 0;
    for (let i = 0; i < n; i++) successes += input.human[i] as number;
    const w = wilsonInterval(successes, n, { confidenceLevel });
    humanOnly = {
      estimate: w.estimate,
      low: w.low,
      high: w.high,
      confidenceLevel,
      method: 'wilson',
    };
  } else {
    humanOnly = normal(yM.mean, Math.sqrt(yM.variance / n), z, confidenceLevel, 'normal (CLT)');
  }
  const allJudge = new Float64Array(n + input.judgeOnUnlabelled.length);
  for (let i = 0; i < n; i++) allJudge[i] = input.judgeOnLabelled[i] as number;
  for (let i = 0; i < input.judgeOnUnlabelled.length; i++)
    allJudge[n + i] = input.judgeOnUnlabelled[i] as number;
  const jM = moments(allJudge);
  const gaps = Float64Array.from(
    { length: n },
    (_, i) => (input.judgeOnLabelled[i] as number) - (input.human[i] as number),
  );
  const gM = moments(gaps);
  return {
    n,
    bigN: input.judgeOnUnlabelled.length,
    ppi,
    humanOnly,
    judgeOnly: normal(
      jM.mean,
      Math.sqrt(jM.variance / allJudge.length),
      z,
      confidenceLevel,
      'normal (CLT; ignores judge bias)',
    ),
    judgeBias: normal(gM.mean, Math.sqrt(gM.variance / n), z, confidenceLevel, 'normal (CLT)'),
  };
}
