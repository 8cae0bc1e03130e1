import { createRandom } from '../../stats/random';

/**
 * MinHash signatures with LSH banding for near-duplicate detection (Broder 1997; Leskovec,
 * Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3). Parameters: word 3-gram shingles,
 * 128 hash functions, 16 bands of 8 rows (candidate pairs from Jaccard ≈ 0.7 up), candidates
 * confirmed by the signature's Jaccard estimate against the threshold.
 */
export const minhashParams = { shingleWords: 3, hashes: 128, bands: 16, rows: 8 } as const;

/** Lower-cased NFKC words (letters, digits, marks): the text dedup and contamination compare. */
export function normalisedWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  );
}

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's 32-bit finaliser: a cheap, well-mixed hash family when XORed with a seed. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const seeds = (() => {
  const random = createRandom('yardstick-minhash');
  return Uint32Array.from({ length: minhashParams.hashes }, () =>
    Math.floor(random.next() * 2 ** 32),
  );
})();

export function shingles(words: readonly string[]): Set<number> {
  const k = minhashParams.shingleWords;
  const set = new Set<number>();
  if (words.length < k) {
    set.add(fnv1a(words.join(' ')));
    return set;
  }
  for (let i = 0; i + k <= words.length; i++) set.add(fnv1a(words.slice(i, i + k).join(' ')));
  return set;
}

export function signature(shingleSet: ReadonlySet<number>): Uint32Array {
  const sig = new Uint32Array(minhashParams.hashes).fill(0xffffffff);
  for (const shingle of shingleSet) {
    for (let h = 0; h < sig.length; h++) {
      const value = mix32(shingle ^ (seeds[h] as number));
      if (value < (sig[h] as number)) sig[h] = value;
    }
  }
  return sig;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** Pairs of indexes that share at least one LSH band bucket. */
export function candidatePairs(signatures: readonly Uint32Array[]): Array<[number, number]> {
  const { bands, rows } = minhashParams;
  const pairs = new Set<string>();
  const out: Array<[number, number]> = [];
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((sig, index) => {
      const key = Array.from(sig.subarray(band * rows, band * rows + rows)).join(',');
      const bucket = buckets.get(key);
      if (bucket) bucket.push(index);
      else buckets.set(key, [index]);
    });
    for (const bucket of buckets.values()) {
      for (let i = 0; i < bucket.length; i++) {
        for (let j = i + 1; j < bucket.length; j++) {
          const pair = `${bucket[i]},${bucket[j]}`;
          if (!pairs.has(pair)) {
            pairs.add(pair);
            out.push([bucket[i] as number, bucket[j] as number]);
          }
        }
      }
    }
  }
  return out;
}
