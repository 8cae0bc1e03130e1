import { definePiiDetector, regexMatches } from '../types';

// US Social Security numbers as written (AAA-GG-SSSS), excluding never-issued areas and zero groups.
const ssn = /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g;

// UK National Insurance numbers: two prefix letters, six digits, suffix A–D (HMRC rules).
const nino =
  /\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;

export const usSsnDetector = definePiiDetector({
  id: 'us_ssn',
  label: 'US Social Security number',
  description: 'NNN-NN-NNNN numbers outside the never-issued ranges.',
  replacement: '[SSN]',
  mayContain: (text) => text.includes('-'),
  find: (text) => regexMatches(text, ssn),
});

export const ukNinoDetector = definePiiDetector({
  id: 'uk_nino',
  label: 'UK National Insurance number',
  description: 'AB 12 34 56 C numbers with the prefixes HMRC allows.',
  replacement: '[NINO]',
  mayContain: (text) => /\d\d/.test(text),
  find: (text) => regexMatches(text, nino),
});
