import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation: sorted keys, no whitespace,
 * ECMAScript number formatting. Any JCS implementation reproduces it, so hashes built on
 * it can be checked outside Yardstick.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/** sha256 of the canonical JSON of `value`. */
export function hashJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
