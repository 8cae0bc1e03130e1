/**
 * Self-preference: does a judge favour outputs from its own model family, relative to what
 * people think of the same outputs?
 *
 * Pointwise: the gap judge − human score per output; self-preference is the mean gap on the
 * judge family's outputs minus the mean gap on the others (Welch's t interval and test).
 *
 * Pairwise: on pairs where exactly one output comes from the judge's family, an "own score"
 * per verdict (own output wins 1, tie ½, loses 0); self-preference is the mean of judge own
 * score − human own score (paired t interval and test). Zero means the judge sides with its
 * family exactly as often as people do.
 */
import { mean, variance } from '../stats/descriptive';
import type { IntervalEstimate } from '../agreement/types';
import { studentTQuantile, studentTTwoSided } from '../agreement/distributions';
import { verdictScore, type PairwiseVerdict } from './pairwise';

const knownFamilies = [
  'gpt',
  'o1',
  'o3',
  'o4',
  'chatgpt',
  'davinci',
  'claude',
  'gemini',
  'gemma',
  'palm',
  'bard',
  'llama',
  'alpaca',
  'vicuna',
  'mistral',
  'mixtral',
  'qwen',
  'phi',
  'deepseek',
  'command',
  'falcon',
  'bloom',
  'opt',
  'pythia',
  'cerebras',
  'yi',
  'grok',
];

/**
 * A model's family from its name: a known family named in it (gpt-4o-mini → gpt,
 * meta-llama/Llama-3-8B → llama), else the name's first word. Pass an explicit mapping where
 * a family is not in the name (PandaLM-7B is a tuned LLaMA).
 */
export function inferModelFamily(model: string, families: Record<string, string> = {}): string {
  const explicit = families[model];
  if (explicit !== undefined) return explicit.toLowerCase();
  const words = model
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);
  for (const word of words) {
    const family = knownFamilies.find((f) => word === f || word.startsWith(f));
    if (family) return family === 'chatgpt' || family === 'davinci' ? 'gpt' : family;
  }
  return words[0] ?? model.toLowerCase();
}

export interface SelfPreferenceReport extends IntervalEstimate {
  /** Items in the comparison (own-family outputs + others, or pairs with one own output). */
  n: number;
  pValue: number;
  own: { n: number; mean: number };
  other: { n: number; mean: number };
}

function welch(own: number[], other: number[], confidenceLevel: number) {
  const va = variance(own) / own.length;
  const vb = variance(other) / other.length;
  const difference = mean(own) - mean(other);
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (own.length - 1) + vb ** 2 / (other.length - 1));
  const half = studentTQuantile(0.5 + confidenceLevel / 2, df) * se;
  return {
    difference,
    low: difference - half,
    high: difference + half,
    pValue: studentTTwoSided(difference / se, df),
  };
}

export interface ScoredOutput {
  itemId: string;
  /** Model (or family) that produced the output. */
  model: string;
  judge: number;
  human: number;
}

export function pointwiseSelfPreference(
  outputs: readonly ScoredOutput[],
  judgeFamily: string,
  options: { confidenceLevel?: number; families?: Record<string, string> } = {},
): SelfPreferenceReport {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const family = judgeFamily.toLowerCase();
  const own: number[] = [];
  const other: number[] = [];
  for (const o of outputs) {
    (inferModelFamily(o.model, options.families) === family ? own : other).push(o.judge - o.human);
  }
  const w = welch(own, other, confidenceLevel);
  return {
    estimate: w.difference,
    low: w.low,
    high: w.high,
    confidenceLevel,
    method: 'welch t (mean judge−human gap, own family minus others)',
    n: outputs.length,
    pValue: w.pValue,
    own: { n: own.length, mean: mean(own) },
    other: { n: other.length, mean: mean(other) },
  };
}

export interface JudgedPair {
  itemId: string;
  modelA: string;
  modelB: string;
  judge: PairwiseVerdict;
  human: PairwiseVerdict;
}

export function pairwiseSelfPreference(
  pairs: readonly JudgedPair[],
  judgeFamily: string,
  options: { confidenceLevel?: number; families?: Record<string, string> } = {},
): SelfPreferenceReport {
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  const family = judgeFamily.toLowerCase();
  const judgeOwn: number[] = [];
  const humanOwn: number[] = [];
  for (const p of pairs) {
    const aOwn = inferModelFamily(p.modelA, options.families) === family;
    const bOwn = inferModelFamily(p.modelB, options.families) === family;
    if (aOwn === bOwn) continue;
    // Own score: the verdict score seen from the own output's side.
    judgeOwn.push(aOwn ? verdictScore(p.judge) : 1 - verdictScore(p.judge));
    humanOwn.push(aOwn ? verdictScore(p.human) : 1 - verdictScore(p.human));
  }
  const d = judgeOwn.map((j, i) => j - (humanOwn[i] as number));
  const n = d.length;
  const m = mean(d);
  const se = Math.sqrt(variance(d) / n);
  const half = studentTQuantile(0.5 + confidenceLevel / 2, n - 1) * se;
  return {
    estimate: m,
    low: m - half,
    high: m + half,
    confidenceLevel,
    method: 'paired t (judge own-win score minus human own-win score)',
    n,
    pValue: se === 0 ? (m === 0 ? 1 : 0) : studentTTwoSided(m / se, n - 1),
    own: { n, mean: mean(judgeOwn) },
    other: { n, mean: mean(humanOwn) },
  };
}
