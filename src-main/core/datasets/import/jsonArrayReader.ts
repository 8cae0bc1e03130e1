import { fileChunks, type ByteCounter } from './fileStream';
import { parseJsonObject } from './jsonValues';
import { describeBytes, type ReadLimits, type SourceRecord } from './records';

/** The bytes that structure JSON (ASCII: never part of a multi-byte UTF-8 character). */
const Byte = {
  Quote: 0x22,
  Backslash: 0x5c,
  Comma: 0x2c,
  OpenBracket: 0x5b,
  CloseBracket: 0x5d,
  OpenBrace: 0x7b,
  CloseBrace: 0x7d,
  Newline: 0x0a,
} as const;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Reads a file holding one JSON array of objects, element by element, without holding the
 * file: a scanner that only tracks strings and nesting depth finds where each top-level
 * element starts and ends (and on which line); JSON.parse does the actual parsing of each.
 */
export async function* readJsonArray(
  path: string,
  file: string,
  limits: ReadLimits,
  counter: ByteCounter | null,
  signal: AbortSignal,
): AsyncGenerator<SourceRecord> {
  let state = 'start' as 'start' | 'between' | 'element' | 'after';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let overLimit = false;
  let elementLine = 1;
  let sawElement = false;
  let offsetInFile = 0;
  const problem = (message: string, at = line): SourceRecord => ({
    file,
    line: at,
    values: {},
    problems: [{ file, line: at, column: null, message }],
  });

  const finishElement = (chunk: Buffer, from: number, to: number): SourceRecord => {
    const size = partBytes + (to - from);
    partBytes = 0;
    if (overLimit)
      return problem(
        `array element is ${describeBytes(size)}, over the ${describeBytes(limits.maxRecordBytes)} limit`,
        elementLine,
      );
    const bytes = parts.length
      ? Buffer.concat([...parts, chunk.subarray(from, to)])
      : chunk.subarray(from, to);
    parts = [];
    const parsed = parseJsonObject(bytes, elementLine, limits.maxFieldBytes);
    return parsed.ok
      ? { file, line: elementLine, values: parsed.value, problems: [] }
      : { file, line: elementLine, values: {}, problems: [{ file, ...parsed.problem }] };
  };

  for await (const chunk of fileChunks(path, counter, signal)) {
    let i = 0;
    if (offsetInFile === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    offsetInFile += chunk.length;
    let elementStart = state === 'element' ? 0 : -1;
    const out: SourceRecord[] = [];
    for (; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === Byte.Newline) line++;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === Byte.Backslash) escaped = true;
          else if (b === Byte.Quote) inString = false;
          continue;
        }
        if (b === Byte.Quote) inString = true;
        else if (b === Byte.OpenBrace || b === Byte.OpenBracket) depth++;
        else if (depth > 0 && (b === Byte.CloseBrace || b === Byte.CloseBracket)) depth--;
        else if (depth === 0 && (b === Byte.Comma || b === Byte.CloseBracket)) {
          out.push(finishElement(chunk, elementStart, i));
          overLimit = false;
          state = b === Byte.Comma ? 'between' : 'after';
        }
        continue;
      }
      if (isSpace(b)) continue;
      if (state === 'start') {
        if (b !== Byte.OpenBracket) {
          yield problem('expected a JSON array of objects (the file does not start with "[")');
          return;
        }
        state = 'between';
      } else if (state === 'between') {
        if (b === Byte.CloseBracket) {
          // "[]" is an empty array; "[{…},]" has a trailing comma, which JSON does not allow.
          if (sawElement) out.push(problem('trailing comma before "]"'));
          state = 'after';
        } else {
          state = 'element';
          sawElement = true;
          elementStart = i;
          elementLine = line;
          depth = 0;
          i--; // rescan this byte as the element's first
        }
      } else {
        yield* out;
        yield problem('unexpected content after the end of the JSON array');
        return;
      }
    }
    if (state === 'element') {
      const tail = chunk.subarray(Math.max(0, elementStart));
      partBytes += tail.length;
      if (overLimit || partBytes > limits.maxRecordBytes) {
        overLimit = true;
        parts = [];
      } else {
        parts.push(Buffer.from(tail));
      }
    }
    yield* out;
  }
  if (state === 'start') yield problem('the file is empty: expected a JSON array');
  else if (state !== 'after')
    yield problem('the JSON array is not closed (is the file truncated?)');
}
