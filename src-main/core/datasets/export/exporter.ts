import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import Papa from 'papaparse';
import { fileWriter, parquetWriteRows } from 'hyparquet-writer';
import type { DatasetItem, ExportFormat, ExportOutcome } from '@contract/routes/datasets';
import { ApiError, notFound } from '../../apiError';
import type { CoreContext } from '../../context';
import { throwIfCancelled, type JobControl } from '../../jobs/jobManager';

/** The columns of every export (the "Yardstick layout"; an import maps them back by name). */
export const exportColumns = [
  'id',
  'input_format',
  'input',
  'reference',
  'category',
  'group_id',
  'tags',
  'metadata',
] as const;

type Row = Record<(typeof exportColumns)[number], unknown>;

function toRow(item: DatasetItem, flat: boolean): Row {
  return {
    id: item.key,
    input_format: item.inputFormat,
    input: item.input,
    reference: item.reference,
    category: item.category,
    group_id: item.groupId,
    // CSV and Parquet hold text: lists and objects as JSON.
    tags: flat ? JSON.stringify(item.tags) : item.tags,
    metadata: flat ? JSON.stringify(item.metadata) : item.metadata,
  };
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((r) => stream.once('drain', () => r()));
}

async function writeText(
  ctx: CoreContext,
  versionId: string,
  format: 'csv' | 'jsonl',
  path: string,
  tick: () => Promise<void>,
) {
  const stream = createWriteStream(path);
  const closed = new Promise<void>((ok, fail) => {
    stream.once('close', ok);
    stream.once('error', fail);
  });
  try {
    if (format === 'csv') await write(stream, `${Papa.unparse([[...exportColumns]])}\r\n`);
    let batch: Row[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const text =
        format === 'csv'
          ? `${Papa.unparse(
              batch.map((r) => exportColumns.map((c) => r[c] ?? '')),
              { newline: '\r\n' },
            )}\r\n`
          : batch.map((r) => `${JSON.stringify(r)}\n`).join('');
      batch = [];
      await write(stream, text);
      await tick();
    };
    for (const item of ctx.repos.datasets.iterateItems(versionId)) {
      batch.push(toRow(item, format === 'csv'));
      if (batch.length >= 500) await flush();
    }
    await flush();
  } finally {
    stream.end();
    await closed;
  }
}

async function writeParquet(
  ctx: CoreContext,
  versionId: string,
  path: string,
  provenance: Record<string, unknown>,
  tick: () => Promise<void>,
) {
  const rows = (async function* () {
    let n = 0;
    for (const item of ctx.repos.datasets.iterateItems(versionId)) {
      yield toRow(item, true);
      if (++n % 500 === 0) await tick();
    }
  })();
  await parquetWriteRows({
    writer: fileWriter(path),
    rows,
    columns: exportColumns.map((name) => ({ name, type: 'STRING' as const })),
    kvMetadata: [
      { key: 'yardstick.contentHash', value: String(provenance.contentHash) },
      { key: 'yardstick.provenance', value: JSON.stringify(provenance) },
    ],
    createdBy: `Yardstick ${ctx.appVersion}`,
  });
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Writes a version to a file (to a temporary name, renamed when complete, so a failed or
 * cancelled export leaves nothing at `path`), plus `<path>.provenance.json` saying which
 * version it is: dataset, version, content hash, parent, source, and the file's own sha256.
 */
export async function exportVersion(
  ctx: CoreContext,
  request: { versionId: string; format: ExportFormat; path: string; overwrite: boolean },
  control: JobControl,
): Promise<ExportOutcome> {
  const version = ctx.repos.datasets.version(request.versionId);
  if (!version?.isFrozen) throw notFound('dataset version', request.versionId);
  const dataset = ctx.repos.datasets.get(version.datasetId);
  if (!dataset) throw notFound('dataset', version.datasetId);
  const path = resolve(request.path);
  const provenancePath = `${path}.provenance.json`;
  if (!request.overwrite && (existsSync(path) || existsSync(provenancePath))) {
    throw new ApiError(
      'conflict',
      `${request.path} already exists (allow overwriting to replace it)`,
    );
  }
  const provenance = {
    kind: 'yardstick-dataset-export',
    formatVersion: 1,
    dataset: { id: dataset.id, name: dataset.name, description: dataset.description },
    version: {
      id: version.id,
      number: version.version,
      parentId: version.parentId,
      createdAt: version.createdAt,
      note: version.note,
    },
    contentHash: version.contentHash,
    hashScheme:
      'sha256 over RFC 8785 item JSON, items ordered by id as UTF-8 bytes (docs/dataset-hash.md)',
    itemCount: version.itemCount,
    source: ctx.repos.datasets.versionSource(version.id),
    columns: exportColumns,
    exportedAt: new Date().toISOString(),
    appVersion: ctx.appVersion,
  };
  const temp = `${path}.partial-${randomBytes(4).toString('hex')}`;
  let written = 0;
  const tick = async () => {
    written += 500;
    control.progress(Math.min(written, version.itemCount), version.itemCount);
    await new Promise((r) => setImmediate(r));
    throwIfCancelled(control.signal);
  };
  try {
    if (request.format === 'parquet') await writeParquet(ctx, version.id, temp, provenance, tick);
    else await writeText(ctx, version.id, request.format, temp, tick);
    const sha = await fileSha256(temp);
    await rename(temp, path);
    await writeFile(
      provenancePath,
      `${JSON.stringify({ ...provenance, file: { name: basename(path), format: request.format, sha256: sha } }, null, 2)}\n`,
    );
    return {
      path,
      provenancePath,
      format: request.format,
      itemCount: version.itemCount,
      contentHash: version.contentHash,
      bytes: (await stat(path)).size,
      fileSha256: sha,
    };
  } finally {
    await rm(temp, { force: true });
  }
}
