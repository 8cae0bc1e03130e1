import { describe, expect, it } from 'vitest';
import { contentHash, isNonCanonicalPair, schemeHash } from '@core/labeling/content';
import { hashJson, sha256Hex } from '@core/util/hash';

describe('content and scheme hashes', () => {
  it('keys a pointwise label by the input and the output', () => {
    const h = contentHash('pointwise', 'q', ['answer']);
    expect(h).toBe(hashJson({ v: 1, kind: 'pointwise', input: 'q', output: 'answer' }));
    expect(contentHash('pointwise', 'q', ['answer '])).not.toBe(h);
    expect(contentHash('pointwise', 'q2', ['answer'])).not.toBe(h);
  });

  it('keys a pair by its two outputs whichever way round they come', () => {
    const ab = contentHash('pairwise', 'q', ['first', 'second']);
    expect(contentHash('pairwise', 'q', ['second', 'first'])).toBe(ab);
    // Canonical order is the order of the outputs' SHA-256.
    const firstIsLower = sha256Hex('first') < sha256Hex('second');
    expect(isNonCanonicalPair('first', 'second')).toBe(!firstIsLower);
    const ordered = firstIsLower ? ['first', 'second'] : ['second', 'first'];
    expect(ab).toBe(hashJson({ v: 1, kind: 'pairwise', input: 'q', outputs: ordered }));
    expect(() => contentHash('pairwise', 'q', ['only'])).toThrow(RangeError);
  });

  it('shares labels only between sessions asking the same question', () => {
    const rubric = { question: 'Is it right?', scale: { min: 1, max: 5 } };
    expect(schemeHash('pointwise', rubric)).toBe(
      schemeHash('pointwise', { ...rubric, question: '  Is it right? ' }),
    );
    expect(schemeHash('pointwise', rubric)).not.toBe(
      schemeHash('pointwise', { ...rubric, scale: { min: 1, max: 7 } }),
    );
    expect(schemeHash('pointwise', rubric)).not.toBe(schemeHash('pairwise', rubric));
    // A pair's question has no scale.
    expect(schemeHash('pairwise', rubric)).toBe(
      schemeHash('pairwise', { ...rubric, scale: { min: 0, max: 9 } }),
    );
  });
});
