/**
 * chrF and chrF++ as sacreBLEU 2.x computes them (Popović 2015, 2017): character n-gram
 * (and optionally word n-gram) precision and recall, combined with F-beta, either averaged
 * with eps smoothing (chrF++.py) or by effective order (sacreBLEU < 2.0, sacreBLEU's default).
 * For several references the segment keeps the statistics of the best-scoring one.
 * Scores are on the 0–100 scale.
 */
import { pythonSplit } from './sacrebleuTokenizers';

export interface ChrfOptions {
  charOrder?: number;
  wordOrder?: number;
  beta?: number;
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (sacreBLEU's `whitespace`); default false. */
  whitespace?: boolean;
  epsSmoothing?: boolean;
}

type Resolved = Required<ChrfOptions>;

function resolve(options: ChrfOptions): Resolved {
  return {
    charOrder: options.charOrder ?? 6,
    wordOrder: options.wordOrder ?? 0,
    beta: options.beta ?? 2,
    lowercase: options.lowercase ?? false,
    whitespace: options.whitespace ?? false,
    epsSmoothing: options.epsSmoothing ?? false,
  };
}

const puncts = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** Splits a leading or trailing punctuation mark off each word (chrF++'s word tokenizer). */
function removePunctuation(sentence: string): string[] {
  const out: string[] = [];
  for (const word of pythonSplit(sentence)) {
    const chars = Array.from(word);
    if (chars.length === 1) out.push(word);
    else if (puncts.has(chars[chars.length - 1] as string))
      out.push(chars.slice(0, -1).join(''), chars[chars.length - 1] as string);
    else if (puncts.has(chars[0] as string)) out.push(chars[0] as string, chars.slice(1).join(''));
    else out.push(word);
  }
  return out;
}

function charNgrams(text: string, order: number, whitespace: boolean): Array<Map<string, number>> {
  const chars = Array.from(whitespace ? text : pythonSplit(text).join(''));
  const out: Array<Map<string, number>> = [];
  for (let n = 1; n <= order; n++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + n <= chars.length; i++) {
      const gram = chars.slice(i, i + n).join('');
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    out.push(counts);
  }
  return out;
}

function wordNgrams(words: readonly string[], order: number): Array<Map<string, number>> {
  const out: Array<Map<string, number>> = [];
  for (let n = 1; n <= order; n++) {
    const counts = new Map<string, number>();
    for (let i = 0; i + n <= words.length; i++) {
      const gram = words.slice(i, i + n).join(' ');
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
    out.push(counts);
  }
  return out;
}

function allNgrams(text: string, o: Resolved): Array<Map<string, number>> {
  const grams = charNgrams(text, o.charOrder, o.whitespace);
  if (o.wordOrder > 0) grams.push(...wordNgrams(removePunctuation(text), o.wordOrder));
  return grams;
}

function matchStatistics(
  hyp: Map<string, number>,
  ref: Map<string, number>,
): [number, number, number] {
  let match = 0;
  let hypCount = 0;
  for (const [gram, count] of hyp) {
    hypCount += count;
    const r = ref.get(gram);
    if (r !== undefined) match += Math.min(count, r);
  }
  let refCount = 0;
  for (const count of ref.values()) refCount += count;
  // No hypothesis n-grams are counted when the reference has none of that order.
  return [ref.size > 0 ? hypCount : 0, refCount, match];
}

/** The chrF score (0–100) from [hyp, ref, match] triples, one per order. */
export function chrfFromStatistics(stats: readonly number[], options: ChrfOptions = {}): number {
  const o = resolve(options);
  const order = o.charOrder + o.wordOrder;
  const eps = 1e-16;
  const factor = o.beta ** 2;
  let score = 0;
  let effective = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const nHyp = stats[3 * i] as number;
    const nRef = stats[3 * i + 1] as number;
    const nMatch = stats[3 * i + 2] as number;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effective++;
    }
  }
  if (o.epsSmoothing) return (100 * score) / order;
  if (effective === 0) return 0;
  avgPrec /= effective;
  avgRec /= effective;
  if (avgPrec + avgRec === 0) return 0;
  return (100 * ((1 + factor) * avgPrec * avgRec)) / (factor * avgPrec + avgRec);
}

/** Statistics of one segment against the best of its references. */
export function segmentChrfStatistics(
  hypothesis: string,
  references: readonly string[],
  options: ChrfOptions = {},
): number[] {
  const o = resolve(options);
  const prep = (s: string) => (o.lowercase ? s.toLowerCase() : s);
  const hypGrams = allNgrams(prep(hypothesis), o);
  let best: number[] = [];
  let bestScore = -1;
  for (const reference of references) {
    const refGrams = allNgrams(prep(reference), o);
    const stats: number[] = [];
    hypGrams.forEach((h, i) =>
      stats.push(...matchStatistics(h, refGrams[i] as Map<string, number>)),
    );
    const f = chrfFromStatistics(stats, o);
    if (f > bestScore) {
      bestScore = f;
      best = stats;
    }
  }
  return best;
}

export function corpusChrf(
  hypotheses: readonly string[],
  references: ReadonlyArray<readonly string[]>,
  options: ChrfOptions = {},
): number {
  const o = resolve(options);
  const total = new Array<number>(3 * (o.charOrder + o.wordOrder)).fill(0);
  hypotheses.forEach((hyp, i) => {
    const refs = references.map((stream) => stream[i]).filter((r): r is string => r !== undefined);
    segmentChrfStatistics(hyp, refs, o).forEach((v, j) => (total[j] = (total[j] as number) + v));
  });
  return chrfFromStatistics(total, o);
}

export function sentenceChrf(
  hypothesis: string,
  references: readonly string[],
  options: ChrfOptions = {},
): number {
  return chrfFromStatistics(segmentChrfStatistics(hypothesis, references, options), options);
}
