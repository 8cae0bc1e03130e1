import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { throwIfCancelled } from '../../jobs/jobManager';
import type { ByteCounter } from './fileStream';
import { FileProblemError } from './problems';
import { describeBytes, exceedsBytes, type ReadLimits, type SourceRecord } from './records';

/** Parquet values as JSON: 64-bit integers as numbers when exact (else strings), dates as ISO text, bytes as base64. */
export function jsonSafe(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value === undefined) return null;
  if (depth > 16 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, jsonSafe(v, depth + 1)]),
  );
}

/**
 * Reads a Parquet file row group by row group (hyparquet reads byte ranges of the file, so
 * only one group's columns are in memory). "Lines" are 1-based row numbers.
 */
export async function* readParquet(
  path: string,
  file: string,
  limits: ReadLimits,
  counter: ByteCounter | null,
  signal: AbortSignal,
): AsyncGenerator<SourceRecord> {
  const buffer = await asyncBufferFromFile(path);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new FileProblemError({
      file,
      line: null,
      column: null,
      message: `not a readable Parquet file: ${(error as Error).message}`,
    });
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    throwIfCancelled(signal);
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Array<Record<string, unknown>>;
    try {
      rows = (await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd })) as Array<
        Record<string, unknown>
      >;
    } catch (error) {
      throw new FileProblemError({
        file,
        line: rowStart + 1,
        column: null,
        message: `cannot read Parquet rows ${rowStart + 1}–${rowEnd}: ${(error as Error).message}`,
      });
    }
    for (const [i, row] of rows.entries()) {
      const line = rowStart + i + 1;
      const values = jsonSafe(row) as Record<string, unknown>;
      const problems = [];
      for (const [key, value] of Object.entries(values)) {
        const size = exceedsBytes(
          typeof value === 'string' ? value : (JSON.stringify(value) ?? ''),
          limits.maxFieldBytes,
        );
        if (size !== null) {
          problems.push({
            file,
            line,
            column: key,
            message: `field is ${describeBytes(size)}, over the ${describeBytes(limits.maxFieldBytes)} limit`,
          });
        }
      }
      yield { file, line, values: problems.length ? {} : values, problems };
    }
    if (counter) counter.done += Number(group.total_compressed_size ?? 0n);
    rowStart = rowEnd;
  }
}
