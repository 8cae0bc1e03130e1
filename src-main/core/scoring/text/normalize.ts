/** Text normalisation shared by the matching scorers. */

export interface NormalizeOptions {
  /** Trim, collapse whitespace, strip surrounding quotes and trailing punctuation (and lowercase). */
  normalize?: boolean;
  /** Default: false when normalising, true otherwise. */
  caseSensitive?: boolean;
}

export function normalizeText(text: string, options: NormalizeOptions): string {
  let out = text.normalize('NFC');
  if (options.normalize) {
    out = out
      .trim()
      .replace(/^["'`]+|["'`]+$/g, '')
      .replace(/[\s]+/g, ' ')
      .replace(/[.!?;:,]+$/, '')
      .trim();
  }
  if (!(options.caseSensitive ?? !options.normalize)) out = out.toLowerCase();
  return out;
}

export function countWords(text: string): number {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  return words.length;
}

export function countSentences(text: string): number {
  const parts = text
    .split(/(?<=[.!?。！？])\s+|\n{2,}/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  return parts.length;
}
