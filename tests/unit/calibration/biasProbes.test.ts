/**
 * Bias probes on data with planted biases (and on data without), plus PandaLM's real judges.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { humanConsensus } from '@core/calibration/consensus';
import {
  parsePairwiseVerdict,
  swapVerdict,
  type PairwiseVerdict,
} from '@core/calibration/pairwise';
import { positionBias, type SwappedPair } from '@core/calibration/positionBias';
import {
  inferModelFamily,
  pairwiseSelfPreference,
  pointwiseSelfPreference,
} from '@core/calibration/selfPreference';
import { pairwiseVerbosityBias, pointwiseVerbosityBias } from '@core/calibration/verbosityBias';
import { readExternalLabels } from '@core/labels/externalImport';
import { labelsToMatrix } from '@core/labels/toMatrix';
import { createRandom, type Random } from '@core/stats/random';
import { sharedDir } from '../../support/core';

/** The content verdict for a pair (X, Y) with X better with probability `pX`. */
function contentVerdict(random: Random, pX: number): PairwiseVerdict {
  const u = random.next();
  return u < 0.1 ? 'tie' : u < 0.1 + 0.9 * pX ? 'A' : 'B';
}

/** A judge that, with probability `bias`, ignores the content and names the first position. */
function judgePairs(count: number, bias: number, seed: number): SwappedPair[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const truth = contentVerdict(random, random.next());
    const shown = (verdictInShownOrder: PairwiseVerdict) =>
      random.next() < bias ? 'A' : verdictInShownOrder;
    return { itemId: `p${i}`, original: shown(truth), swapped: shown(swapVerdict(truth)) };
  });
}

describe('position bias', () => {
  it('detects a planted first-position bias', () => {
    const report = positionBias(judgePairs(300, 0.25, 1));
    expect(report.favoured).toBe('first');
    expect(report.pValue).toBeLessThan(1e-6);
    expect(report.firstPositionPreference.low).toBeGreaterThan(0.8);
    expect(report.firstBothTimes).toBeGreaterThan(report.secondBothTimes);
    expect(report.flipRate.estimate).toBeGreaterThan(0.2);
  });

  it('does not flag a consistent judge', () => {
    const report = positionBias(judgePairs(300, 0, 2));
    expect(report.flipRate.estimate).toBe(0);
    expect(report.favoured).toBeNull();
    expect(report.pValue).toBe(1);
  });

  it('does not flag a noisy but position-blind judge', () => {
    const random = createRandom(3);
    const verdicts: PairwiseVerdict[] = ['A', 'B', 'tie'];
    const pairs = Array.from({ length: 400 }, (_, i) => ({
      itemId: String(i),
      original: verdicts[random.int(3)] as PairwiseVerdict,
      swapped: verdicts[random.int(3)] as PairwiseVerdict,
    }));
    const report = positionBias(pairs);
    expect(report.flipRate.estimate).toBeGreaterThan(0.5);
    expect(report.favoured).toBeNull();
  });

  it('parses the verdict vocabularies files use', () => {
    expect(['A', '1', 'left', 'Response1'].map(parsePairwiseVerdict)).toEqual(['A', 'A', 'A', 'A']);
    expect(['b', '2', 'right'].map(parsePairwiseVerdict)).toEqual(['B', 'B', 'B']);
    expect(['Tie', '0', 'both_bad'].map(parsePairwiseVerdict)).toEqual(['tie', 'tie', 'tie']);
    expect(parsePairwiseVerdict('garbage')).toBeNull();
  });
});

