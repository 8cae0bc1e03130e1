import { z } from 'zod';
import { getPath } from '../text/extract';
import type { ScoreInput } from '../types';

/** Where a scorer finds the expected answer: the item's reference or a metadata path. */
export const ReferenceFrom = z
  .string()
  .regex(/^(reference|metadata\.[A-Za-z0-9_.-]+)$/, 'use "reference" or "metadata.<path>"')
  .default('reference')
  .describe('Where the expected answer is: "reference" or "metadata.<path>".');

export function referenceText(input: ScoreInput, from: string): string | null {
  if (from === 'reference') return input.reference;
  const got = getPath(input.metadata, from.slice('metadata.'.length));
  if (!got.found || got.value === null || got.value === undefined) return null;
  return typeof got.value === 'string' ? got.value : JSON.stringify(got.value);
}

/** A reference may hold several acceptable answers as a JSON array of strings. */
export function referenceList(text: string | null): string[] {
  if (text === null) return [];
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
    } catch {
      // Not a list: the text itself is the one reference.
    }
  }
  return [text];
}

export function missingReference(from: string) {
  return {
    value: null,
    isPass: null,
    details: {},
    error: `the item has no ${from} to compare with`,
  };
}
