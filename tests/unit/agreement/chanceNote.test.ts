import { describe, expect, it } from 'vitest';
import { chanceAgreementNotes } from '@core/agreement/chanceNote';
import { cohensKappa } from '@core/agreement/cohen';
import { agreementRate } from '@core/agreement/confusion';
import type { RaterPairReport } from '@core/agreement/report';

/** A pair report built by the real κ and agreement functions from two raters' ratings. */
function pairOf(first: number[], second: number[]): RaterPairReport {
  const cohen = cohensKappa(first, second);
  return {
    raters: ['ann', 'bob'],
    n: first.length,
    agreement: agreementRate(first, second),
    cohen: { kappa: cohen.kappa, weighting: cohen.weighting, interval: cohen.interval },
    spearman: null,
    kendall: null,
  };
}

const names = (id: string) => ({ ann: 'Ann', bob: 'Bob' })[id] ?? id;

describe('chanceAgreementNotes', () => {
  it('explains 75 % agreement beside κ 0 when one rater always gives the same answer', () => {
    const ann = Array<number>(20).fill(1);
    const bob = [...Array<number>(15).fill(1), ...Array<number>(5).fill(0)];
    const pair = pairOf(ann, bob);
    expect(pair.cohen.kappa).toBeCloseTo(0, 12);
    expect(chanceAgreementNotes([pair], names)).toEqual([
      'Ann and Bob agree 75 % of the time, yet κ is 0.000: κ corrects for agreement expected by chance, and because nearly every label is the same answer, chance alone would give 75 % agreement.',
    ]);
  });

  it('states chance agreement from the data when one answer dominates both raters', () => {
    // 18 of 20 agree on "yes"; each rater says "no" once, on different items: po 0.9, κ ≈ −0.053.
    const ann = [...Array<number>(19).fill(1), 0];
    const bob = [0, ...Array<number>(19).fill(1)];
    const [note] = chanceAgreementNotes([pairOf(ann, bob)], names);
    expect(note).toContain('agree 90 % of the time, yet κ is -0.053');
    expect(note).toContain('chance alone would give 90.5 % agreement');
  });

  it('says nothing when κ already reflects the agreement', () => {
    const ann = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
    const bob = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
    expect(chanceAgreementNotes([pairOf(ann, bob)], names)).toEqual([]);
  });
});
