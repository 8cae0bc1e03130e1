import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  computeBleu,
  corpusBleu,
  sentenceBleu,
  type BleuOptions,
  type BleuSmoothing,
} from '@core/scoring/metrics/bleu';
import { corpusChrf, sentenceChrf } from '@core/scoring/metrics/chrf';
import { levenshtein, levenshteinSimilarity } from '@core/scoring/metrics/levenshtein';
import { porterStem } from '@core/scoring/metrics/porterStemmer';
import { rouge, type RougeType } from '@core/scoring/metrics/rouge';
import type { BleuTokenizerName } from '@core/scoring/metrics/sacrebleuTokenizers';
import { squadNormalize, tokenF1 } from '@core/scoring/metrics/tokenF1';
import { sharedDir } from '../../support/core';

const vectorsDir = join(sharedDir, 'data', 'metric-test-vectors');

function readJsonl<T>(file: string): T[] {
  return readFileSync(join(vectorsDir, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

interface SacreVector {
  id: string;
  metric: 'bleu' | 'chrf' | 'ter';
  level: 'corpus' | 'sentence' | 'from_statistics';
  kind: 'score' | 'ngram_statistics' | 'score_2dp_string';
  hypotheses?: string[];
  references: string[][] | string[];
  hypothesis?: string;
  statistics?: { correct: number[]; total: number[]; sys_len: number; ref_len: number };
  params: Record<string, unknown>;
  expected: number | string | { counts: number[]; totals: number[] };
  scale?: string;
  tolerance?: number | null;
}

function bleuOptions(params: Record<string, unknown>): BleuOptions {
  return {
    tokenize: (params.tokenize as BleuTokenizerName | undefined) ?? '13a',
    smoothMethod: (params.smooth_method as BleuSmoothing | undefined) ?? 'exp',
    smoothValue: (params.smooth_value as number | null | undefined) ?? null,
    lowercase: (params.lowercase as boolean | undefined) ?? false,
    maxNgramOrder: (params.max_ngram_order as number | undefined) ?? 4,
    effectiveOrder: (params.use_effective_order as boolean | undefined) ?? false,
  };
}

const sacre = readJsonl<SacreVector>('sacrebleu_test_vectors.jsonl');

describe("BLEU against sacreBLEU's test vectors", () => {
  const cases = sacre.filter((v) => v.metric === 'bleu');

  it('covers every BLEU record', () => expect(cases.length).toBe(46));

  it.each(cases.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const options = bleuOptions(v.params);
    if (v.kind === 'ngram_statistics') {
      const score = corpusBleu(v.hypotheses ?? [], v.references as string[][], options);
      const expected = v.expected as { counts: number[]; totals: number[] };
      expect(score.correct).toEqual(expected.counts);
      expect(score.total).toEqual(expected.totals);
      return;
    }
    const score =
      v.level === 'from_statistics'
        ? computeBleu(
            {
              correct: [...v.statistics!.correct],
              total: [...v.statistics!.total],
              sysLen: v.statistics!.sys_len,
              refLen: v.statistics!.ref_len,
            },
            options,
          ).score
        : v.level === 'sentence'
          ? sentenceBleu(v.hypothesis ?? '', v.references as string[], options).score
          : corpusBleu(v.hypotheses ?? [], v.references as string[][], options).score;
    if (v.kind === 'score_2dp_string') {
      expect(score.toFixed(2)).toBe(v.expected);
      return;
    }
    const value = v.scale === '0-1' ? score / 100 : score;
    expect(Math.abs(value - (v.expected as number))).toBeLessThanOrEqual(
      Math.max(v.tolerance ?? 0, 1e-12),
    );
  });
});

describe("chrF against sacreBLEU's test vectors", () => {
  const cases = sacre.filter((v) => v.metric === 'chrf');

  it.each(cases.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const options = {
      charOrder: v.params.char_order as number,
      wordOrder: v.params.word_order as number,
      beta: v.params.beta as number,
      epsSmoothing: v.params.eps_smoothing as boolean,
      whitespace: !(v.params.remove_whitespace as boolean),
    };
    const score =
      v.level === 'sentence'
        ? sentenceChrf(v.hypothesis ?? '', v.references as string[], options)
        : corpusChrf(v.hypotheses ?? [], v.references as string[][], options);
    expect(Math.abs(score - (v.expected as number))).toBeLessThanOrEqual(v.tolerance ?? 1e-4);
  });
});

interface RougeVector {
  id: string;
  rouge_type: RougeType;
  use_stemmer: boolean;
  target: string;
  prediction: string;
  expected: Partial<Record<'precision' | 'recall' | 'fmeasure', number>>;
  places: number;
}

describe("ROUGE against Google rouge-score's test vectors", () => {
  const cases = readJsonl<RougeVector>('rouge_test_vectors.jsonl');

  it.each(cases.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const score = rouge(v.rouge_type, v.target, v.prediction, v.use_stemmer);
    for (const [key, expected] of Object.entries(v.expected)) {
      // rouge-score's assertAlmostEqual: round(|got − expected|, places) == 0.
      const got = score[key as keyof typeof score];
      expect(Number(Math.abs(got - expected).toFixed(v.places))).toBe(0);
    }
  });
});

describe('Porter stemmer (NLTK extensions)', () => {
  it("stems Porter's published examples and NLTK's departures", () => {
    const expected: Record<string, string> = {
      caresses: 'caress',
      ponies: 'poni',
      ties: 'tie',
      cats: 'cat',
      feed: 'feed',
      agreed: 'agre',
      plastered: 'plaster',
      motoring: 'motor',
      sing: 'sing',
      conflated: 'conflat',
      hopping: 'hop',
      falling: 'fall',
      filing: 'file',
      happy: 'happi',
      relational: 'relat',
      conditional: 'condit',
      generalization: 'gener',
      triplicate: 'triplic',
      hopeful: 'hope',
      goodness: 'good',
      adjustment: 'adjust',
      dying: 'die',
      skies: 'sky',
      flies: 'fli',
      enjoy: 'enjoy',
      controlling: 'control',
    };
    for (const [word, stem] of Object.entries(expected))
      expect(`${word}→${porterStem(word)}`).toBe(`${word}→${stem}`);
  });
});

describe('token F1 (SQuAD v1.1) and Levenshtein', () => {
  it('normalises like the official script', () => {
    expect(squadNormalize('The  Eiffel Tower, in PARIS!')).toBe('eiffel tower in paris');
    expect(tokenF1('the Eiffel Tower', 'Eiffel tower in Paris').f1).toBeCloseTo(
      (2 * 1 * 0.5) / 1.5,
      12,
    );
    expect(tokenF1('nothing', 'something else').f1).toBe(0);
  });

  it('counts edits over code points', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('naïve', 'naive')).toBe(1);
    expect(levenshteinSimilarity('flaw', 'lawn')).toBeCloseTo(0.5, 12);
  });
});
