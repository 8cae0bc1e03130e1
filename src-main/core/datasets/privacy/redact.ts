import { piiDetectors } from './registry';
import { findInText } from './scan';
import type { PiiDetector } from './types';

/** Replaces every match in `text` with its detector's placeholder, e.g. `[EMAIL]`. */
export function redactText(text: string, detectors: readonly PiiDetector[] = piiDetectors): string {
  const matches = findInText(text, detectors);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += text.slice(at, match.start) + match.detector.replacement;
    at = match.end;
  }
  return out + text.slice(at);
}

function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth >= 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, depth + 1)]));
}

/**
 * A redacted copy of an item's texts. A `messages` input is redacted inside its JSON
 * strings and serialised again, so it stays a valid messages array.
 */
export function redactItemFields(item: {
  inputFormat: 'text' | 'messages';
  input: string;
  reference: string | null;
  metadata: Record<string, unknown>;
}): { input: string; reference: string | null; metadata: Record<string, unknown> } {
  let input: string;
  if (item.inputFormat === 'messages') {
    input = JSON.stringify(redactValue(JSON.parse(item.input) as unknown));
  } else {
    input = redactText(item.input);
  }
  return {
    input,
    reference: item.reference === null ? null : redactText(item.reference),
    metadata: redactValue(item.metadata) as Record<string, unknown>,
  };
}
