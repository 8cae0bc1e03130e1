import { sha256Hex } from '../../util/hash';
import { candidatePairs, estimatedJaccard, normalisedWords, shingles, signature } from './minhash';

export interface DedupItem {
  key: string;
  text: string;
}

export interface DuplicateGroup {
  /** The item kept: the earliest in stored order. */
  kept: string;
  removed: string[];
}

/** Union–find over item indexes. */
class Groups {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[i] !== root) {
      const next = this.parent[i] as number;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller index (earlier item) becomes the root, so it is the one kept.
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Groups of duplicates among items (in stored order). Exact: equal normalised text (NFKC,
 * lower case, words only). Near: MinHash/LSH candidates whose estimated Jaccard similarity of
 * word 3-gram shingles is at least `threshold` (exact duplicates are always included).
 */
export function findDuplicates(
  items: readonly DedupItem[],
  mode: 'exact' | 'near',
  threshold: number,
): DuplicateGroup[] {
  const groups = new Groups(items.length);
  const words = items.map((item) => normalisedWords(item.text));
  const firstByText = new Map<string, number>();
  words.forEach((w, i) => {
    const key = sha256Hex(w.join(' '));
    const first = firstByText.get(key);
    if (first === undefined) firstByText.set(key, i);
    else groups.union(first, i);
  });
  if (mode === 'near') {
    const signatures = words.map((w) => signature(shingles(w)));
    for (const [a, b] of candidatePairs(signatures)) {
      if (estimatedJaccard(signatures[a] as Uint32Array, signatures[b] as Uint32Array) >= threshold)
        groups.union(a, b);
    }
  }
  const byRoot = new Map<number, number[]>();
  items.forEach((_, i) => {
    const root = groups.find(i);
    const members = byRoot.get(root);
    if (members) members.push(i);
    else byRoot.set(root, [i]);
  });
  return [...byRoot.entries()]
    .filter(([, members]) => members.length > 1)
    .sort(([a], [b]) => a - b)
    .map(([root, members]) => ({
      kept: (items[root] as DedupItem).key,
      removed: members.filter((i) => i !== root).map((i) => (items[i] as DedupItem).key),
    }));
}
