import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { notFound } from '../apiError';
import type { CoreContext } from '../context';
import type { ExportRow } from '../db/repos/responses';

export type ExportFormat = 'csv' | 'jsonl' | 'parquet';

/** Columns of an exported run, in order; booleans as true/false, absent values as empty/null. */
export const exportColumns = [
  'cell_id',
  'ordinal',
  'item_key',
  'category',
  'prompt_key',
  'model_key',
  'repeat',
  'seed',
  'status',
  'input',
  'reference',
  'output',
  'finish_reason',
  'input_tokens',
  'output_tokens',
  'is_token_estimate',
  'latency_ms',
  'ttft_ms',
  'inter_token_ms',
  'tokens_per_second',
  'cost_usd',
  'error_class',
  'error_message',
  'http_status',
  'is_cached',
  'is_cold_start',
  'attempts',
  'started_at',
] as const satisfies ReadonlyArray<keyof ExportRow>;

type Column = (typeof exportColumns)[number];
type Value = string | number | boolean | null;
/** One exported row: every column, booleans as true/false, absent values as null. */
export type ExportRecord = Record<Column, Value>;

const booleanColumns = new Set<Column>(['is_token_estimate', 'is_cached', 'is_cold_start']);
const integerColumns = new Set<Column>([
  'ordinal',
  'repeat',
  'seed',
  'input_tokens',
  'output_tokens',
  'http_status',
  'attempts',
]);
const realColumns = new Set<Column>([
  'latency_ms',
  'ttft_ms',
  'inter_token_ms',
  'tokens_per_second',
  'cost_usd',
]);

function valueOf(row: ExportRow, column: Column): Value {
  const value = row[column];
  if (value === null || value === undefined) return null;
  return booleanColumns.has(column) ? value === 1 : value;
}

export interface ExportProvenance {
  runId: string;
  manifestHash: string;
  manifest: unknown;
  exportedAt: string;
}

export interface ExportResult {
  rows: number;
  provenance: ExportProvenance;
}

/** One cell of a run as an exported row. */
export function exportRecord(row: ExportRow): ExportRecord {
  const record = {} as ExportRecord;
  for (const column of exportColumns) record[column] = valueOf(row, column);
  return record;
}

/** Rows as CSV (with the header row when `isFirst`) or JSON Lines text. */
export function exportTextChunk(
  records: readonly ExportRecord[],
  format: 'csv' | 'jsonl',
  isFirst: boolean,
): string {
  if (format === 'jsonl') return records.map((row) => JSON.stringify(row)).join('\n') + '\n';
  if (records.length === 0) return isFirst ? exportColumns.join(',') + '\r\n' : '';
  return Papa.unparse([...records], { columns: [...exportColumns], header: isFirst }) + '\r\n';
}

export function provenanceOf(ctx: Pick<CoreContext, 'repos'>, runId: string): ExportProvenance {
  const run = ctx.repos.runs.get(runId);
  if (!run) throw notFound('run', runId);
  return {
    runId,
    manifestHash: run.manifest_hash,
    manifest: JSON.parse(run.manifest) as unknown,
    exportedAt: new Date().toISOString(),
  };
}

/**
 * Writes every cell of a run with its item and response, in run order: CSV (RFC 4180, one
 * header row) and JSON Lines stream through `write` a chunk at a time; Parquet is built in
 * memory and written once, with the run's manifest and its hash in the file's key-value
 * metadata.
 */
export function exportRun(
  ctx: Pick<CoreContext, 'repos'>,
  runId: string,
  format: ExportFormat,
  write: (chunk: string | Uint8Array) => void,
): ExportResult {
  const provenance = provenanceOf(ctx, runId);
  const rows = ctx.repos.responses.exportRows(runId);
  if (format === 'parquet') return { rows: writeParquet(rows, provenance, write), provenance };
  let count = 0;
  let chunk: ExportRecord[] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    write(exportTextChunk(chunk, format, count === chunk.length));
    chunk = [];
  };
  for (const row of rows) {
    chunk.push(exportRecord(row));
    count += 1;
    if (chunk.length >= 1000) flush();
  }
  if (count === 0 && format === 'csv') write(exportTextChunk([], format, true));
  flush();
  return { rows: count, provenance };
}

/** Builds the Parquet file of the rows in memory (one write), with the provenance as metadata. */
export function writeParquet(
  rows: Iterable<ExportRow>,
  provenance: ExportProvenance,
  write: (chunk: Uint8Array) => void,
): number {
  const columns = new Map<Column, Value[]>(exportColumns.map((c) => [c, []]));
  let count = 0;
  for (const row of rows) {
    for (const column of exportColumns) columns.get(column)?.push(valueOf(row, column));
    count += 1;
  }
  const typeOf = (column: Column) =>
    booleanColumns.has(column)
      ? 'BOOLEAN'
      : integerColumns.has(column)
        ? 'INT64'
        : realColumns.has(column)
          ? 'DOUBLE'
          : 'STRING';
  const buffer = parquetWriteBuffer({
    columnData: exportColumns.map((name) => {
      const type = typeOf(name);
      const data = columns.get(name) ?? [];
      return {
        name,
        type,
        data: type === 'INT64' ? data.map((v) => (v === null ? null : BigInt(v as number))) : data,
      };
    }),
    kvMetadata: [
      { key: 'yardstick.run_id', value: provenance.runId },
      { key: 'yardstick.manifest_hash', value: provenance.manifestHash },
      { key: 'yardstick.manifest', value: JSON.stringify(provenance.manifest) },
    ],
    createdBy: 'yardstick',
  });
  write(new Uint8Array(buffer));
  return count;
}

/** The sidecar written next to a CSV or JSONL export: where the rows came from. */
/** The provenance file written next to a CSV or JSON Lines export: manifest, hash, rows. */
export function provenanceJson(result: ExportResult): string {
  return JSON.stringify({ ...result.provenance, rows: result.rows }, null, 2) + '\n';
}

export function writeProvenanceSidecar(file: string, result: ExportResult) {
  writeFileSync(`${file}.provenance.json`, provenanceJson(result));
}
