import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ImportOutcome, ImportSettings } from '@contract/routes/datasets';
import type { CoreContext } from '../../context';
import { JobCancelled, throwIfCancelled, type JobControl } from '../../jobs/jobManager';
import { startWorker } from '../../runtime/workerEntry';
import { tuneForBulkWrites } from '../bulkWrites';
import { VersionDraft, type WrittenVersion } from '../versionWriter';
import {
  prepareImport,
  sourceFiles,
  type PrepareEvent,
  type PreparedEntry,
  type PrepareRequest,
} from './prepare';
import { ProblemLog } from './problems';
import { limitsFor } from './records';

export type { ImportOutcome, ImportSettings };

export interface ImportRequest extends ImportSettings {
  paths: string[];
  datasetName: string;
  description?: string | null | undefined;
  note?: string | null | undefined;
  /** Import the good rows and report the bad ones, instead of refusing the whole import. */
  skipBadRows?: boolean | undefined;
  /** Read and check everything, but write nothing. */
  dryRun?: boolean | undefined;
  /** Prepare records in a worker thread: default for inputs over `workerThresholdBytes`. */
  useWorker?: boolean | undefined;
}

/** Inputs larger than this are prepared in a worker thread (see importWorker.ts). */
export const workerThresholdBytes = 16 * 1024 * 1024;
const batchSize = 500;
/** The worker's heap: small, so parsing garbage is collected often instead of piling up. */
const workerLimits = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };

type BatchEvent = Extract<PrepareEvent, { kind: 'batch' }>;
/** A batch from the worker: its rows as the JSON text of an array (see packEntries). */
type PackedBatch = Omit<BatchEvent, 'entries'> & { count: number; payload: Uint8Array };
type WorkerMessage =
  | Extract<PrepareEvent, { kind: 'end' }>
  | PackedBatch
  | { kind: 'error'; message: string; cancelled: boolean };
type ImportEvent = PrepareEvent | (Omit<PackedBatch, 'payload'> & { json: string });

/** The prepared batches, from a worker thread; each is acknowledged once written. */
async function* fromWorker(
  request: PrepareRequest,
  signal: AbortSignal,
  acknowledge: { next: () => void },
): AsyncGenerator<ImportEvent> {
  const decoder = new TextDecoder();
  const worker = startWorker(
    { name: 'importWorker', source: 'datasets/import/importWorker.ts' },
    { workerData: request, resourceLimits: workerLimits },
  );
  const queue: WorkerMessage[] = [];
  const state: { failure: Error | null; exited: boolean } = { failure: null, exited: false };
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error: Error & { code?: string }) => {
    state.failure =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new Error("a record was too large to read within the import's memory limit")
        : error;
    notify();
  });
  worker.on('exit', () => {
    state.exited = true;
    notify();
  });
  const onAbort = () => worker.postMessage({ type: 'cancel' });
  signal.addEventListener('abort', onAbort, { once: true });
  acknowledge.next = () => worker.postMessage({ type: 'ack' });
  try {
    for (;;) {
      const message = queue.shift();
      if (message) {
        if (message.kind === 'error') {
          if (message.cancelled || signal.aborted) throw new JobCancelled();
          throw new Error(message.message);
        }
        if (message.kind === 'end') {
          yield message;
          return;
        }
        const { payload, ...batch } = message;
        yield { ...batch, json: decoder.decode(payload) };
        continue;
      }
      if (state.failure) throw state.failure;
      if (state.exited) throw new Error('the import worker stopped before finishing');
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    void worker.terminate();
  }
}

/** Opens the draft a new version is written into (the dataset is created if new). */
function openDraft(ctx: CoreContext, request: ImportRequest) {
  return VersionDraft.open(ctx.db, ctx.repos.datasets, {
    datasetName: request.datasetName,
    description: request.description ?? null,
    source: {},
    note: request.note ?? null,
  });
}

async function sizeOf(
  paths: string[],
  names: string[],
  problems: ProblemLog,
): Promise<number | null> {
  let total = 0;
  let missing = false;
  for (const [i, path] of paths.entries()) {
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new Error('not a file');
      total += info.size;
    } catch {
      problems.add({
        file: names[i] ?? path,
        line: null,
        column: null,
        message: 'file not found or not readable',
      });
      missing = true;
    }
  }
  return missing ? null : total;
}

/** The reading settings of a request, without the keys it leaves unset (they travel to a worker). */
function settingsOf(request: ImportRequest): ImportSettings {
  const settings: ImportSettings = {};
  if (request.format) settings.format = request.format;
  if (request.delimiter) settings.delimiter = request.delimiter;
  if (request.hasHeader !== undefined) settings.hasHeader = request.hasHeader;
  if (request.columnNames) settings.columnNames = request.columnNames;
  if (request.mapping) settings.mapping = request.mapping;
  if (request.keepUnmapped !== undefined) settings.keepUnmapped = request.keepUnmapped;
  if (request.categoryFromFile !== undefined) settings.categoryFromFile = request.categoryFromFile;
  if (request.maxFieldBytes) settings.maxFieldBytes = request.maxFieldBytes;
  return settings;
}

/** Builds outcomes whose problems are sorted by file (in the order given), then line. */
function outcomeBuilder(problems: ProblemLog, names: string[]) {
  const order = new Map(names.map((p, i) => [p, i]));
  return (
    status: ImportOutcome['status'],
    written: WrittenVersion | null,
    extra: Partial<ImportOutcome>,
  ): ImportOutcome => ({
    status,
    datasetId: written?.datasetId ?? null,
    versionId: written?.versionId ?? null,
    version: written?.version ?? null,
    itemCount: written?.itemCount ?? 0,
    contentHash: written?.contentHash ?? null,
    rowsRead: 0,
    skipped: 0,
    files: [],
    mapping: {},
    personalItems: 0,
    ...extra,
    problemCount: problems.count,
    problems: [...problems.list].sort(
      (a, b) =>
        (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) || (a.line ?? 0) - (b.line ?? 0),
    ),
  });
}

