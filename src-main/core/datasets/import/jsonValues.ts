import type { ImportProblem } from './problems';
import { describeBytes, exceedsBytes } from './records';
import { decodeStrict, firstInvalidUtf8Offset } from './utf8';

function parseError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function failsBeforeEnd(prefix: string): boolean {
  const message = parseError(prefix);
  if (message === null || /Unexpected end of JSON input/.test(message)) return false;
  const at = /at position (\d+)/.exec(message);
  return !at || Number(at[1]) < prefix.length;
}

/**
 * Where JSON.parse stopped. V8 states the position in most messages, but not in all (Node
 * 20 says only "Unexpected token 'x'"); then the shortest prefix that fails before its own
 * end is found by bisection (the parser reads left to right, so that is monotone).
 */
export function jsonErrorPosition(text: string, message: string): number {
  const match = /at position (\d+)/.exec(message);
  if (match) return Number(match[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  let lo = 1;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failsBeforeEnd(text.slice(0, mid))) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** The parser's message without the echo of the input V8 appends, nor its own location. */
function cleanMessage(message: string): string {
  return message
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ (?:in JSON )?at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
}

/** 1-based line and column of a character position in `text`. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: position - lineStart + 1 };
}

export type ParsedObject =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: Omit<ImportProblem, 'file'> };

/**
 * Decodes (strict UTF-8) and parses one JSON record that starts on `line`; it must be an
 * object. Fields over the size limit are reported, with their key.
 */
export function parseJsonObject(
  bytes: Uint8Array,
  line: number,
  maxFieldBytes: number,
): ParsedObject {
  let text: string;
  try {
    text = decodeStrict(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const before = bytes.subarray(0, offset);
    const lines = before.reduce((n, b) => (b === 10 ? n + 1 : n), 0);
    const lineStart = before.lastIndexOf(10) + 1;
    return {
      ok: false,
      problem: {
        line: line + lines,
        column: `byte ${offset - lineStart + 1}`,
        message: 'invalid UTF-8',
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const where = lineAndColumn(text, jsonErrorPosition(text, message));
    return {
      ok: false,
      problem: {
        line: line + where.line - 1,
        column: `char ${where.column}`,
        message: `invalid JSON: ${cleanMessage(message)}`,
      },
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    return {
      ok: false,
      problem: { line, column: null, message: `expected a JSON object, found ${kind}` },
    };
  }
  if (bytes.length > maxFieldBytes) {
    for (const [key, field] of Object.entries(value)) {
      const size = exceedsBytes(
        typeof field === 'string' ? field : (JSON.stringify(field) ?? ''),
        maxFieldBytes,
      );
      if (size !== null) {
        return {
          ok: false,
          problem: {
            line,
            column: key,
            message: `field is ${describeBytes(size)}, over the ${describeBytes(maxFieldBytes)} limit`,
          },
        };
      }
    }
  }
  return { ok: true, value: value as Record<string, unknown> };
}
