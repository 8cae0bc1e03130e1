import { piiDetectors } from './registry';
import type { PiiDetector, PiiMatch } from './types';

/** The fields of an item the scan reads. */
export interface ScannableItem {
  input: string;
  reference: string | null;
  metadata: Record<string, unknown>;
}

export interface PiiFinding {
  detector: string;
  /** `input`, `reference`, or `metadata.<path>`. */
  field: string;
  start: number;
  end: number;
  /** A masked rendering that shows what kind of value it was without repeating it. */
  preview: string;
}

/** Masks a found value: an email keeps its first letter and domain, anything else its last two characters. */
export function maskValue(detectorId: string, value: string): string {
  if (detectorId === 'email') {
    const at = value.lastIndexOf('@');
    return `${value.slice(0, 1)}***${value.slice(at)}`;
  }
  let keep = 2;
  const out: string[] = [];
  for (let i = value.length - 1; i >= 0; i--) {
    const ch = value.charAt(i);
    if (/[A-Za-z0-9]/.test(ch)) out.push(keep-- > 0 ? ch : '*');
    else out.push(ch);
  }
  return out.reverse().join('');
}

/** Matches of every detector in one text, non-overlapping (earlier detectors win). */
export function findInText(
  text: string,
  detectors: readonly PiiDetector[] = piiDetectors,
): Array<PiiMatch & { detector: PiiDetector }> {
  const found: Array<PiiMatch & { detector: PiiDetector }> = [];
  for (const detector of detectors) {
    if (!detector.mayContain(text)) continue;
    for (const match of detector.find(text)) {
      if (found.some((f) => match.start < f.end && f.start < match.end)) continue;
      found.push({ ...match, detector });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function* stringFields(
  value: unknown,
  path: string,
  depth = 0,
): Generator<{ field: string; text: string }> {
  if (typeof value === 'string') yield { field: path, text: value };
  else if (depth < 8 && Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* stringFields(v, `${path}.${i}`, depth + 1);
  } else if (depth < 8 && value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* stringFields(v, `${path}.${k}`, depth + 1);
  }
}

/** Every personal-data finding in an item's input, reference and metadata strings. */
export function scanItem(
  item: ScannableItem,
  detectors: readonly PiiDetector[] = piiDetectors,
): PiiFinding[] {
  const findings: PiiFinding[] = [];
  const fields: Array<{ field: string; text: string }> = [{ field: 'input', text: item.input }];
  if (item.reference !== null) fields.push({ field: 'reference', text: item.reference });
  fields.push(...stringFields(item.metadata, 'metadata'));
  for (const { field, text } of fields) {
    for (const match of findInText(text, detectors)) {
      findings.push({
        detector: match.detector.id,
        field,
        start: match.start,
        end: match.end,
        preview: maskValue(match.detector.id, text.slice(match.start, match.end)),
      });
    }
  }
  return findings;
}
