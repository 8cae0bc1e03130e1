import { fnv1a } from '../derive/minhash';

/** A word of a text: its normalised form and where it is in the original text. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** Words (letters, digits, combining marks), lower-cased and NFKC-normalised, with their offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    tokens.push({
      word: match[0].normalize('NFKC').toLowerCase(),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return tokens;
}

// Two polynomial rolling hashes modulo primes below 2^26: every product stays below 2^52,
// exact in a double; together they form one 52-bit key. Hits are verified word by word.
const P1 = 67108859;
const P2 = 67108837;
const B1 = 1000003 % P1;
const B2 = 998244353 % P2;

function powMod(base: number, exp: number, mod: number): number {
  let result = 1;
  for (let i = 0; i < exp; i++) result = (result * base) % mod;
  return result;
}

/** Rolling hash of the last n words of a stream, with the words kept for verification. */
export class RollingWindow {
  private readonly words: string[];
  private readonly values1: number[];
  private readonly values2: number[];
  private readonly top1: number;
  private readonly top2: number;
  private h1 = 0;
  private h2 = 0;
  private count = 0;

  constructor(readonly n: number) {
    this.words = new Array<string>(n).fill('');
    this.values1 = new Array<number>(n).fill(0);
    this.values2 = new Array<number>(n).fill(0);
    this.top1 = powMod(B1, n - 1, P1);
    this.top2 = powMod(B2, n - 1, P2);
  }

  reset(): void {
    this.h1 = 0;
    this.h2 = 0;
    this.count = 0;
  }

  /** Adds a word; returns the window's key once it holds n words, else null. */
  push(word: string): number | null {
    const slot = this.count % this.n;
    const hash = fnv1a(word);
    const v1 = hash % P1;
    const v2 = hash % P2;
    if (this.count >= this.n) {
      this.h1 = (this.h1 - (((this.values1[slot] as number) * this.top1) % P1) + P1) % P1;
      this.h2 = (this.h2 - (((this.values2[slot] as number) * this.top2) % P2) + P2) % P2;
    }
    this.h1 = (this.h1 * B1 + v1) % P1;
    this.h2 = (this.h2 * B2 + v2) % P2;
    this.words[slot] = word;
    this.values1[slot] = v1;
    this.values2[slot] = v2;
    this.count++;
    return this.count >= this.n ? this.h1 * P2 + this.h2 : null;
  }

  /** The i-th word of the current window (0 = oldest). */
  word(i: number): string {
    return this.words[(this.count - this.n + i) % this.n] as string;
  }
}

export interface IndexedField {
  item: number;
  field: string;
  text: string;
  tokens: Token[];
  /** matched[p] = 1 when the n-gram starting at word p was found in the corpus. */
  matched: Uint8Array;
}

/** Every n-gram of the dataset's fields, by rolling-hash key. */
export class NgramIndex {
  readonly fields: IndexedField[] = [];
  private readonly byKey = new Map<number, number[]>();

  constructor(readonly n: number) {}

  add(item: number, field: string, text: string): void {
    const tokens = tokenize(text);
    const index = this.fields.length;
    const ngrams = Math.max(0, tokens.length - this.n + 1);
    this.fields.push({ item, field, text, tokens, matched: new Uint8Array(ngrams) });
    const window = new RollingWindow(this.n);
    tokens.forEach((token, i) => {
      const key = window.push(token.word);
      // Start positions are packed into 21 bits: words past ~2 million in one field are not indexed.
      if (key === null || i - this.n + 1 >= 2 ** 21) return;
      // Entry = field index and start position, packed (positions stay below 2^21).
      const entry = index * 2 ** 21 + (i - this.n + 1);
      const list = this.byKey.get(key);
      if (list) list.push(entry);
      else this.byKey.set(key, [entry]);
    });
  }

  /** Marks every dataset n-gram equal to the window's current words. */
  match(key: number, window: RollingWindow): void {
    const entries = this.byKey.get(key);
    if (!entries) return;
    for (const entry of entries) {
      const field = this.fields[Math.floor(entry / 2 ** 21)] as IndexedField;
      const start = entry % 2 ** 21;
      let equal = true;
      for (let i = 0; i < this.n && equal; i++)
        equal = (field.tokens[start + i] as Token).word === window.word(i);
      if (equal) field.matched[start] = 1;
    }
  }
}
