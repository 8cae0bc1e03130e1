import { definePiiDetector, regexMatches } from '../types';

// Country code, two check digits, then 11–30 alphanumerics, optionally in groups of four.
const pattern = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanValid(compact: string): boolean {
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

export const ibanDetector = definePiiDetector({
  id: 'iban',
  label: 'IBAN',
  description: 'International bank account numbers that pass the ISO 13616 mod-97 check.',
  replacement: '[IBAN]',
  mayContain: (text) => /[A-Z]{2}\d{2}/.test(text),
  find: (text) => {
    const matches = [];
    for (const match of regexMatches(text, pattern)) {
      // The greedy pattern may swallow a following word ("… 00 BIC"); shrink to a valid IBAN.
      let end = match.end;
      while (end > match.start) {
        const compact = text.slice(match.start, end).replace(/ /g, '');
        if (ibanValid(compact)) {
          matches.push({ start: match.start, end });
          break;
        }
        end = text.lastIndexOf(' ', end - 1);
        if (end <= match.start) break;
      }
    }
    return matches;
  },
});
