/** Reference-based text similarity: token F1, ROUGE, BLEU, chrF and Levenshtein (values 0–1). */
import { z } from 'zod';
import { sentenceBleu } from '../metrics/bleu';
import { sentenceChrf } from '../metrics/chrf';
import { levenshtein, levenshteinSimilarity } from '../metrics/levenshtein';
import { rouge } from '../metrics/rouge';
import { bestTokenF1 } from '../metrics/tokenF1';
import { defineScorer, type ScoreResult } from '../types';
import { missingReference, ReferenceFrom, referenceList, referenceText } from './reference';

const PassAt = z
  .number()
  .min(0)
  .max(1)
  .optional()
  .describe('Also pass/fail: pass when the value is at least this.');

function similarity(
  value: number,
  passAt: number | undefined,
  details: Record<string, unknown>,
): ScoreResult {
  return { value, isPass: passAt === undefined ? null : value >= passAt, details };
}

export const tokenF1Scorer = defineScorer({
  id: 'token-f1',
  version: '1',
  label: 'Token F1 (SQuAD)',
  description: 'Token-overlap F1 after SQuAD v1.1 normalisation, best over the references.',
  family: 'similarity',
  scope: 'cell',
  execution: 'pool',
  valueType: 'continuous',
  paramsSchema: z.strictObject({ referenceFrom: ReferenceFrom, passAt: PassAt }),
  score(input, params) {
    const refs = referenceList(referenceText(input, params.referenceFrom));
    if (refs.length === 0) return missingReference(params.referenceFrom);
    const best = bestTokenF1(input.output, refs);
    return similarity(best.f1, params.passAt, { precision: best.precision, recall: best.recall });
  },
});

