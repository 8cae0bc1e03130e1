import { definePiiDetector, digitsOf, regexMatches, type PiiMatch } from '../types';

// International: "+49 151 23456789", "+1 (415) 555-0199", "+39 347 123 4567".
const international = /\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,6}\b/g;
// North American: "(614) 555-0148", "614-555-0148", "614.555.0148". Area code and exchange
// start with 2–9 (NANP), and arithmetic such as "600-250-1200=" is not a number.
const northAmerican =
  /(?:\([2-9]\d{2}\) ?|(?<![\d=+*/-])[2-9]\d{2}[-.])[2-9]\d{2}[-.]\d{4}(?![\d=-])/g;
// UK-style national numbers with a leading 0: "07700 900123", "020 7946 0958".
const ukNational = /(?<![\d-])0\d{3,4} ?\d{3} ?\d{3,4}\b/g;

function withDigits(min: number, max: number) {
  return (value: string) => {
    const n = digitsOf(value).length;
    return n >= min && n <= max;
  };
}

/** Sorted, non-overlapping union of the three patterns' matches. */
function mergeMatches(lists: PiiMatch[][]): PiiMatch[] {
  const all = lists.flat().sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: PiiMatch[] = [];
  for (const match of all) {
    const last = merged.at(-1);
    if (last && match.start < last.end) last.end = Math.max(last.end, match.end);
    else merged.push({ ...match });
  }
  return merged;
}

export const phoneDetector = definePiiDetector({
  id: 'phone',
  label: 'Phone number',
  description:
    'International numbers (+CC …), North American (NNN) NNN-NNNN, and UK-style 0NNNN NNNNNN numbers.',
  replacement: '[PHONE]',
  mayContain: (text) => /\d{3}/.test(text),
  find: (text) =>
    mergeMatches([
      text.includes('+') ? regexMatches(text, international, withDigits(8, 15)) : [],
      regexMatches(text, northAmerican),
      regexMatches(text, ukNational, withDigits(10, 11)),
    ]),
});
