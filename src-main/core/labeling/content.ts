/**
 * What a label is keyed by. A label judges content, not a run: the content hash covers the
 * item's input and the output(s) judged, so a later run that produces the same output meets
 * the same hash and inherits the label. The scheme hash covers the question asked (kind,
 * rubric question, scale): labels are shared only between sessions asking the same question.
 *
 * Pairs are unordered content: the two outputs are put in a canonical order (by the SHA-256 of
 * each text) before hashing, and a pairwise choice is stored in that order ('a' = the first).
 */
import { hashJson, sha256Hex } from '../util/hash';

export type SessionKind = 'pointwise' | 'pairwise';

/** True when the two outputs must be swapped to be in canonical order. */
export function isNonCanonicalPair(first: string, second: string): boolean {
  return sha256Hex(first) > sha256Hex(second);
}

/** sha256 of {v, kind, input, output(s)}; pairs in canonical order. */
export function contentHash(kind: SessionKind, input: string, outputs: readonly string[]): string {
  if (kind === 'pointwise') {
    if (outputs.length !== 1) throw new RangeError('a pointwise task judges one output');
    return hashJson({ v: 1, kind, input, output: outputs[0] });
  }
  if (outputs.length !== 2) throw new RangeError('a pairwise task judges two outputs');
  const [a, b] = outputs as [string, string];
  const ordered = isNonCanonicalPair(a, b) ? [b, a] : [a, b];
  return hashJson({ v: 1, kind, input, outputs: ordered });
}

/** sha256 of the question a label answers. Anchors and options do not change the question. */
export function schemeHash(
  kind: SessionKind,
  rubric: { question: string; scale: { min: number; max: number } },
): string {
  return hashJson({
    v: 1,
    kind,
    question: rubric.question.trim(),
    scale: kind === 'pointwise' ? { min: rubric.scale.min, max: rubric.scale.max } : null,
  });
}
