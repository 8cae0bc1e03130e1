/** Interval estimates of one scorer for one model, over items. */
import type { Estimate } from '@contract/routes/scoring';
import { bootstrapMean } from '../../stats/bootstrap';
import { smallSampleWarning } from '../../stats/breakdown';
import { meanPassAtK } from '../../stats/passAtK';
import { wilsonInterval } from '../../stats/proportion';
import type { ItemScore } from './itemScores';
import { num } from './runData';

/** Resamples for summary intervals: fewer for very large runs, so a summary stays interactive. */
export function resamplesFor(n: number): number {
  return n > 20_000 ? 2000 : 9999;
}

export function passRateEstimate(
  items: readonly ItemScore[],
  confidenceLevel: number,
  seed: string,
): Estimate | null {
  const judged = items.filter((i) => i.judged > 0);
  if (judged.length === 0) return null;
  if (judged.every((i) => i.judged === 1)) {
    const w = wilsonInterval(judged.filter((i) => i.passes === 1).length, judged.length, {
      confidenceLevel,
    });
    return {
      estimate: num(w.estimate),
      low: num(w.low),
      high: num(w.high),
      method: 'wilson',
      n: judged.length,
    };
  }
  // Several cells per item (prompts × repeats): the item is the unit, so bootstrap the item shares.
  const b = bootstrapMean(
    judged.map((i) => i.passShare as number),
    { confidenceLevel, seed, nResamples: resamplesFor(judged.length) },
  );
  return {
    estimate: num(b.estimate),
    low: num(b.low),
    high: num(b.high),
    method: `bootstrap-${b.method} over items`,
    n: judged.length,
  };
}

export function meanEstimate(
  items: readonly ItemScore[],
  confidenceLevel: number,
  seed: string,
): Estimate | null {
  const values = items.map((i) => i.value).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const b = bootstrapMean(values, {
    confidenceLevel,
    seed,
    nResamples: resamplesFor(values.length),
  });
  return {
    estimate: num(b.estimate),
    low: num(b.low),
    high: num(b.high),
    method: `bootstrap-${b.method}`,
    n: values.length,
  };
}

/** pass@k for k = 1, 2, 5, 10, 20, 50, 100 up to the smallest number of samples per item. */
export function passAtKs(
  items: readonly ItemScore[],
): Array<{ k: number; estimate: number }> | null {
  const judged = items.filter((i) => i.judged > 0);
  const smallest = Math.min(...judged.map((i) => i.judged));
  if (judged.length === 0 || smallest < 2) return null;
  return [1, 2, 5, 10, 20, 50, 100]
    .filter((k) => k <= smallest)
    .map((k) => ({
      k,
      estimate: meanPassAtK(
        judged.map((i) => ({ n: i.judged, c: i.passes })),
        k,
      ) as number,
    }));
}

export function warningFor(items: number): string | null {
  return smallSampleWarning(items);
}
