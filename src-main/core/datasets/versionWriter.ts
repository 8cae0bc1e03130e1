import type { Db } from '../db/connection';
import type { DatasetsRepo } from '../db/repos/datasets';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import { versionContentHashOfAsyncChunks, versionContentHashOfChunks } from './contentHash';
import { piiDetectors } from './privacy/registry';
import { PiiRepo } from './privacy/repo';
import { prepareRow, rekeyRow, type NewItem, type PreparedRow } from './preparedRow';

export type { NewItem, PreparedRow } from './preparedRow';

export interface WrittenVersion {
  datasetId: string;
  versionId: string;
  version: number;
  contentHash: string;
  itemCount: number;
}

export interface DraftRequest {
  datasetName: string;
  description?: string | null;
  parentId?: string | null;
  /** Provenance: where the items came from and with which parameters (stored as JSON). */
  source: Record<string, unknown>;
  note?: string | null;
}

/** Items hashed per chunk by `freezeInChunks`: a few ms of work at ~1 µs an item. */
export const defaultFreezeChunkRows = 5_000;

export interface FreezeInChunksOptions {
  /** Items hashed per chunk (default `defaultFreezeChunkRows`). */
  chunkRows?: number | undefined;
  /**
   * Awaited after each chunk with the items hashed so far and in all: report progress, let the
   * event loop turn, throw to stop (the draft then stays an open draft, for `discard` or the
   * caller's rollback). Default: one turn of the event loop.
   */
  afterChunk?: ((hashed: number, total: number) => Promise<void>) | undefined;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class DuplicateItemKeyError extends Error {
  override name = 'DuplicateItemKeyError';
  constructor(readonly key: string) {
    super(`duplicate item id "${key}"`);
  }
}

/**
 * A version being written. It is a draft (is_frozen = 0), which nothing lists and every
 * reader ignores, until `freeze` computes its hash and gives it a version number in one
 * transaction. Items arrive in batches, each batch one transaction, so a large import
 * never holds the file in memory nor one giant transaction; `discard` (or `createCore`'s
 * start-up cleanup, after a crash) removes a draft that will not be finished.
 */
export class VersionDraft {
  /** The position the next item gets; skipped duplicates of a bulk batch leave gaps. */
  private position = 0;
  private inserted = 0;
  private flagged = 0;
  private findings = 0;
  private state: 'open' | 'hashing' | 'frozen' | 'discarded' = 'open';
  private readonly pii: PiiRepo;

  private constructor(
    private readonly db: Db,
    private readonly repo: DatasetsRepo,
    readonly datasetId: string,
    readonly versionId: string,
    private readonly datasetCreated: boolean,
    private readonly scanId: number,
  ) {
    this.pii = new PiiRepo(db);
  }

  static open(db: Db, repo: DatasetsRepo, request: DraftRequest): VersionDraft {
    return db.transaction(() => {
      const createdAt = nowIso();
      let datasetId = repo.findByName(request.datasetName)?.id;
      const datasetCreated = !datasetId;
      if (!datasetId) {
        datasetId = newId('dataset');
        repo.insertDataset({
          id: datasetId,
          name: request.datasetName,
          description: request.description ?? null,
          createdAt,
        });
      }
      const versionId = newId('datasetVersion');
      repo.insertDraftVersion({
        id: versionId,
        datasetId,
        version: repo.nextDraftNumber(datasetId),
        parentId: request.parentId ?? null,
        source: JSON.stringify(request.source),
        note: request.note ?? null,
        createdAt,
      });
      const scanId = new PiiRepo(db).insertScan(
        versionId,
        piiDetectors.map((d) => d.id),
        createdAt,
      );
      return new VersionDraft(db, repo, datasetId, versionId, datasetCreated, scanId);
    });
  }

  get itemCount(): number {
    return this.inserted;
  }

  /** Items flagged as holding personal data so far. */
  get flaggedCount(): number {
    return this.flagged;
  }

  /**
   * Adds items in one transaction. Returns the indexes (into `items`) whose key was already
   * taken in this version; those items are not added.
   */
  addBatch(items: readonly NewItem[]): number[] {
    const duplicates = this.addPrepared(
      items.map((item, index) => ({ ...prepareRow(item), index })),
    );
    return duplicates.map((row) => row.index);
  }

  /**
   * Adds rows already prepared (hashed and scanned) in one transaction, consuming `rows` as it
   * goes (it may decode them lazily). Returns the rows whose key was already taken; when a key
   * is taken, `rename` may offer another one to try (e.g. numbering identical records).
   */
  addPrepared<T extends PreparedRow>(rows: Iterable<T>, rename?: (row: T) => string | null): T[] {
    if (this.state !== 'open') throw new Error(`version draft is ${this.state}`);
    return this.db.transaction(() => {
      const duplicates: T[] = [];
      for (const prepared of rows) {
        let row: PreparedRow = prepared;
        let itemId = this.repo.insertItem(this.versionId, { ...row, position: this.position });
        while (itemId === null) {
          const next = rename?.(prepared) ?? null;
          if (next === null) break;
          row = rekeyRow(row, next);
          itemId = this.repo.insertItem(this.versionId, { ...row, position: this.position });
        }
        if (itemId === null) {
          duplicates.push(prepared);
          continue;
        }
        this.position++;
        this.inserted++;
        if (row.hasPersonalData) this.flagged++;
        for (const finding of row.findings) this.pii.insertFinding(this.scanId, itemId, finding);
        this.findings += row.findings.length;
      }
      return duplicates;
    });
  }

