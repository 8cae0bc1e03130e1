import { isIPv6 } from 'node:net';
import { definePiiDetector, regexMatches } from '../types';

const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// Not part of a longer dotted number such as a version "1.2.3.4.5".
const ipv4 = new RegExp(`(?<![\\d.])${octet}(?:\\.${octet}){3}(?![\\d]|\\.\\d)`, 'g');
const ipv6Candidate =
  /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![0-9A-Fa-f:])/g;

const notPersonalV4 = new Set(['0.0.0.0', '127.0.0.1', '255.255.255.255']);

export const ipv4Detector = definePiiDetector({
  id: 'ipv4',
  label: 'IPv4 address',
  description: 'Dotted-quad IPv4 addresses (except 0.0.0.0, 127.0.0.1 and broadcast).',
  replacement: '[IP]',
  mayContain: (text) => text.includes('.'),
  find: (text) => regexMatches(text, ipv4, (value) => !notPersonalV4.has(value)),
});

export const ipv6Detector = definePiiDetector({
  id: 'ipv6',
  label: 'IPv6 address',
  description: 'IPv6 addresses in full or compressed form (except :: and ::1).',
  replacement: '[IP]',
  mayContain: (text) => text.includes(':'),
  find: (text) =>
    regexMatches(text, ipv6Candidate, (value) => {
      // Times ("10:30:00") and bare "::" are not addresses: require an address-shaped value.
      const groups = value.split(':').filter(Boolean);
      if (!value.includes('::') && groups.length !== 8) return false;
      if (groups.length < 2 || !/[0-9A-Fa-f]{3,}/.test(value)) return false;
      return isIPv6(value) && value !== '::1';
    }),
});
