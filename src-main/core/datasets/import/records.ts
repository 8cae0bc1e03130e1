import type { ImportProblem } from './problems';

/** One record read from a file, before column mapping. */
export interface SourceRecord {
  /** The file as the user named it. */
  file: string;
  /** 1-based line where the record starts (Parquet: 1-based row number). */
  line: number;
  /** Column → value: CSV cells are strings, JSON and Parquet values keep their types. */
  values: Record<string, unknown>;
  /** Problems found while reading it; a record with problems is never imported. */
  problems: ImportProblem[];
  /** The file's columns when it declares them (a CSV header); JSON records have only their keys. */
  columns?: readonly string[];
}

/** Limits every reader enforces, so one bad record cannot exhaust memory. */
export interface ReadLimits {
  /** Largest field, in UTF-8 bytes (default 1 MiB). */
  maxFieldBytes: number;
  /** Largest record (a JSONL line, a JSON array element, a CSV row), in bytes. */
  maxRecordBytes: number;
}

export const defaultMaxFieldBytes = 1 << 20;

export function limitsFor(
  maxFieldBytes = defaultMaxFieldBytes,
  maxRecordBytes = Math.max(16 << 20, maxFieldBytes * 4),
): ReadLimits {
  return { maxFieldBytes, maxRecordBytes: Math.max(maxRecordBytes, maxFieldBytes) };
}

/** UTF-8 size of a string without encoding it when it is clearly small enough. */
export function exceedsBytes(text: string, limit: number): number | null {
  if (text.length * 3 <= limit) return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > limit ? bytes : null;
}

export function describeBytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}
