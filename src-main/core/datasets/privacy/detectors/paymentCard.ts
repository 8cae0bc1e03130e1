import { definePiiDetector, digitsOf, regexMatches } from '../types';

// 13–19 digits, optionally grouped by single spaces or hyphens (as printed on cards).
const pattern = /\b\d(?:[ -]?\d){12,18}\b/g;

/** The Luhn (mod 10) checksum every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

// Issuer prefixes of the major schemes (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro).
const issuerPrefix =
  /^(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5|4[4-9]|22)|35|30[0-5]|36|38|39|62|50|5[6-9]|6[0-9])/;

export const paymentCardDetector = definePiiDetector({
  id: 'payment_card',
  label: 'Payment card number',
  description: '13–19 digit card numbers with a known issuer prefix that pass the Luhn check.',
  replacement: '[CARD]',
  mayContain: (text) => /\d{4}/.test(text),
  find: (text) =>
    regexMatches(text, pattern, (value) => {
      const digits = digitsOf(value);
      if (digits.length < 13 || digits.length > 19) return false;
      // Mixed separators ("1234-5678 9012…") are not how card numbers are written.
      if (value.includes(' ') && value.includes('-')) return false;
      return issuerPrefix.test(digits) && luhnValid(digits);
    }),
});
