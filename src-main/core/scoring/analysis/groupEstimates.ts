/**
 * One scorer's estimate per category or tag, for one model. Each group is estimated the way the
 * run summary estimates the whole model (Wilson for pass/fail judged once per item, bootstrap
 * over items otherwise; same seeds), so a group holding every item shows the summary's figures,
 * and a group that passed or failed every item gets an honest interval, not [1, 1] or [0, 0].
 */
import { groupUnits, smallSampleWarning } from '../../stats/breakdown';
import { meanEstimate, passRateEstimate } from './estimates';
import type { ItemScore } from './itemScores';

export interface GroupFigures {
  group: string;
  n: number;
  estimate: number | null;
  low: number | null;
  high: number | null;
  warning: string | null;
}

export function groupEstimates(
  items: readonly ItemScore[],
  by: 'category' | 'tag',
  binary: boolean,
  confidenceLevel: number,
  /** The summary's seed for this run, scorer and model. */
  seed: string,
): GroupFigures[] {
  return groupUnits(items, by).map(([group, list]) => {
    const figures = binary
      ? passRateEstimate(list, confidenceLevel, seed)
      : meanEstimate(list, confidenceLevel, `${seed}:mean`);
    const n = figures?.n ?? 0;
    return {
      group,
      n,
      estimate: figures?.estimate ?? null,
      low: figures?.low ?? null,
      high: figures?.high ?? null,
      warning: smallSampleWarning(n),
    };
  });
}