  /**
   * `addPrepared` for a batch of `count` rows given as the JSON text of an array (from a
   * worker thread): SQLite parses and inserts it, so the main thread creates no object per
   * row. Rows whose key is taken are parsed here, renamed if `rename` offers a key, or returned.
   */
  addPreparedJson<T extends PreparedRow>(
    batchJson: string,
    count: number,
    rename?: (row: T) => string | null,
  ): T[] {
    if (this.state !== 'open') throw new Error(`version draft is ${this.state}`);
    return this.db.transaction(() => {
      const base = this.position;
      const inserted = this.repo.insertItemsJson(this.versionId, base, batchJson);
      this.repo.insertTagsJson(this.versionId, base, batchJson);
      this.findings += this.pii.insertFindingsJson(this.scanId, this.versionId, base, batchJson);
      const duplicates: T[] = [];
      if (inserted.length < count) {
        // The rare slow path: the refused rows, one by one, in their own places.
        const rows = JSON.parse(batchJson) as T[];
        const done = new Set(inserted);
        rows.forEach((prepared, index) => {
          if (done.has(index)) return;
          for (
            let next = rename?.(prepared) ?? null;
            next !== null;
            next = rename?.(prepared) ?? null
          ) {
            const row = rekeyRow(prepared, next);
            const itemId = this.repo.insertItem(this.versionId, { ...row, position: base + index });
            if (itemId === null) continue;
            for (const finding of row.findings)
              this.pii.insertFinding(this.scanId, itemId, finding);
            this.findings += row.findings.length;
            inserted.push(index);
            return;
          }
          duplicates.push(prepared);
        });
      }
      this.flagged += this.repo.countPersonalBetween(this.versionId, base, base + count);
      this.position = base + count;
      this.inserted += inserted.length;
      return duplicates;
    });
  }

  /**
   * Hashes the items (in key order, streamed from SQLite), numbers and freezes the version, in
   * one step: for small versions (`writeFrozenVersion`); long work uses `freezeInChunks`.
   */
  freeze(): WrittenVersion {
    if (this.state !== 'open') throw new Error(`version draft is ${this.state}`);
    return this.db.transaction(() =>
      this.frozenWith(versionContentHashOfChunks(this.repo.itemHashChunks(this.versionId))),
    );
  }

  /**
   * `freeze` that lets the event loop turn while it hashes: the items are hashed a chunk at a
   * time (`afterChunk` between chunks: progress, cancel), then numbered and frozen in one short
   * transaction. The same hash as `freeze`: the version hash is one stream over every item's
   * line, however it is cut. Nothing else writes to a draft's items meanwhile (adding refuses
   * while it hashes), so the hash may be read outside a transaction — or inside the caller's
   * (a merge's), which a throw from `afterChunk` rolls back.
   */
  async freezeInChunks(options: FreezeInChunksOptions = {}): Promise<WrittenVersion> {
    if (this.state !== 'open') throw new Error(`version draft is ${this.state}`);
    const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? defaultFreezeChunkRows));
    const afterChunk = options.afterChunk ?? nextTurn;
    const total = this.inserted;
    const chunks = this.repo.itemHashChunks(this.versionId, chunkRows);
    this.state = 'hashing';
    try {
      const contentHash = await versionContentHashOfAsyncChunks(
        (async function* () {
          let hashed = 0;
          for (const chunk of chunks) {
            yield chunk;
            hashed = Math.min(total, hashed + chunkRows);
            await afterChunk(hashed, total);
          }
        })(),
      );
      this.state = 'open';
      return this.db.transaction(() => this.frozenWith(contentHash));
    } finally {
      if (this.state === 'hashing') this.state = 'open';
    }
  }

  /** Numbers and freezes the version with its hash (inside a transaction). */
  private frozenWith(contentHash: string): WrittenVersion {
    const version = this.repo.nextVersionNumber(this.datasetId);
    this.repo.freezeVersion(this.versionId, version, contentHash, this.inserted);
    this.pii.completeScan(this.scanId, {
      itemCount: this.position,
      flaggedCount: this.flagged,
      findingCount: this.findings,
    });
    if (this.flagged > 0) this.repo.markPersonal(this.datasetId);
    this.state = 'frozen';
    return {
      datasetId: this.datasetId,
      versionId: this.versionId,
      version,
      contentHash,
      itemCount: this.inserted,
    };
  }

  /** Removes the draft and, if this draft created it, the dataset. Safe to call twice. */
  discard(): void {
    if (this.state !== 'open') return;
    this.state = 'discarded';
    this.db.transaction(() => {
      this.repo.deleteDraft(this.versionId);
      if (this.datasetCreated) this.repo.deleteIfEmpty(this.datasetId);
    });
  }
}

/**
 * Writes a new frozen version of a dataset (creating the dataset if needed) in one
 * transaction: either the whole version exists, frozen and hashed, or nothing does.
 * For small, in-memory item lists (examples, edits); imports stream through `VersionDraft`.
 */
export function writeFrozenVersion(
  db: Db,
  repo: DatasetsRepo,
  request: DraftRequest & { items: Iterable<NewItem> },
): WrittenVersion {
  return db.transaction(() => {
    const draft = VersionDraft.open(db, repo, request);
    const batch: NewItem[] = [];
    const flush = () => {
      const duplicates = draft.addBatch(batch);
      const first = duplicates[0];
      if (first !== undefined) throw new DuplicateItemKeyError((batch[first] as NewItem).key);
      batch.length = 0;
    };
    for (const item of request.items) {
      batch.push(item);
      if (batch.length >= 500) flush();
    }
    flush();
    return draft.freeze();
  });
}
