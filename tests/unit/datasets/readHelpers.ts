import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportFormat } from '@core/datasets/import/formats';
import { limitsFor, type SourceRecord } from '@core/datasets/import/records';
import { readRecords, type ReadOptions } from '@core/datasets/import/sources';

/** Reads every record of `content` written to a file in `dir`, as an import would. */
export async function readAll(
  dir: string,
  name: string,
  content: string | Buffer,
  format: ImportFormat,
  options: Partial<ReadOptions> & { maxFieldBytes?: number; maxRecordBytes?: number } = {},
): Promise<SourceRecord[]> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const records: SourceRecord[] = [];
  const reader = readRecords(
    path,
    name,
    format,
    { hasHeader: options.hasHeader ?? true, ...options },
    limitsFor(options.maxFieldBytes, options.maxRecordBytes),
    null,
    new AbortController().signal,
  );
  for await (const record of reader) records.push(record);
  return records;
}

export const fixturesDir = new URL('../../fixtures/datasets/', import.meta.url).pathname;
