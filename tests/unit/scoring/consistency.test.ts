import { describe, expect, it } from 'vitest';
import { scorerRegistry } from '@core/scoring/registry';
import type { GroupScorer, ScoreInput } from '@core/scoring/types';
import { scoreInput } from './scoreInput';

const consistency = scorerRegistry.get('consistency') as GroupScorer;

function group(outputs: string[], extra: Partial<ScoreInput> = {}) {
  return outputs.map((output, i) =>
    scoreInput({ cellId: `c${i}`, itemKey: `item${i}`, output, groupId: 'g1', ...extra }),
  );
}

describe('consistency across paraphrases and repeats', () => {
  it('gives each cell the share of its group that agrees with it, and passes only unanimous groups', () => {
    const params = consistency.paramsSchema.parse({});
    const results = consistency.scoreGroup(group(['Paris', 'paris.', 'Lyon']), params, new Map());
    expect(results.map((r) => r.value)).toEqual([0.5, 0.5, 0]);
    expect(results.every((r) => r.isPass === false)).toBe(true);
    expect(
      consistency.scoreGroup(group(['Paris', ' PARIS ']), params, new Map()).map((r) => r.isPass),
    ).toEqual([true, true]);
  });

  it('groups by group id for paraphrases and by cell for repeats', () => {
    const paraphrases = consistency.paramsSchema.parse({ across: 'paraphrases' });
    const repeats = consistency.paramsSchema.parse({ across: 'repeats' });
    const a = scoreInput({ itemKey: 'i1', groupId: 'g', repeat: 0 });
    const b = scoreInput({ itemKey: 'i2', groupId: 'g', repeat: 0 });
    expect(consistency.groupKey(a, paraphrases)).toBe(consistency.groupKey(b, paraphrases));
    expect(consistency.groupKey(a, repeats)).not.toBe(consistency.groupKey(b, repeats));
    expect(consistency.groupKey(scoreInput({ groupId: null }), paraphrases)).toBeNull();
  });

  it("can compare another scorer's pass/fail instead of the text", () => {
    const params = consistency.paramsSchema.parse({ compare: 'scorer', scorer: 'label' });
    const peers = new Map([
      [
        'label',
        new Map([
          ['c0', { value: 1, isPass: true }],
          ['c1', { value: 1, isPass: true }],
        ]),
      ],
    ]);
    const results = consistency.scoreGroup(group(['x', 'completely different']), params, peers);
    expect(results.map((r) => r.isPass)).toEqual([true, true]);
    expect(() => consistency.paramsSchema.parse({ compare: 'scorer' })).toThrow(
      /needs the scorer id/,
    );
  });
});
