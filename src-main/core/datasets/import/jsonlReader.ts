import { byteLines, fileChunks, type ByteCounter } from './fileStream';
import { parseJsonObject } from './jsonValues';
import { describeBytes, type ReadLimits, type SourceRecord } from './records';
import { startsWithBom } from './utf8';

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 32 && b !== 9 && b !== 13) return false;
  return true;
}

/**
 * Reads JSON Lines as a stream of byte lines (never the whole file): each line is checked
 * as UTF-8, parsed on its own, and must be an object. Blank lines are ignored.
 */
export async function* readJsonl(
  path: string,
  file: string,
  limits: ReadLimits,
  counter: ByteCounter | null,
  signal: AbortSignal,
): AsyncGenerator<SourceRecord> {
  for await (const { line, bytes: raw, overLimit } of byteLines(
    fileChunks(path, counter, signal),
    limits.maxRecordBytes,
  )) {
    if (overLimit !== null) {
      yield {
        file,
        line,
        values: {},
        problems: [
          {
            file,
            line,
            column: null,
            message: `line is ${describeBytes(overLimit)}, over the ${describeBytes(limits.maxRecordBytes)} limit`,
          },
        ],
      };
      continue;
    }
    let bytes = raw;
    if (line === 1 && startsWithBom(bytes)) bytes = bytes.subarray(3);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, -1);
    if (isBlank(bytes)) continue;
    const parsed = parseJsonObject(bytes, line, limits.maxFieldBytes);
    if (parsed.ok) yield { file, line, values: parsed.value, problems: [] };
    else yield { file, line, values: {}, problems: [{ file, ...parsed.problem }] };
  }
}