/**
 * Writes every prepared batch into the draft (duplicate ids become problems; identical records
 * without an id are numbered `…~2`, `…~3` in place), reporting progress; returns the summary.
 */
async function writeBatches(
  events: AsyncGenerator<ImportEvent>,
  draft: VersionDraft,
  problems: ProblemLog,
  progress: (bytesDone: number, rowsRead: number) => void,
  acknowledge: { next: () => void },
) {
  const derivedSuffix = new Map<string, number>();
  const rename = (entry: PreparedEntry): string | null => {
    if (!entry.origin.isDerivedKey) return null;
    const n = (derivedSuffix.get(entry.key) ?? 1) + 1;
    derivedSuffix.set(entry.key, n);
    return `${entry.key}~${n}`;
  };
  let duplicateCount = 0;
  for await (const event of events) {
    event.problems.forEach((p) => problems.add(p));
    if (event.kind === 'end') return { end: event, duplicateCount };
    const duplicates =
      'json' in event
        ? draft.addPreparedJson(event.json, event.count, rename)
        : draft.addPrepared(event.entries, rename);
    for (const duplicate of duplicates) {
      duplicateCount++;
      const { file, line } = duplicate.origin;
      problems.add({ file, line, column: 'id', message: `duplicate id "${duplicate.key}"` });
    }
    acknowledge.next();
    progress(event.bytesDone, event.rowsRead);
    await new Promise((resolveTick) => setImmediate(resolveTick));
  }
  throw new Error('the import ended without a summary');
}

/**
 * Imports files into a new frozen version, streaming: records are read, mapped and prepared
 * in batches (in a worker thread for large inputs) and written to a draft that becomes
 * visible only when frozen. Any problem refuses the import (the draft is removed) unless
 * `skipBadRows`; a problem with a whole file always does. Cancelling removes the draft too.
 */
export async function runImport(
  ctx: CoreContext,
  request: ImportRequest,
  control: JobControl,
): Promise<ImportOutcome> {
  const problems = new ProblemLog();
  const names = request.paths;
  const paths = names.map((p) => resolve(p));
  const settings = settingsOf(request);
  const outcome = outcomeBuilder(problems, names);
  const totalBytes = await sizeOf(paths, names, problems);
  if (totalBytes === null) return outcome('refused', null, {});

  const prepareRequest: PrepareRequest = { paths, names, settings, totalBytes, batchSize };
  const useWorker = request.useWorker ?? totalBytes > workerThresholdBytes;
  const acknowledge = { next: () => undefined as void };
  const events: AsyncGenerator<ImportEvent> = useWorker
    ? fromWorker(prepareRequest, control.signal, acknowledge)
    : prepareImport(prepareRequest, control.signal);
  const draft = openDraft(ctx, request);
  const untune = useWorker ? tuneForBulkWrites(ctx) : () => undefined;
  let finished = false;
  try {
    const { end, duplicateCount } = await writeBatches(
      events,
      draft,
      problems,
      (bytesDone, rowsRead) =>
        control.progress(bytesDone, totalBytes, `${rowsRead.toLocaleString('en-US')} rows`),
      acknowledge,
    );
    const extra: Partial<ImportOutcome> = {
      rowsRead: end.rowsRead,
      skipped: end.skipped + duplicateCount,
      files: end.files.map(({ file, format, rows, bytes }) => ({ file, format, rows, bytes })),
      mapping: end.mapping ?? {},
      personalItems: draft.flaggedCount,
    };
    if (draft.itemCount === 0 && !end.fatal && problems.count === 0) {
      const message = 'nothing to import: no records';
      problems.add({ file: names[0] ?? '', line: null, column: null, message });
    }
    const refused =
      end.fatal || draft.itemCount === 0 || (problems.count > 0 && !request.skipBadRows);
    if (refused || request.dryRun) {
      const validated = draft.itemCount;
      draft.discard();
      finished = true;
      return outcome(refused ? 'refused' : 'validated', null, {
        ...extra,
        itemCount: refused ? 0 : validated,
      });
    }
    ctx.repos.datasets.setSource(draft.versionId, {
      kind: 'import',
      files: sourceFiles(end.files),
      mapping: end.mapping,
      settings: {
        ...settings,
        maxFieldBytes: limitsFor(settings.maxFieldBytes).maxFieldBytes,
        skipBadRows: request.skipBadRows ?? false,
      },
      rowsRead: end.rowsRead,
      skipped: extra.skipped,
      problems: problems.list.slice(0, 100),
    });
    // Hashing a large version takes a while too: progress and cancel between its chunks.
    const written = await draft.freezeInChunks({
      afterChunk: async (hashed, total) => {
        const counts = `${hashed.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
        control.progress(totalBytes, totalBytes, `hashing items: ${counts}`);
        await new Promise((resolve) => setImmediate(resolve));
        throwIfCancelled(control.signal);
      },
    });
    finished = true;
    return outcome('imported', written, extra);
  } catch (error) {
    if (error instanceof JobCancelled || control.signal.aborted) throw new JobCancelled();
    throw error;
  } finally {
    if (!finished) draft.discard();
    untune();
    await events.return(undefined);
  }
}
