import { describe, expect, it } from 'vitest';
import { codeLabels, buildRatingMatrix } from '@core/agreement/coding';
import { rankUnitsByDisagreement } from '@core/agreement/disagreement';
import { raterBias, raterDrift } from '@core/agreement/raters';
import type { RatingMatrix } from '@core/agreement/types';
import { createRandom } from '@core/stats/random';

/** Three raters on a 1..5 scale around a true score; the third is lenient by `offset`. */
function ordinalRatings(units: number, offset: number, seed: number): RatingMatrix {
  const random = createRandom(seed);
  const clamp = (v: number) => Math.min(5, Math.max(1, Math.round(v)));
  const values = Array.from({ length: units }, () => {
    const truth = 1 + random.int(5);
    const noise = () => random.next() - 0.5;
    return [clamp(truth + noise()), clamp(truth + noise()), clamp(truth + offset + noise())];
  });
  return { unitIds: values.map((_, i) => `u${i}`), raterIds: ['r1', 'r2', 'lenient'], values };
}

describe('rater bias', () => {
  it('finds a planted mean offset and its category use', () => {
    const matrix = ordinalRatings(300, 1, 3);
    const [r1, , lenient] = raterBias(matrix, 'ordinal');
    expect(lenient?.meanOffset?.low).toBeGreaterThan(0.5);
    expect(r1?.meanOffset?.high).toBeLessThan(0);
    // The lenient rater uses the top of the scale more than the others on the same items.
    const top = lenient?.categoryUse.find((c) => c.value === 5);
    expect((top?.share ?? 0) - (top?.othersShare ?? 0)).toBeGreaterThan(0.1);
  });

  it('reports no offset for nominal data', () => {
    const matrix = ordinalRatings(20, 0, 1);
    expect(raterBias(matrix, 'nominal')[0]?.meanOffset).toBeNull();
  });
});

describe('rater drift', () => {
  it('detects a rater who stops agreeing halfway through their queue', () => {
    const random = createRandom(11);
    const values = Array.from({ length: 200 }, (_, u) => {
      const truth = random.int(3);
      const drifting = u < 100 ? truth : (truth + 1 + random.int(2)) % 3;
      return [truth, truth, drifting];
    });
    const matrix: RatingMatrix = {
      unitIds: values.map((_, i) => String(i)),
      raterIds: ['a', 'b', 'c'],
      values,
    };
    const drift = raterDrift(matrix, 'nominal', { windows: 4 });
    const c = drift[2];
    expect(c?.windows.map((w) => w.score)).toEqual([1, 1, 0, 0]);
    expect(c?.trend?.estimate).toBeLessThan(-0.5);
    expect(c?.trend?.pValue).toBeLessThan(1e-6);
    expect(drift[0]?.windows.every((w) => w.score === 1)).toBe(true);
  });

  it('follows the recorded order of ratings rather than the unit order', () => {
    const values = Array.from({ length: 40 }, (_, u) => [1, 1, u % 2 === 0 ? 1 : 2]);
    // Rater c gave the disagreeing (odd) units last.
    const order = values.map((_, u) => [u, u, u % 2 === 0 ? u : 100 + u]);
    const matrix: RatingMatrix = {
      unitIds: values.map((_, i) => String(i)),
      raterIds: ['a', 'b', 'c'],
      values,
      order,
    };
    const c = raterDrift(matrix, 'nominal', { windows: 2 })[2];
    expect(c?.windows.map((w) => w.score)).toEqual([1, 0]);
  });
});

describe('items with the most disagreement', () => {
  it('ranks units by within-unit disagreement relative to chance', () => {
    const coding = codeLabels(['good', 'ok', 'bad'], 'ordinal', ['bad', 'ok', 'good']);
    const rows = [
      ['u1', 'good', 'good', 'good'],
      ['u2', 'bad', 'good', 'ok'],
      ['u3', 'ok', 'good', 'good'],
      ['u4', 'bad', 'bad', 'ok'],
    ];
    const matrix = buildRatingMatrix(
      rows.flatMap(([unitId, ...labels]) =>
        labels.map((label, r) => ({
          unitId: unitId as string,
          raterId: `r${r}`,
          label: label,
        })),
      ),
      coding,
    );
    const ranked = rankUnitsByDisagreement(matrix, 'ordinal');
    expect(ranked.map((u) => u.unitId)).toEqual(['u2', 'u3', 'u4', 'u1']);
    expect(ranked.at(-1)?.disagreement).toBe(0);
    expect(ranked[0]?.values.map((v) => v.value)).toEqual([0, 2, 1]);
    expect(rankUnitsByDisagreement(matrix, 'ordinal', { top: 2 })).toHaveLength(2);
  });
});
