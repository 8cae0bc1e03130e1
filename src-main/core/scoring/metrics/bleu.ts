/**
 * BLEU as sacreBLEU 2.x computes it (Papineni et al. 2002; Post 2018): clipped n-gram counts
 * against the per-n-gram maximum over references, the closest reference length (ties to the
 * shorter), brevity penalty, and the smoothing methods `none`, `floor`, `add-k` and `exp`
 * (Chen & Cherry 2014), with optional effective order. Scores are on sacreBLEU's 0–100 scale.
 */
import { bleuTokenize, pythonSplit, type BleuTokenizerName } from './sacrebleuTokenizers';

export type BleuSmoothing = 'none' | 'floor' | 'add-k' | 'exp';

export interface BleuOptions {
  tokenize?: BleuTokenizerName;
  smoothMethod?: BleuSmoothing;
  /** null/undefined: the method's default (floor 0.1, add-k 1). */
  smoothValue?: number | null;
  lowercase?: boolean;
  maxNgramOrder?: number;
  effectiveOrder?: boolean;
}

export interface BleuStatistics {
  correct: number[];
  total: number[];
  sysLen: number;
  refLen: number;
}

export interface BleuScore extends BleuStatistics {
  score: number;
  precisions: number[];
  brevityPenalty: number;
}

const smoothDefaults: Record<BleuSmoothing, number | null> = {
  none: null,
  floor: 0.1,
  'add-k': 1,
  exp: null,
};

function ngramCounts(tokens: readonly string[], maxOrder: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = 1; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      const key = `${n}\u0001${tokens.slice(i, i + n).join('\u0000')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function preprocess(
  line: string,
  options: Required<Pick<BleuOptions, 'tokenize' | 'lowercase'>>,
): string[] {
  const text = options.lowercase ? line.toLowerCase() : line;
  return pythonSplit(bleuTokenize(text.trimEnd(), options.tokenize));
}

function closestRefLength(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff) {
      closestLen = Math.min(closestLen, refLen);
    }
  }
  return closestLen;
}

/** Sufficient statistics of one segment against its references. */
export function segmentBleuStatistics(
  hypothesis: string,
  references: readonly string[],
  options: BleuOptions = {},
): BleuStatistics {
  const tokenize = options.tokenize ?? '13a';
  const lowercase = options.lowercase ?? false;
  const maxOrder = options.maxNgramOrder ?? 4;
  const refs = references.filter((r) => r !== '');
  if (refs.length === 0) throw new Error('BLEU needs at least one non-empty reference');
  const refCounts = new Map<string, number>();
  const refLens: number[] = [];
  for (const ref of refs) {
    const tokens = preprocess(ref, { tokenize, lowercase });
    refLens.push(tokens.length);
    for (const [key, count] of ngramCounts(tokens, maxOrder))
      refCounts.set(key, Math.max(refCounts.get(key) ?? 0, count));
  }
  const hypTokens = preprocess(hypothesis, { tokenize, lowercase });
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  for (const [key, count] of ngramCounts(hypTokens, maxOrder)) {
    const n = Number(key.slice(0, key.indexOf('\u0001'))) - 1;
    total[n] = (total[n] as number) + count;
    const refCount = refCounts.get(key);
    if (refCount !== undefined) correct[n] = (correct[n] as number) + Math.min(count, refCount);
  }
  return {
    correct,
    total,
    sysLen: hypTokens.length,
    refLen: closestRefLength(hypTokens.length, refLens),
  };
}

function myLog(value: number): number {
  return value === 0 ? -9999999999 : Math.log(value);
}

/** BLEU from sufficient statistics (sacreBLEU's BLEU.compute_bleu). */
export function computeBleu(stats: BleuStatistics, options: BleuOptions = {}): BleuScore {
  const method = options.smoothMethod ?? 'exp';
  const smoothValue = options.smoothValue ?? smoothDefaults[method] ?? 0;
  const maxOrder = options.maxNgramOrder ?? stats.correct.length;
  const correct = stats.correct.slice(0, maxOrder);
  const total = stats.total.slice(0, maxOrder);
  const { sysLen, refLen } = stats;
  const brevityPenalty = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const precisions = new Array<number>(maxOrder).fill(0);
  if (!correct.some((c) => c > 0))
    return { score: 0, correct, total, sysLen, refLen, precisions, brevityPenalty };
  let smoothMteval = 1;
  let effective = maxOrder;
  for (let n = 1; n <= maxOrder; n++) {
    if (method === 'add-k' && n > 1) {
      correct[n - 1] = (correct[n - 1] as number) + smoothValue;
      total[n - 1] = (total[n - 1] as number) + smoothValue;
    }
    const t = total[n - 1] as number;
    const c = correct[n - 1] as number;
    if (t === 0) break;
    if (options.effectiveOrder) effective = n;
    if (c === 0) {
      if (method === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * t);
      } else if (method === 'floor') {
        precisions[n - 1] = (100 * smoothValue) / t;
      }
    } else {
      precisions[n - 1] = (100 * c) / t;
    }
  }
  let logSum = 0;
  for (let i = 0; i < effective; i++) logSum += myLog(precisions[i] as number);
  return {
    score: brevityPenalty * Math.exp(logSum / effective),
    correct,
    total,
    sysLen,
    refLen,
    precisions,
    brevityPenalty,
  };
}

/** Corpus BLEU: `references` are reference streams, each parallel to `hypotheses`. */
export function corpusBleu(
  hypotheses: readonly string[],
  references: ReadonlyArray<readonly string[]>,
  options: BleuOptions = {},
): BleuScore {
  const maxOrder = options.maxNgramOrder ?? 4;
  const sum: BleuStatistics = {
    correct: new Array<number>(maxOrder).fill(0),
    total: new Array<number>(maxOrder).fill(0),
    sysLen: 0,
    refLen: 0,
  };
  hypotheses.forEach((hyp, i) => {
    const refs = references.map((stream) => stream[i]).filter((r): r is string => r !== undefined);
    const s = segmentBleuStatistics(hyp, refs, options);
    for (let n = 0; n < maxOrder; n++) {
      sum.correct[n] = (sum.correct[n] as number) + (s.correct[n] as number);
      sum.total[n] = (sum.total[n] as number) + (s.total[n] as number);
    }
    sum.sysLen += s.sysLen;
    sum.refLen += s.refLen;
  });
  return computeBleu(sum, options);
}

/** Sentence BLEU (sacreBLEU's sentence_bleu: effective order on by default). */
export function sentenceBleu(
  hypothesis: string,
  references: readonly string[],
  options: BleuOptions = {},
): BleuScore {
  const withDefaults = { effectiveOrder: true, ...options };
  return computeBleu(segmentBleuStatistics(hypothesis, references, withDefaults), withDefaults);
}
