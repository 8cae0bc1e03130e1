/**
 * ROUGE-N, ROUGE-L and ROUGE-Lsum as Google's rouge-score package computes them (Lin 2004):
 * lowercase, non-alphanumerics to spaces, optional Porter stemming of tokens longer than three
 * characters; n-gram overlap; LCS; and summary-level union-LCS over newline-separated sentences
 * (with ROUGE-1.5.5's guard against counting a token twice).
 * Argument order follows rouge-score: `score(target, prediction)`.
 */
import { porterStem } from './porterStemmer';

export type RougeType = 'rouge1' | 'rouge2' | 'rouge3' | 'rouge4' | 'rougeL' | 'rougeLsum';

export interface RougeScore {
  precision: number;
  recall: number;
  fmeasure: number;
}

export function rougeTokenize(text: string, useStemmer: boolean): string[] {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/);
  return tokens
    .map((t) => (useStemmer && t.length > 3 ? porterStem(t) : t))
    .filter((t) => /^[a-z0-9]+$/.test(t));
}

function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function scoreNgrams(target: Map<string, number>, prediction: Map<string, number>): RougeScore {
  let overlap = 0;
  for (const [gram, count] of target) overlap += Math.min(count, prediction.get(gram) ?? 0);
  let targetCount = 0;
  for (const c of target.values()) targetCount += c;
  let predictionCount = 0;
  for (const c of prediction.values()) predictionCount += c;
  const precision = overlap / Math.max(predictionCount, 1);
  const recall = overlap / Math.max(targetCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function lcsTable(ref: readonly string[], can: readonly string[]): Int32Array[] {
  const table = Array.from({ length: ref.length + 1 }, () => new Int32Array(can.length + 1));
  for (let i = 1; i <= ref.length; i++) {
    const row = table[i] as Int32Array;
    const prev = table[i - 1] as Int32Array;
    for (let j = 1; j <= can.length; j++) {
      row[j] =
        ref[i - 1] === can[j - 1]
          ? (prev[j - 1] as number) + 1
          : Math.max(prev[j] as number, row[j - 1] as number);
    }
  }
  return table;
}

function scoreLcs(target: readonly string[], prediction: readonly string[]): RougeScore {
  if (target.length === 0 || prediction.length === 0)
    return { precision: 0, recall: 0, fmeasure: 0 };
  const length = (lcsTable(target, prediction)[target.length] as Int32Array)[
    prediction.length
  ] as number;
  const precision = length / prediction.length;
  const recall = length / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** Indices into `ref` of one longest common subsequence (rouge-score's backtrack). */
function lcsIndices(ref: readonly string[], can: readonly string[]): number[] {
  const t = lcsTable(ref, can);
  let i = ref.length;
  let j = can.length;
  const out: number[] = [];
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.unshift(i - 1);
      i--;
      j--;
    } else if (((t[i] as Int32Array)[j - 1] as number) > ((t[i - 1] as Int32Array)[j] as number)) {
      j--;
    } else {
      i--;
    }
  }
  return out;
}

function summaryLevelLcs(refSentences: string[][], canSentences: string[][]): RougeScore {
  if (refSentences.length === 0 || canSentences.length === 0)
    return { precision: 0, recall: 0, fmeasure: 0 };
  const m = refSentences.reduce((s, x) => s + x.length, 0);
  const n = canSentences.reduce((s, x) => s + x.length, 0);
  if (m === 0 || n === 0) return { precision: 0, recall: 0, fmeasure: 0 };
  const refCounts = new Map<string, number>();
  const canCounts = new Map<string, number>();
  for (const s of refSentences) for (const t of s) refCounts.set(t, (refCounts.get(t) ?? 0) + 1);
  for (const s of canSentences) for (const t of s) canCounts.set(t, (canCounts.get(t) ?? 0) + 1);
  let hits = 0;
  for (const ref of refSentences) {
    const union = new Set<number>();
    for (const can of canSentences) for (const index of lcsIndices(ref, can)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = ref[index] as string;
      if ((canCounts.get(token) ?? 0) > 0 && (refCounts.get(token) ?? 0) > 0) {
        hits++;
        canCounts.set(token, (canCounts.get(token) as number) - 1);
        refCounts.set(token, (refCounts.get(token) as number) - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

export function rouge(
  type: RougeType,
  target: string,
  prediction: string,
  useStemmer = false,
): RougeScore {
  if (type === 'rougeLsum') {
    const sentences = (text: string) =>
      text
        .split('\n')
        .filter((s) => s.length > 0)
        .map((s) => rougeTokenize(s, useStemmer));
    return summaryLevelLcs(sentences(target), sentences(prediction));
  }
  const t = rougeTokenize(target, useStemmer);
  const p = rougeTokenize(prediction, useStemmer);
  if (type === 'rougeL') return scoreLcs(t, p);
  const n = Number(type.slice(5));
  return scoreNgrams(ngrams(t, n), ngrams(p, n));
}
