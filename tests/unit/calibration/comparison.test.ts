import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeLabels } from '@core/agreement/coding';
import { humanConsensus } from '@core/calibration/consensus';
import { compareJudgeVersions, pickCheapestJudge } from '@core/calibration/judgeSelection';
import { compareJudgeWithHumans } from '@core/calibration/judgeVsHuman';
import { scaleUse, stuartMaxwell } from '@core/calibration/scaleUse';
import type { RatingMatrix } from '@core/agreement/types';
import { repoRoot } from '../../support/core';

const reference = (
  JSON.parse(readFileSync(join(repoRoot, 'tests/fixtures/agreement/reference.json'), 'utf8')) as {
    scaleUse: {
      judge: number[];
      human: number[];
      chiSquare: number;
      chiSquareP: number;
      chiSquareDf: number;
      stuartMaxwell: number;
      stuartMaxwellP: number;
      totalVariation: number;
    };
  }
).scaleUse;

describe('score-scale use', () => {
  it('matches scipy (chi-square homogeneity) and numpy (Stuart–Maxwell) to 1e-6', () => {
    const coding = codeLabels(['1', '2', '3', '4', '5'], 'interval');
    const report = scaleUse(reference.judge, reference.human, coding);
    expect(Math.abs(report.homogeneity.chiSquare - reference.chiSquare)).toBeLessThan(1e-6);
    expect(Math.abs(report.homogeneity.pValue - reference.chiSquareP)).toBeLessThan(1e-6);
    expect(report.homogeneity.df).toBe(reference.chiSquareDf);
    expect(
      Math.abs((report.marginalHomogeneity?.statistic ?? 0) - reference.stuartMaxwell),
    ).toBeLessThan(1e-6);
    expect(
      Math.abs((report.marginalHomogeneity?.pValue ?? 0) - reference.stuartMaxwellP),
    ).toBeLessThan(1e-6);
    expect(Math.abs(report.totalVariation - reference.totalVariation)).toBeLessThan(1e-12);
    expect(report.judge.counts.reduce((a, b) => a + b, 0)).toBe(120);
  });

  it('flags a judge that crowds the top of the scale', () => {
    const coding = codeLabels(['1', '2', '3', '4', '5'], 'ordinal');
    const human = Array.from({ length: 100 }, (_, i) => i % 5);
    const judge = human.map((h) => Math.max(3, h));
    const report = scaleUse(judge, human, coding);
    expect(report.judge.unused).toEqual(['1', '2', '3']);
    expect(report.totalVariation).toBeCloseTo(0.6, 12);
    expect(report.homogeneity.pValue).toBeLessThan(1e-10);
    expect(report.marginalHomogeneity?.pValue).toBeLessThan(1e-10);
  });

  it('Stuart–Maxwell is undefined with fewer than two categories used', () => {
    expect(
      stuartMaxwell([
        [5, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });
});

describe('judge against people', () => {
  it('agreement, weighted kappa, correlations, confusion and the disagreements largest first', () => {
    const coding = codeLabels(['1', '2', '3', '4', '5'], 'ordinal');
    const pairs = [
      [4, 4],
      [0, 0],
      [2, 3],
      [1, 1],
      [3, 0],
      [2, 2],
      [4, 3],
    ].map(([human, judge], i) => ({
      itemId: `i${i}`,
      human: human as number,
      judge: judge as number,
      judgeReasoning: `why ${i}`,
      humanNote: i === 4 ? 'clearly good' : null,
    }));
    const result = compareJudgeWithHumans(pairs, coding, { bootstrap: { resamples: 200 } });
    expect(result.n).toBe(7);
    expect(result.agreement.agreements).toBe(4);
    expect(result.cohen.weighting).toBe('quadratic');
    expect(result.spearman?.n).toBe(7);
    expect(result.confusion.counts[3]?.[0]).toBe(1);
    expect(result.disagreements.map((d) => [d.itemId, d.human, d.judge, d.distance])).toEqual([
      ['i4', '4', '1', 3],
      ['i2', '3', '4', 1],
      ['i6', '5', '4', 1],
    ]);
    expect(result.disagreements[0]).toMatchObject({
      judgeReasoning: 'why 4',
      humanNote: 'clearly good',
    });
  });

  it('human consensus: majority (ties unresolved), lower median, mean', () => {
    const matrix: RatingMatrix = {
      unitIds: ['a', 'b', 'c'],
      raterIds: ['x', 'y', 'z', 'w'],
      values: [
        [1, 1, 2, null],
        [1, 2, null, null],
        [null, null, null, null],
      ],
    };
    expect(humanConsensus(matrix, 'majority')).toMatchObject({
      values: [1, null, null],
      unresolved: 1,
    });
    expect(humanConsensus(matrix, 'median').values).toEqual([1, 1, null]);
    expect(humanConsensus(matrix, 'mean').values[0]).toBeCloseTo(4 / 3, 12);
  });
});

describe('iterating on a judge', () => {
  it('compares two versions on the same items: agreement change with McNemar, kappa change by paired bootstrap', () => {
    const human = Array.from({ length: 120 }, (_, i) => i % 3);
    const before = human.map((h, i) => (i % 4 === 0 ? (h + 1) % 3 : h));
    const after = human.map((h, i) => (i % 12 === 0 ? (h + 1) % 3 : h));
    const result = compareJudgeVersions(human, before, after, [0, 1, 2], {
      bootstrap: { resamples: 300 },
    });
    expect(result.items).toBe(120);
    expect(result.before.agreement.estimate).toBeCloseTo(0.75, 12);
    expect(result.after.agreement.estimate).toBeCloseTo(110 / 120, 12);
    expect(result.agreementChange.estimate).toBeCloseTo(110 / 120 - 0.75, 12);
    expect(result.agreementChange.pValue).toBeLessThan(0.001);
    expect(result.kappaChange.estimate).toBeCloseTo(result.after.kappa - result.before.kappa, 12);
    expect(result.kappaChange.low).toBeGreaterThan(0);
  });

  it('picks the cheapest judge whose interval clears the target', () => {
    const candidates = [
      { id: 'large', costPerItem: 0.01, agreement: { estimate: 0.86, low: 0.82, high: 0.9 } },
      { id: 'small', costPerItem: 0.001, agreement: { estimate: 0.81, low: 0.74, high: 0.87 } },
      { id: 'medium', costPerItem: 0.004, agreement: { estimate: 0.84, low: 0.8, high: 0.88 } },
    ];
    expect(pickCheapestJudge(candidates, 0.8).chosen?.id).toBe('medium');
    expect(pickCheapestJudge(candidates, 0.8, 'estimate').chosen?.id).toBe('small');
    const none = pickCheapestJudge(candidates, 0.95);
    expect(none.chosen).toBeNull();
    expect(none.reason).toMatch(/best is large at 0\.860/);
  });
});