describe('verbosity bias', () => {
  it('pairwise: a judge that prefers the longer output more than people is flagged', () => {
    const random = createRandom(5);
    const pairs = Array.from({ length: 400 }, (_, i) => {
      const lengthA = 50 + random.int(400);
      const lengthB = 50 + random.int(400);
      const human: PairwiseVerdict = random.next() < 0.5 ? 'A' : 'B';
      const longer: PairwiseVerdict = lengthA > lengthB ? 'A' : 'B';
      const judge = random.next() < 0.4 ? longer : human;
      return { itemId: String(i), lengthA, lengthB, judge, human };
    });
    const report = pairwiseVerbosityBias(pairs);
    expect(report.judgeLongerWinRate.low).toBeGreaterThan(0.6);
    expect(report.humanLongerWinRate?.low).toBeLessThan(0.5);
    expect(report.excess?.low).toBeGreaterThan(0.1);
    expect(report.excess?.pValue).toBeLessThan(1e-6);
    expect(report.lengthVerdictCorrelation.estimate).toBeGreaterThan(0.2);
  });

  it('pointwise: scores that rise with length only for the judge', () => {
    const random = createRandom(6);
    const items = Array.from({ length: 200 }, (_, i) => {
      const length = 20 + random.int(1000);
      const human = 1 + random.int(5);
      const judge = Math.min(5, human + (length > 600 ? 1 : 0));
      return { itemId: String(i), length, judge, human };
    });
    const report = pointwiseVerbosityBias(items);
    expect(report.excessVsLength?.interval.low).toBeGreaterThan(0.3);
    expect(Math.abs(report.humanVsLength?.estimate ?? 1)).toBeLessThan(0.15);
  });
});

describe('self-preference', () => {
  it('infers model families from names', () => {
    expect(inferModelFamily('gpt-4o-mini')).toBe('gpt');
    expect(inferModelFamily('meta-llama/Llama-3.1-8B-Instruct')).toBe('llama');
    expect(inferModelFamily('claude-3-5-sonnet-20241022')).toBe('claude');
    expect(inferModelFamily('pandalm-7b', { 'pandalm-7b': 'llama' })).toBe('llama');
    expect(inferModelFamily('bloom-7b')).toBe('bloom');
  });

  it('pointwise: a judge inflating its own family is flagged, others are not', () => {
    const random = createRandom(9);
    const outputs = Array.from({ length: 300 }, (_, i) => {
      const model = ['gpt-4o', 'claude-3-haiku', 'llama-3-8b'][i % 3] as string;
      const human = 1 + random.int(5);
      const judge = human + (model.startsWith('gpt') ? 0.8 : 0) + (random.next() - 0.5);
      return { itemId: String(i), model, judge, human };
    });
    const own = pointwiseSelfPreference(outputs, 'gpt');
    expect(own.low).toBeGreaterThan(0.6);
    expect(own.pValue).toBeLessThan(1e-10);
    const notOwn = pointwiseSelfPreference(outputs, 'claude');
    expect(notOwn.estimate).toBeLessThan(0);
  });

  it('pairwise on PandaLM: PandaLM-7B (a tuned LLaMA) does not favour LLaMA-7B outputs — it under-rates them', async () => {
    const dir = join(sharedDir, 'data/pandalm-testset');
    const humans = await readExternalLabels(join(dir, 'testset-v1.json'));
    const judge = await readExternalLabels(join(dir, 'pandalm-7b-testset-v1.json'));
    const { matrix, coding } = labelsToMatrix(humans.labels, { level: 'nominal' });
    const consensus = humanConsensus(matrix);
    const humanVerdict = new Map(
      matrix.unitIds.map((id, u) => {
        const value = consensus.values[u];
        return [
          id,
          value === null || value === undefined
            ? null
            : parsePairwiseVerdict(coding.labels[value] as string),
        ];
      }),
    );
    const pairs = judge.labels.flatMap((l) => {
      const [modelA, modelB] = String(humans.items.get(l.itemId)?.cmp_key).split('_');
      const verdict = parsePairwiseVerdict(l.label);
      const human = humanVerdict.get(l.itemId);
      return verdict && human && modelA && modelB
        ? [{ itemId: l.itemId, modelA, modelB, judge: verdict, human }]
        : [];
    });
    const report = pairwiseSelfPreference(pairs, 'llama');
    expect(report.n).toBe(421);
    expect(report.high).toBeLessThan(0);
    expect(report.estimate).toBeCloseTo(report.own.mean - report.other.mean, 12);
  });
});
