/**
 * A subsequence matcher for the command palette: every character of the query must appear in
 * the text in order. Matches are ranked prefix first, then a run of the query starting a word,
 * then initials (each character starting a word), then a run inside a word, then scattered
 * characters — where characters that start words and come
 * one after another score higher. No library: none in package.json does this, and the whole
 * scorer is a single O(query × text) pass.
 */

const startBonus = 8;
const wordStartBonus = 6;
const plainMatch = 1;
const consecutiveBonus = 4;
const gapPenalty = 2;

const prefixTier = 300;
const wordPrefixTier = 200;
const initialsTier = 150;
const substringTier = 100;

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

/** ASCII by char code (most names); anything else by Unicode property. */
function classOf(char: string): CharClass {
  const code = char.charCodeAt(0);
  if (code >= 97 && code <= 122) return 'lower';
  if (code >= 65 && code <= 90) return 'upper';
  if (code >= 48 && code <= 57) return 'digit';
  if (code < 128) return 'other';
  if (/\p{Ll}/u.test(char)) return 'lower';
  if (/\p{L}/u.test(char)) return 'upper'; // Upper, title case and caseless letters.
  return /\p{N}/u.test(char) ? 'digit' : 'other';
}

/**
 * Whether a character starts a word: the first one, one after a separator, a camelCase hump,
 * or where letters turn into digits or back ("run2" → "2").
 */
function isWordStart(previous: CharClass | null, current: CharClass): boolean {
  if (previous === null || previous === 'other') return true;
  if (previous === 'lower' && current === 'upper') return true;
  return (previous === 'digit') !== (current === 'digit') && current !== 'other';
}

/** Text prepared once per item, so typing scores 10,000 items without re-lowering them. */
export interface Prepared {
  lower: string;
  wordStarts: Uint8Array;
}

export function prepare(text: string): Prepared {
  const wordStarts = new Uint8Array(text.length);
  let previous: CharClass | null = null;
  for (let i = 0; i < text.length; i++) {
    const current = classOf(text[i] as string);
    wordStarts[i] = isWordStart(previous, current) ? 1 : 0;
    previous = current;
  }
  return { lower: text.toLowerCase(), wordStarts };
}

function bonusAt(target: Prepared, j: number): number {
  if (j === 0) return startBonus;
  return target.wordStarts[j] ? wordStartBonus : plainMatch;
}

// Two rows of the table, reused: scoring 10,000 items per key press allocates nothing.
let scratchA = new Float64Array(256);
let scratchB = new Float64Array(256);

/** The best placement of the query's characters, by dynamic programming; null: no match. */
function subsequenceScore(query: string, target: Prepared): number | null {
  const { lower } = target;
  // Most items do not match at all: a greedy scan rejects them before any table is built.
  for (let i = 0, from = 0; i < query.length; i++) {
    const at = lower.indexOf(query[i] as string, from);
    if (at < 0) return null;
    from = at + 1;
  }
  const n = lower.length;
  if (scratchA.length < n) {
    scratchA = new Float64Array(n * 2);
    scratchB = new Float64Array(n * 2);
  }
  let previous = scratchA.fill(-Infinity, 0, n);
  let current = scratchB;
  for (let j = 0; j < n; j++) if (lower[j] === query[0]) previous[j] = bonusAt(target, j);
  for (let i = 1; i < query.length; i++) {
    current.fill(-Infinity, 0, n);
    // Best score of the previous character strictly before j - 1 (a gap before j).
    let bestBefore = -Infinity;
    for (let j = 1; j < n; j++) {
      if (j >= 2) bestBefore = Math.max(bestBefore, previous[j - 2] as number);
      if (lower[j] !== query[i]) continue;
      const adjacent = (previous[j - 1] as number) + consecutiveBonus;
      const gapped = bestBefore - gapPenalty;
      const best = Math.max(adjacent, gapped);
      if (best > -Infinity) current[j] = best + bonusAt(target, j);
    }
    [previous, current] = [current, previous];
  }
  let best = -Infinity;
  for (let j = 0; j < n; j++) best = Math.max(best, previous[j] as number);
  return best > -Infinity ? best : null;
}

/** Whether every character of the query can sit at the start of a word, in order ("st" in "support-triage"). */
function isInitials(query: string, target: Prepared): boolean {
  let from = 0;
  for (const char of query) {
    let at = target.lower.indexOf(char, from);
    while (at >= 0 && !target.wordStarts[at]) at = target.lower.indexOf(char, at + 1);
    if (at < 0) return false;
    from = at + 1;
  }
  return true;
}

/** Higher is better; null when the text does not contain the query's characters in order. */
export function score(query: string, target: Prepared): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  // Spaces separate words the user remembers; the text may join them with "-" or "_".
  const letters = q.replace(/\s+/g, '');
  if (letters.length > target.lower.length) return null;
  const base = subsequenceScore(letters, target);
  if (base === null) return null;
  const at = target.lower.indexOf(q);
  if (at === 0) return prefixTier + base;
  if (at > 0) {
    // Any occurrence at a word start, not only the first one.
    for (let i = at; i >= 0; i = target.lower.indexOf(q, i + 1)) {
      if (target.wordStarts[i]) return wordPrefixTier + base;
    }
  }
  if (isInitials(letters, target)) return initialsTier + base;
  return at > 0 ? substringTier + base : base;
}

export interface Ranked<T> {
  item: T;
  score: number;
}

/**
 * The items matching the query, best first; equal scores keep the items' order (runs stay
 * newest first). Returns the first `limit` and how many matched in all.
 */
export function rank<T>(
  query: string,
  items: readonly T[],
  preparedOf: (item: T) => Prepared,
  limit: number,
): { shown: T[]; total: number } {
  const matched: (Ranked<T> & { index: number })[] = [];
  items.forEach((item, index) => {
    const s = score(query, preparedOf(item));
    if (s !== null) matched.push({ item, score: s, index });
  });
  matched.sort((a, b) => b.score - a.score || a.index - b.index);
  return { shown: matched.slice(0, limit).map((m) => m.item), total: matched.length };
}
