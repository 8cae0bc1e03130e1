import { createReadStream } from 'node:fs';
import { throwIfCancelled } from '../../jobs/jobManager';

/** Counts bytes read across the files of one import, for progress; `tap` sees every chunk (hashing). */
export class ByteCounter {
  done = 0;
  tap: ((chunk: Buffer) => void) | null = null;
  constructor(readonly total: number) {}
}

const chunkBytes = 1 << 20;

/** The file's bytes in ~1 MiB chunks, never the whole file; stops when `signal` aborts. */
export async function* fileChunks(
  path: string,
  counter: ByteCounter | null,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      throwIfCancelled(signal);
      if (counter) {
        counter.done += chunk.length;
        counter.tap?.(chunk);
      }
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
}

export interface ByteLine {
  /** 1-based line number. */
  line: number;
  bytes: Buffer;
  /** Set when the line was longer than the limit: its bytes were dropped, only the length kept. */
  overLimit: number | null;
}

/**
 * Splits a byte stream at "\n" without decoding it, so each line's UTF-8 can be checked on its
 * own. A line longer than `maxLineBytes` is not accumulated: it is reported with its length.
 */
export async function* byteLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<ByteLine> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let overLimit = false;
  let line = 1;
  const take = (tail: Buffer): ByteLine => {
    const result: ByteLine = overLimit
      ? { line, bytes: Buffer.alloc(0), overLimit: partBytes + tail.length }
      : {
          line,
          bytes: parts.length === 0 ? tail : Buffer.concat([...parts, tail]),
          overLimit: null,
        };
    parts = [];
    partBytes = 0;
    overLimit = false;
    line++;
    return result;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const tail = chunk.subarray(start, nl);
      if (!overLimit && partBytes + tail.length > maxLineBytes) overLimit = true;
      yield take(tail);
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      partBytes += rest.length;
      if (overLimit || partBytes > maxLineBytes) {
        overLimit = true;
        parts = [];
      } else {
        // Copy: the stream may reuse its buffer.
        parts.push(Buffer.from(rest));
      }
    }
  }
  if (partBytes > 0 || overLimit) yield take(Buffer.alloc(0));
}
