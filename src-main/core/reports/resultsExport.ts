/**
 * A run's results as CSV, JSON Lines or Parquet, written by a job with progress and cancel:
 * the same rows and columns as `yardstick export` (core/runner/export.ts), read a page at a
 * time. Files are written next to their target as `.part` and renamed when complete, so a
 * cancelled or failed export never leaves a truncated file under the chosen name.
 */
import { createWriteStream, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import type { RouteOutput } from '@contract/index';
import type { ExportDestination } from '@contract/routes/reports';
import type { CoreContext } from '../context';
import type { ExportRow } from '../db/repos/responses';
import { throwIfCancelled, type JobControl } from '../jobs/jobManager';
import {
  exportRecord,
  exportTextChunk,
  provenanceJson,
  provenanceOf,
  writeParquet,
  writeProvenanceSidecar,
  type ExportFormat,
  type ExportProvenance,
} from '../runner/export';
import { checkedOutputPath, fileStem } from './destination';
import { downloads } from './downloads';
import { ReportsRepo } from './repo';

const pageRows = 2000;

const mimeTypes: Record<ExportFormat, string> = {
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
};

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((r) => stream.once('drain', () => r()));
}

/** Yields to the event loop so other requests are served between pages. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

async function* pages(ctx: CoreContext, runId: string, control: JobControl) {
  const repo = new ReportsRepo(ctx.db);
  const total = repo.cellCount(runId);
  let after = -1;
  let done = 0;
  control.progress(0, total, 'reading cells');
  for (;;) {
    throwIfCancelled(control.signal);
    const rows = repo.exportPage(runId, after, pageRows);
    if (rows.length === 0) return;
    after = (rows.at(-1) as ExportRow).ordinal;
    yield rows;
    done += rows.length;
    control.progress(done, total, `${done} of ${total} cells`);
    await breathe();
  }
}

async function writeText(
  ctx: CoreContext,
  runId: string,
  format: 'csv' | 'jsonl',
  file: string,
  control: JobControl,
): Promise<number> {
  const stream = createWriteStream(file);
  const closed = new Promise<void>((ok, fail) => {
    stream.once('close', ok);
    stream.once('error', fail);
  });
  let count = 0;
  try {
    for await (const rows of pages(ctx, runId, control)) {
      await write(stream, exportTextChunk(rows.map(exportRecord), format, count === 0));
      count += rows.length;
    }
    if (count === 0 && format === 'csv') await write(stream, exportTextChunk([], format, true));
  } finally {
    stream.end();
    await closed;
  }
  return count;
}

async function writeParquetFile(
  ctx: CoreContext,
  runId: string,
  provenance: ExportProvenance,
  file: string,
  control: JobControl,
): Promise<number> {
  const rows: ExportRow[] = [];
  for await (const page of pages(ctx, runId, control)) rows.push(...page);
  control.progress(rows.length, rows.length, 'writing Parquet');
  return writeParquet(rows, provenance, (bytes) => writeFileSync(file, bytes));
}

export function startResultsExport(
  ctx: CoreContext,
  input: { runId: string; format: ExportFormat; destination: ExportDestination },
): RouteOutput<'reports.exportResults'> {
  const { runId, format, destination } = input;
  const provenance = provenanceOf(ctx, runId);
  const run = ctx.repos.runs.get(runId);
  const fileName = `${fileStem(run?.name ?? runId)}-${runId}.${format}`;
  const target =
    destination.kind === 'file'
      ? { path: checkedOutputPath(destination.path, destination.overwrite) }
      : null;
  const reserved = target ? null : downloads(ctx).reserve(fileName, mimeTypes[format]);
  const reservedProvenance =
    reserved && format !== 'parquet'
      ? downloads(ctx).reserve(`${fileName}.provenance.json`, 'application/json')
      : null;
  const part = target ? `${target.path}.part` : (reserved as { file: string }).file;
  const job = ctx.jobs.start(
    'reports.export',
    `Export ${run?.name ?? runId} as ${format.toUpperCase()}`,
    async (control) => {
      try {
        const rows =
          format === 'parquet'
            ? await writeParquetFile(ctx, runId, provenance, part, control)
            : await writeText(ctx, runId, format, part, control);
        throwIfCancelled(control.signal);
        if (target) {
          renameSync(part, target.path);
          if (format !== 'parquet') writeProvenanceSidecar(target.path, { rows, provenance });
        } else {
          downloads(ctx).markReady((reserved as { id: string }).id);
          if (reservedProvenance) {
            writeFileSync(reservedProvenance.file, provenanceJson({ rows, provenance }));
            downloads(ctx).markReady(reservedProvenance.id);
          }
        }
        control.progress(rows, rows, `${rows} rows written`);
        return rows;
      } catch (error) {
        if (reserved) downloads(ctx).discard(reserved.id);
        else rmSync(part, { force: true });
        if (reservedProvenance) downloads(ctx).discard(reservedProvenance.id);
        throw error;
      }
    },
  );
  return {
    jobId: job.id,
    downloadId: reserved?.id ?? null,
    fileName,
    provenanceDownloadId: reservedProvenance?.id ?? null,
  };
}
