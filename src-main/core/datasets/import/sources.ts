import type { ByteCounter } from './fileStream';
import type { ImportFormat } from './formats';
import { readCsv } from './csvReader';
import { readJsonArray } from './jsonArrayReader';
import { readJsonl } from './jsonlReader';
import { readParquet } from './parquetReader';
import type { ReadLimits, SourceRecord } from './records';

export interface ReadOptions {
  delimiter?: string;
  hasHeader: boolean;
  columnNames?: string[];
}

/** The records of one file in the given format (chat logs are JSON Lines). */
export function readRecords(
  path: string,
  file: string,
  format: ImportFormat,
  options: ReadOptions,
  limits: ReadLimits,
  counter: ByteCounter | null,
  signal: AbortSignal,
): AsyncGenerator<SourceRecord> {
  switch (format) {
    case 'csv':
    case 'tsv':
      return readCsv(
        path,
        file,
        {
          hasHeader: options.hasHeader,
          ...(options.columnNames ? { columnNames: options.columnNames } : {}),
          ...(options.delimiter || format === 'tsv'
            ? { delimiter: options.delimiter ?? '\t' }
            : {}),
        },
        limits,
        counter,
        signal,
      );
    case 'jsonl':
    case 'chat':
      return readJsonl(path, file, limits, counter, signal);
    case 'json':
      return readJsonArray(path, file, limits, counter, signal);
    case 'parquet':
      return readParquet(path, file, limits, counter, signal);
  }
}
