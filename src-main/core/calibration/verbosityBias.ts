/**
 * Verbosity bias: does the judge reward length beyond what people do?
 *
 * Pairwise: among pairs where the judge picked a winner and the outputs differ in length, the
 * share where it picked the longer one (Wilson interval), the same share for the humans, and
 * the paired difference judge − human on the pairs both decided (Newcombe's interval,
 * McNemar's exact test). Kendall's τ-b between log(length A / length B) and the verdict score
 * (A = 1, tie = ½, B = 0) shows the graded relation.
 *
 * Pointwise: Spearman's ρ between output length and the judge's score, the same for the human
 * score, and ρ between length and (judge − human) — positive when the judge scores long
 * outputs higher than people do (judge and human scores must be on the same scale).
 */
import { spearman, kendallTauB, type Correlation } from '../agreement/correlation';
import type { IntervalEstimate } from '../agreement/types';
import { mcnemarExact } from '../stats/paired';
import { wilsonInterval } from '../stats/proportion';
import { verdictScore, type PairwiseVerdict } from './pairwise';

export interface LengthPair {
  itemId: string;
  lengthA: number;
  lengthB: number;
  judge: PairwiseVerdict;
  human?: PairwiseVerdict | null;
}

export interface LongerWinRate extends IntervalEstimate {
  longerWins: number;
  decided: number;
}

export interface PairwiseVerbosityReport {
  judgeLongerWinRate: LongerWinRate;
  humanLongerWinRate: LongerWinRate | null;
  /** Judge minus human longer-win rate on pairs both decided; McNemar's exact p-value. */
  excess: (IntervalEstimate & { pairs: number; pValue: number }) | null;
  /** τ-b between log length ratio (A/B) and the judge's verdict score. */
  lengthVerdictCorrelation: Correlation;
}

/** 1 when the verdict picked the longer output, 0 the shorter, null for a tie or equal lengths. */
function pickedLonger(pair: LengthPair, verdict: PairwiseVerdict): boolean | null {
  if (verdict === 'tie' || pair.lengthA === pair.lengthB) return null;
  return (verdict === 'A') === pair.lengthA > pair.lengthB;
}

function longerWinRate(picks: (boolean | null)[], confidenceLevel: number): LongerWinRate {
  const decided = picks.filter((p) => p !== null).length;
  const longerWins = picks.filter((p) => p === true).length;
  const w = wilsonInterval(longerWins, decided, { confidenceLevel });
  return {
    estimate: w.estimate,
    low: w.low,
    high: w.high,
    confidenceLevel,
    method: 'wilson',
    longerWins,
    decided,
  };
}

export function pairwiseVerbosityBias(
  pairs: readonly LengthPair[],
  options: { confidenceLevel?: number } = {},
): PairwiseVerbosityReport {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const judgePicks = pairs.map((p) => pickedLonger(p, p.judge));
  const withHuman = pairs.some((p) => p.human !== undefined && p.human !== null);
  const humanPicks = pairs.map((p) => (p.human ? pickedLonger(p, p.human) : null));
  let excess: PairwiseVerbosityReport['excess'] = null;
  if (withHuman) {
    const both = judgePicks.flatMap((j, i) => {
      const h = humanPicks[i];
      return j === null || h === null || h === undefined ? [] : [[h, j] as const];
    });
    if (both.length > 0) {
      const table = { bothPass: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
      for (const [h, j] of both) {
        if (h && j) table.bothPass++;
        else if (h) table.firstOnly++;
        else if (j) table.secondOnly++;
        else table.neither++;
      }
      const test = mcnemarExact(table, confidenceLevel);
      excess = {
        ...test.difference,
        confidenceLevel,
        method: 'newcombe (paired)',
        pairs: both.length,
        pValue: test.pValue,
      };
    }
  }
  return {
    judgeLongerWinRate: longerWinRate(judgePicks, confidenceLevel),
    humanLongerWinRate: withHuman ? longerWinRate(humanPicks, confidenceLevel) : null,
    excess,
    lengthVerdictCorrelation: kendallTauB(
      pairs.map((p) => Math.log((p.lengthA + 1) / (p.lengthB + 1))),
      pairs.map((p) => verdictScore(p.judge)),
      { confidenceLevel },
    ),
  };
}

export interface LengthScore {
  itemId: string;
  length: number;
  judge: number;
  human?: number | null;
}

export interface PointwiseVerbosityReport {
  judgeVsLength: Correlation;
  humanVsLength: Correlation | null;
  /** ρ(length, judge − human): positive when the judge rewards length more than people. */
  excessVsLength: Correlation | null;
}

export function pointwiseVerbosityBias(
  items: readonly LengthScore[],
  options: { confidenceLevel?: number } = {},
): PointwiseVerbosityReport {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const lengths = items.map((i) => i.length);
  const hasHuman = items.some((i) => i.human !== undefined && i.human !== null);
  return {
    judgeVsLength: spearman(
      lengths,
      items.map((i) => i.judge),
      { confidenceLevel },
    ),
    humanVsLength: hasHuman
      ? spearman(
          lengths,
          items.map((i) => i.human ?? null),
          { confidenceLevel },
        )
      : null,
    excessVsLength: hasHuman
      ? spearman(
          lengths,
          items.map((i) => (i.human === undefined || i.human === null ? null : i.judge - i.human)),
          { confidenceLevel },
        )
      : null,
  };
}
