import type { Db } from '../db/connection';
import type { Repos } from '../db/repos';
import type { NewResponseRow } from '../db/repos/responses';

export interface CacheEntry {
  providerKind: string;
  model: string;
}

export interface SinkEntry {
  row: NewResponseRow;
  modelKey: string;
  /** Also store a successful output in the response cache under these names. */
  cache: CacheEntry | null;
}

export interface SinkOptions {
  /** Longest a result waits before it is written. */
  flushMs: number;
  /** Most results per transaction. */
  maxRows: number;
}

export const defaultSinkOptions: SinkOptions = { flushMs: 50, maxRows: 100 };

/**
 * The single writer of a run's results: batches responses into transactions (every
 * `flushMs` or `maxRows`, whichever comes first), each storing the response, settling its
 * cell and filling the response cache together — so after a crash a cell either has its
 * response or is still pending, never half of it.
 */
export class ResultSink {
  private pending: SinkEntry[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  private closed = false;
  written = 0;
  duplicates = 0;

  constructor(
    private readonly db: Db,
    private readonly repos: Pick<Repos, 'responses' | 'responseCache'>,
    private readonly onWritten: (entries: readonly SinkEntry[]) => void,
    private readonly options: SinkOptions = defaultSinkOptions,
  ) {}

  /**
   * Queues a result for the next transaction: written on the next turn of the event loop once
   * `maxRows` are waiting, so a message carrying hundreds of results never holds the thread
   * for more than one transaction at a time.
   */
  add(entry: SinkEntry) {
    if (this.closed) throw new Error('the result sink is closed');
    this.pending.push(entry);
    if (this.pending.length >= this.options.maxRows) this.flushSoon();
    else if (!this.timer && !this.immediate)
      this.timer = setTimeout(() => this.flush(), this.options.flushMs);
  }

  private flushSoon() {
    if (this.immediate) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.immediate = setImmediate(() => {
      this.immediate = null;
      this.flush();
    });
  }

  /**
   * Writes what is queued, `maxRows` per transaction; a longer backlog continues on the next
   * turn of the event loop, so no single write holds the thread for long.
   */
  flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
    if (this.pending.length === 0) return;
    this.writeBatch(this.pending.splice(0, this.options.maxRows));
    if (this.pending.length > 0 && !this.closed) this.flushSoon();
  }

  private writeBatch(batch: SinkEntry[]) {
    const stored: SinkEntry[] = [];
    this.db.transaction(() => {
      for (const entry of batch) {
        const { row, cache } = entry;
        if (!this.repos.responses.record(row)) {
          this.duplicates += 1;
          continue;
        }
        stored.push(entry);
        if (cache && row.status === 'done' && row.output !== null && !row.isCached)
          this.repos.responseCache.put({
            requestHash: row.requestHash,
            providerKind: cache.providerKind,
            model: cache.model,
            output: row.output,
            finishReason: row.finishReason,
            inputTokens: row.inputTokens,
            outputTokens: row.outputTokens,
            isTokenEstimate: row.isTokenEstimate,
            createdAt: row.createdAt,
          });
      }
    });
    this.written += stored.length;
    this.onWritten(stored);
  }

  /** Writes everything still queued, then refuses more. */
  close() {
    this.closed = true;
    while (this.pending.length > 0) this.flush();
  }
}
