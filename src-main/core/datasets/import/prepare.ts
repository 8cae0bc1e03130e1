import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportFormat, ImportSettings } from '@contract/routes/datasets';
import { prepareRow, type PreparedRow } from '../preparedRow';
import { isChatRecord } from './chatLog';
import { ByteCounter } from './fileStream';
import { detectFormat } from './formats';
import { mapRecord, resolveMapping, type ResolvedMapping } from './mapping';
import { FileProblemError, type ImportProblem } from './problems';
import { limitsFor, type SourceRecord } from './records';
import { readRecords } from './sources';

/** What the preparing side needs: plain data, so it can cross into a worker thread. */
export interface PrepareRequest {
  /** Absolute paths, and the names to report them by (as the user gave them). */
  paths: string[];
  names: string[];
  settings: ImportSettings;
  totalBytes: number;
  batchSize: number;
}

/** Where a prepared row came from, to locate a duplicate id found when it is written. */
export interface RowOrigin {
  file: string;
  line: number;
  isDerivedKey: boolean;
}

export interface FileSummary {
  file: string;
  format: ImportFormat;
  rows: number;
  bytes: number;
  /** Of the file's bytes as read (null for Parquet, which is read by ranges). */
  sha256: string | null;
}

/** A prepared row and where it came from. */
export type PreparedEntry = PreparedRow & { origin: RowOrigin };

export type PrepareEvent =
  | {
      kind: 'batch';
      /** The rows, prepared inline. */
      entries: PreparedEntry[];
      /** Problems found since the previous event. */
      problems: ImportProblem[];
      bytesDone: number;
      rowsRead: number;
      skipped: number;
    }
  | {
      kind: 'end';
      problems: ImportProblem[];
      /** A problem with a whole file: the import is refused whatever skipBadRows says. */
      fatal: boolean;
      files: FileSummary[];
      mapping: Record<string, string> | null;
      rowsRead: number;
      skipped: number;
    };

function mappingFor(record: SourceRecord, format: ImportFormat, settings: ImportSettings) {
  const chat =
    format === 'chat' ||
    (format === 'jsonl' && settings.format !== 'jsonl' && isChatRecord(record.values));
  const { mapping, problems } = resolveMapping(
    record.file,
    record.columns ?? Object.keys(record.values),
    settings.mapping ?? {},
    {
      chat,
      keepUnmapped: settings.keepUnmapped ?? true,
      categoryFromFile: settings.categoryFromFile ?? false,
      strictColumns: true,
    },
  );
  return { mapping, problems, chat };
}

/**
 * Reads, maps and prepares (normalises, hashes, scans) the records of every file, in batches.
 * Nothing here touches the database: this runs inline for small imports and in a worker
 * thread for large ones, and the writer consumes the batches (see importer.ts).
 */
export async function* prepareImport(
  request: PrepareRequest,
  signal: AbortSignal,
): AsyncGenerator<PrepareEvent> {
  const { settings } = request;
  const counter = new ByteCounter(request.totalBytes);
  const limits = limitsFor(settings.maxFieldBytes);
  const files: FileSummary[] = [];
  let problems: ImportProblem[] = [];
  let fatal = false;
  let firstMapping: Record<string, string> | null = null;
  let rowsRead = 0;
  let skipped = 0;
  let entries: PreparedEntry[] = [];
  const take = (): PrepareEvent => {
    const event: PrepareEvent = {
      kind: 'batch',
      entries,
      problems,
      bytesDone: counter.done,
      rowsRead,
      skipped,
    };
    entries = [];
    problems = [];
    return event;
  };

  for (const [i, path] of request.paths.entries()) {
    const file = request.names[i] ?? path;
    const format = settings.format ?? (await detectFormat(path));
    const hash = format === 'parquet' ? null : createHash('sha256');
    counter.tap = hash ? (chunk) => hash.update(chunk) : null;
    const bytesBefore = counter.done;
    let fileRows = 0;
    let mapping: ResolvedMapping | null = null;
    let chat = false;
    try {
      const records = readRecords(
        path,
        file,
        format,
        {
          hasHeader: settings.hasHeader ?? true,
          ...(settings.delimiter ? { delimiter: settings.delimiter } : {}),
          ...(settings.columnNames ? { columnNames: settings.columnNames } : {}),
        },
        limits,
        counter,
        signal,
      );
      for await (const record of records) {
        fileRows++;
        rowsRead++;
        if (record.problems.length > 0) {
          problems.push(...record.problems);
          skipped++;
          continue;
        }
        if (!mapping) {
          const resolved = mappingFor(record, format, settings);
          if (resolved.problems.length > 0) {
            problems.push(...resolved.problems);
            fatal = true;
            break;
          }
          ({ mapping, chat } = resolved);
          firstMapping ??= { ...mapping.entries };
        }
        const mapped = mapRecord(record, mapping);
        if (!mapped.ok) {
          problems.push(...mapped.problems);
          skipped++;
          continue;
        }
        const origin = { file, line: record.line, isDerivedKey: mapped.isDerivedKey };
        entries.push({ ...prepareRow(mapped.item), origin });
        if (entries.length >= request.batchSize) yield take();
      }
    } catch (error) {
      if (!(error instanceof FileProblemError)) throw error;
      problems.push(error.problem);
      fatal = true;
    }
    if (entries.length > 0 || problems.length > 0) yield take();
    if (fileRows === 0 && !fatal) {
      problems.push({ file, line: null, column: null, message: 'no records found in the file' });
    }
    files.push({
      file,
      format: chat ? 'chat' : format,
      rows: fileRows,
      bytes: format === 'parquet' ? (await stat(path)).size : counter.done - bytesBefore,
      sha256: hash ? hash.digest('hex') : null,
    });
    if (fatal) break;
  }
  yield { kind: 'end', problems, fatal, files, mapping: firstMapping, rowsRead, skipped };
}

/** The file names recorded in a version's source (no folders: they say nothing portable). */
export function sourceFiles(files: FileSummary[]) {
  return files.map((f) => ({
    name: basename(f.file),
    format: f.format,
    bytes: f.bytes,
    sha256: f.sha256,
  }));
}

/**
 * A batch as the UTF-8 bytes of a JSON array, transferred to the main thread without copying
 * and inserted there by SQLite itself (DatasetsRepo.insertItemsJson): no JavaScript object per
 * row is created in the main thread, whose heap would otherwise fill with short-lived rows.
 */
export function packEntries(entries: readonly PreparedEntry[]): Uint8Array {
  return new TextEncoder().encode(`[${entries.map((entry) => JSON.stringify(entry)).join(',')}]`);
}
