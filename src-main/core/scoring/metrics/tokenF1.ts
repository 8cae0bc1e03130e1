/**
 * SQuAD v1.1's answer normalisation and token-level F1 (Rajpurkar et al. 2016, the official
 * evaluate-v1.1.py): lowercase, drop punctuation, drop the articles a/an/the, collapse
 * whitespace; F1 over the multiset of tokens; the best over several references.
 */

const punctuation = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

export function squadNormalize(text: string): string {
  return text
    .toLowerCase()
    .replace(punctuation, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

export function tokenF1(
  prediction: string,
  reference: string,
): { f1: number; precision: number; recall: number } {
  const predTokens = squadNormalize(prediction).split(' ').filter(Boolean);
  const refTokens = squadNormalize(reference).split(' ').filter(Boolean);
  const refCounts = new Map<string, number>();
  for (const t of refTokens) refCounts.set(t, (refCounts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of predTokens) {
    const left = refCounts.get(t) ?? 0;
    if (left > 0) {
      common++;
      refCounts.set(t, left - 1);
    }
  }
  if (common === 0) return { f1: 0, precision: 0, recall: 0 };
  const precision = common / predTokens.length;
  const recall = common / refTokens.length;
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}

export function bestTokenF1(prediction: string, references: readonly string[]) {
  let best = { f1: 0, precision: 0, recall: 0, reference: references[0] ?? '' };
  for (const reference of references) {
    const score = tokenF1(prediction, reference);
    if (score.f1 > best.f1) best = { ...score, reference };
  }
  return best;
}
