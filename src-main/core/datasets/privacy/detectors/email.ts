import { definePiiDetector, regexMatches } from '../types';

// Local part and domain as RFC 5322 "dot-atom" in practice; the TLD must be letters.
const pattern =
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b/g;

export const emailDetector = definePiiDetector({
  id: 'email',
  label: 'Email address',
  description: 'name@domain.tld addresses.',
  replacement: '[EMAIL]',
  mayContain: (text) => text.includes('@'),
  find: (text) => regexMatches(text, pattern, (value) => !value.startsWith('.')),
});
