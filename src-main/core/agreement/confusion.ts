/**
 * Confusion matrices and the raw agreement rate between two sources (two raters, or a judge
 * and the human consensus), over the units both labelled.
 */
import { wilsonInterval } from '../stats/proportion';
import type { IntervalEstimate, Rating } from './types';

export interface ConfusionMatrix {
  /** Category values in scale order: rows are the first source, columns the second. */
  categories: number[];
  counts: number[][];
  /** Units both sources labelled. */
  total: number;
}

export function confusionMatrix(
  first: readonly Rating[],
  second: readonly Rating[],
  categories?: readonly number[],
): ConfusionMatrix {
  if (first.length !== second.length) {
    throw new RangeError(`ratings differ in length: ${first.length} vs ${second.length}`);
  }
  const present: [number, number][] = [];
  for (let i = 0; i < first.length; i++) {
    const a = first[i];
    const b = second[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    present.push([a, b]);
  }
  const scale = categories ? [...categories] : [...new Set(present.flat())].sort((x, y) => x - y);
  const position = new Map(scale.map((value, index) => [value, index]));
  const counts = scale.map(() => new Array<number>(scale.length).fill(0));
  for (const [a, b] of present) {
    const i = position.get(a);
    const j = position.get(b);
    if (i === undefined || j === undefined) {
      throw new RangeError(`rating ${i === undefined ? a : b} is not one of the categories`);
    }
    (counts[i] as number[])[j] = ((counts[i] as number[])[j] as number) + 1;
  }
  return { categories: scale, counts, total: present.length };
}

export interface AgreementRate extends IntervalEstimate {
  agreements: number;
  total: number;
}

/** Share of units where both sources gave the same value, with Wilson's interval. */
export function agreementRate(
  first: readonly Rating[],
  second: readonly Rating[],
  confidenceLevel = 0.95,
): AgreementRate {
  let agreements = 0;
  let total = 0;
  for (let i = 0; i < first.length; i++) {
    const a = first[i];
    const b = second[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    total++;
    if (a === b) agreements++;
  }
  const wilson = wilsonInterval(agreements, total, { confidenceLevel });
  return {
    estimate: wilson.estimate,
    low: wilson.low,
    high: wilson.high,
    confidenceLevel,
    method: 'wilson',
    agreements,
    total,
  };
}

/**
 * Mean pairwise agreement within units over many raters: the share of all pairs of ratings of
 * the same unit that are equal (each unit weighted by its number of pairs).
 */
export function pairwiseAgreement(rows: readonly (readonly Rating[])[]): {
  estimate: number;
  pairs: number;
} {
  let agreeing = 0;
  let pairs = 0;
  for (const row of rows) {
    const present = row.filter((v): v is number => v !== null);
    for (let i = 0; i < present.length; i++) {
      for (let j = i + 1; j < present.length; j++) {
        pairs++;
        if (present[i] === present[j]) agreeing++;
      }
    }
  }
  return { estimate: pairs === 0 ? Number.NaN : agreeing / pairs, pairs };
}
