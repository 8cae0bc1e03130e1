import { sha256Hex } from '../../util/hash';

/**
 * The fold (0…k-1) of an item in a K-fold split: the first 32 bits of
 * sha256(salt + "\0" + key), modulo k. It depends only on the key, the salt and k, so an
 * item stays in the same fold in every version ("held-out set B" is always the same items).
 */
export function foldIndex(key: string, k: number, salt = ''): number {
  return Number.parseInt(sha256Hex(`${salt}\u0000${key}`).slice(0, 8), 16) % k;
}

/** Folds are named A, B, C… */
export function foldName(index: number): string {
  return String.fromCharCode(65 + index);
}

export function foldIndexOf(name: string): number {
  return name.charCodeAt(0) - 65;
}

export function foldCounts(keys: Iterable<string>, k: number, salt = ''): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const key of keys) {
    const index = foldIndex(key, k, salt);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}
