/**
 * Position bias: does a pairwise judge's verdict depend on which output is shown first?
 * Each pair (X, Y) is judged twice, X first ("original") and Y first ("swapped"); verdicts are
 * in shown positions (A = whichever was shown first).
 *
 * A consistent judge names the same content both times: (A, B), (B, A) or (tie, tie). Each pair
 * gets a position lean = #A verdicts − #B verdicts over its two runs: 0 when consistent, +2 for
 * (A, A) — the first position won both times — −2 for (B, B), ±1 when one run was a tie.
 * Without position bias the content effects cancel (each output is first once), so leaning
 * first and leaning second are equally likely: the test is an exact two-sided sign test of
 * the pairs leaning first against those leaning second (binomial, p = ½). Also reported: the
 * flip rate (inconsistent pairs, Wilson interval) and the first-position preference among
 * leaning pairs (Wilson interval; 0.5 means no preference).
 */
import { wilsonInterval } from '../stats/proportion';
import { binomialTest } from '../stats/binomial';
import type { IntervalEstimate } from '../agreement/types';
import type { PairwiseVerdict } from './pairwise';

export interface SwappedPair {
  itemId: string;
  /** Verdict with the pair in its original order. */
  original: PairwiseVerdict;
  /** Verdict with the two outputs swapped. */
  swapped: PairwiseVerdict;
}

export interface PositionBiasReport {
  pairs: number;
  consistent: number;
  /** Pairs whose two verdicts name different content. */
  flipRate: IntervalEstimate;
  /** (A, A): the first position won both times. */
  firstBothTimes: number;
  /** (B, B): the second position won both times. */
  secondBothTimes: number;
  leanFirst: number;
  leanSecond: number;
  /** Share of leaning pairs that lean to the first position. */
  firstPositionPreference: IntervalEstimate;
  /** Exact sign test of leanFirst vs leanSecond. */
  pValue: number;
  /** The favoured position when pValue < alpha, else null. */
  favoured: 'first' | 'second' | null;
  alpha: number;
}

function wilson(successes: number, trials: number, confidenceLevel: number): IntervalEstimate {
  const w = wilsonInterval(successes, trials, { confidenceLevel });
  return { estimate: w.estimate, low: w.low, high: w.high, confidenceLevel, method: 'wilson' };
}

export function positionBias(
  pairs: readonly SwappedPair[],
  options: { confidenceLevel?: number; alpha?: number } = {},
): PositionBiasReport {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const alpha = options.alpha ?? 0.05;
  let consistent = 0;
  let firstBothTimes = 0;
  let secondBothTimes = 0;
  let leanFirst = 0;
  let leanSecond = 0;
  for (const { original, swapped } of pairs) {
    const lean =
      (original === 'A' ? 1 : original === 'B' ? -1 : 0) +
      (swapped === 'A' ? 1 : swapped === 'B' ? -1 : 0);
    if (lean === 0) consistent++;
    else if (lean > 0) leanFirst++;
    else leanSecond++;
    if (original === 'A' && swapped === 'A') firstBothTimes++;
    if (original === 'B' && swapped === 'B') secondBothTimes++;
  }
  const leaning = leanFirst + leanSecond;
  const pValue = binomialTest(leanFirst, leaning, 0.5);
  return {
    pairs: pairs.length,
    consistent,
    flipRate: wilson(pairs.length - consistent, pairs.length, confidenceLevel),
    firstBothTimes,
    secondBothTimes,
    leanFirst,
    leanSecond,
    firstPositionPreference: wilson(leanFirst, leaning, confidenceLevel),
    pValue,
    favoured: leaning > 0 && pValue < alpha ? (leanFirst > leanSecond ? 'first' : 'second') : null,
    alpha,
  };
}