export const rougeScorer = defineScorer({
  id: 'rouge',
  version: '1',
  label: 'ROUGE',
  description: "ROUGE-1/2/L/Lsum as Google's rouge-score computes it (best over the references).",
  family: 'similarity',
  scope: 'cell',
  execution: 'pool',
  valueType: 'continuous',
  paramsSchema: z.strictObject({
    variant: z.enum(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']).default('rougeL'),
    measure: z.enum(['fmeasure', 'precision', 'recall']).default('fmeasure'),
    stemmer: z.boolean().default(false).describe('Porter-stem tokens longer than 3 characters.'),
    referenceFrom: ReferenceFrom,
    passAt: PassAt,
  }),
  score(input, params) {
    const refs = referenceList(referenceText(input, params.referenceFrom));
    if (refs.length === 0) return missingReference(params.referenceFrom);
    const scores = refs.map((r) => rouge(params.variant, r, input.output, params.stemmer));
    const best = scores.reduce((a, b) => (b[params.measure] > a[params.measure] ? b : a));
    return similarity(best[params.measure], params.passAt, { ...best });
  },
});

export const bleuScorer = defineScorer({
  id: 'bleu',
  version: '1',
  label: 'BLEU (sentence)',
  description: 'Sentence BLEU as sacreBLEU computes it, divided by 100 so it lies in 0–1.',
  family: 'similarity',
  scope: 'cell',
  execution: 'pool',
  valueType: 'continuous',
  paramsSchema: z.strictObject({
    tokenize: z.enum(['13a', 'intl', 'char', 'none']).default('13a'),
    smoothMethod: z.enum(['exp', 'floor', 'add-k', 'none']).default('exp'),
    smoothValue: z.number().min(0).nullable().default(null),
    lowercase: z.boolean().default(false),
    maxNgramOrder: z.number().int().min(1).max(9).default(4),
    referenceFrom: ReferenceFrom,
    passAt: PassAt,
  }),
  score(input, params) {
    const refs = referenceList(referenceText(input, params.referenceFrom)).filter(Boolean);
    if (refs.length === 0) return missingReference(params.referenceFrom);
    const result = sentenceBleu(input.output, refs, params);
    return similarity(result.score / 100, params.passAt, {
      bleu: result.score,
      precisions: result.precisions,
      brevityPenalty: result.brevityPenalty,
    });
  },
});

export const chrfScorer = defineScorer({
  id: 'chrf',
  version: '1',
  label: 'chrF / chrF++',
  description:
    'Sentence chrF (word order 2 gives chrF++) as sacreBLEU computes it, divided by 100.',
  family: 'similarity',
  scope: 'cell',
  execution: 'pool',
  valueType: 'continuous',
  paramsSchema: z.strictObject({
    charOrder: z.number().int().min(1).max(10).default(6),
    wordOrder: z.number().int().min(0).max(4).default(0),
    beta: z.number().min(0).default(2),
    lowercase: z.boolean().default(false),
    whitespace: z.boolean().default(false),
    epsSmoothing: z.boolean().default(false),
    referenceFrom: ReferenceFrom,
    passAt: PassAt,
  }),
  score(input, params) {
    const refs = referenceList(referenceText(input, params.referenceFrom));
    if (refs.length === 0) return missingReference(params.referenceFrom);
    const value = sentenceChrf(input.output, refs, params) / 100;
    return similarity(value, params.passAt, {});
  },
});

export const levenshteinScorer = defineScorer({
  id: 'levenshtein',
  version: '1',
  label: 'Levenshtein similarity',
  description:
    'Edit-distance similarity 1 − d / max(length), over Unicode code points; best over the references.',
  family: 'similarity',
  scope: 'cell',
  execution: 'pool',
  valueType: 'continuous',
  paramsSchema: z.strictObject({
    caseSensitive: z.boolean().default(true),
    referenceFrom: ReferenceFrom,
    passAt: PassAt,
  }),
  score(input, params) {
    const refs = referenceList(referenceText(input, params.referenceFrom));
    if (refs.length === 0) return missingReference(params.referenceFrom);
    const prep = (s: string) => (params.caseSensitive ? s : s.toLowerCase());
    const best = refs
      .map((r) => ({
        similarity: levenshteinSimilarity(prep(input.output), prep(r)),
        distance: levenshtein(prep(input.output), prep(r)),
      }))
      .reduce((a, b) => (b.similarity > a.similarity ? b : a));
    return similarity(best.similarity, params.passAt, { distance: best.distance });
  },
});

export const embeddingCosine = defineScorer({
  id: 'embedding-cosine',
  version: '1',
  label: 'Embedding cosine similarity',
  description:
    'Cosine similarity of the output and reference embeddings from an embedding provider (best over the references).',
  family: 'similarity',
  scope: 'cell',
  execution: 'main',
  valueType: 'continuous',
  paramsSchema: z.strictObject({
    provider: z
      .string()
      .min(1)
      .describe('A provider kind or configured provider label that offers embeddings.'),
    model: z.string().min(1).describe('The embedding model id.'),
    base_url: z.url().optional().describe('Override the endpoint, as for suite models.'),
    config: z.record(z.string(), z.unknown()).optional(),
    referenceFrom: ReferenceFrom,
    passAt: PassAt,
  }),
  async score(input, params, runtime) {
    const refs = referenceList(referenceText(input, params.referenceFrom));
    if (refs.length === 0) return missingReference(params.referenceFrom);
    if (!runtime.embed)
      return {
        value: null,
        isPass: null,
        details: {},
        error: 'no embedding provider is available here',
      };
    const vectors = await runtime.embed({
      provider: params.provider,
      model: params.model,
      base_url: params.base_url,
      config: params.config,
      inputs: [input.output, ...refs],
      signal: runtime.signal,
    });
    const [out, ...refVectors] = vectors;
    if (!out || refVectors.length !== refs.length)
      return {
        value: null,
        isPass: null,
        details: {},
        error: 'the provider returned too few embeddings',
      };
    const best = Math.max(...refVectors.map((v) => cosine(out, v)));
    return similarity(best, params.passAt, { model: params.model });
  },
});

export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`embedding sizes differ (${a.length} vs ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
