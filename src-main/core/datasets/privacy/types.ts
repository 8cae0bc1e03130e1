/** One match of a personal-data detector in a piece of text (UTF-16 offsets). */
export interface PiiMatch {
  start: number;
  end: number;
}

/**
 * A personal-data detector: one file per detector under `detectors/`, one line in the
 * registry. `find` must be pure and must return non-overlapping matches in text order.
 */
export interface PiiDetector {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** What redaction puts in place of a match, e.g. `[EMAIL]`. */
  readonly replacement: string;
  /** A cheap test that lets the scan skip texts that cannot contain a match. */
  mayContain(text: string): boolean;
  find(text: string): PiiMatch[];
}

export function definePiiDetector(detector: PiiDetector): PiiDetector {
  return detector;
}

/** Every match of a global regex whose `accept` check passes (validated candidates). */
export function regexMatches(
  text: string,
  pattern: RegExp,
  accept: (value: string, match: RegExpExecArray) => boolean = () => true,
): PiiMatch[] {
  if (!pattern.global) throw new Error('detector patterns must be global');
  const matches: PiiMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (accept(m[0], m)) matches.push({ start: m.index, end: m.index + m[0].length });
  }
  return matches;
}

export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}
