/**
 * Progress and cancelling of `yardstick merge` (mergeShards.ts). The merge writes one
 * transaction; every `every` rows it reports where it is and lets the event loop turn, so a
 * caller's Ctrl-C handler can run and abort it (the transaction is then rolled back). The core
 * only reports numbers: how they are shown is the caller's business (cli/runs/mergeProgressView).
 */

/** The steps of a merge, in order (a phase with nothing to copy is still reported, 0 of 0). */
export const mergePhases = [
  'checking',
  'dataset',
  'datasetHash',
  'cells',
  'responses',
  'scores',
  'overrides',
  'failureModeTags',
  'cache',
] as const;
export type MergePhase = (typeof mergePhases)[number];

/** Phases that count units other than rows copied: shard workspaces, items re-hashed. */
const notCopying: ReadonlySet<MergePhase> = new Set(['checking', 'datasetHash']);

export interface MergeProgress {
  phase: MergePhase;
  /** Units of this phase done, of `total` (shard workspaces while checking, items while re-hashing, rows otherwise). */
  done: number;
  total: number;
  /** Rows copied so far over every copying phase, of all rows to copy (0 of 0 while checking). */
  rowsDone: number;
  rowsTotal: number;
  elapsedMs: number;
  /** From the rate so far over all rows; null until a first batch of rows is done. */
  etaMs: number | null;
}

/** Thrown out of `mergeShards` when its signal aborts it: nothing was written. */
export class MergeCancelledError extends Error {
  override name = 'MergeCancelledError';
  constructor() {
    super('merge cancelled: the target workspace was left as it was');
  }
}

export interface MeterOptions {
  onProgress?: ((progress: MergeProgress) => void) | null;
  signal?: AbortSignal | null;
  /** Rows between two reports (and two turns of the event loop). */
  every?: number;
}

const turnOfEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Counts what a merge has done. `tick` is called per row and says when a report is due;
 * `report` then tells the caller, lets pending events (a signal handler) run, and throws
 * `MergeCancelledError` if the signal was aborted meanwhile.
 */
export class MergeMeter {
  private readonly started = performance.now();
  /** When copying began (the ETA is from the rate of copying, not of checking). */
  private copyingSince: number | null = null;
  private readonly every: number;
  private phase: MergePhase = 'checking';
  private done = 0;
  private total = 0;
  private rowsDone = 0;
  private rowsTotal = 0;
  private sinceReport = 0;

  constructor(private readonly options: MeterOptions = {}) {
    this.every = Math.max(1, Math.floor(options.every ?? 1000));
  }

  /** Stops here if the caller aborted (before the transaction: nothing to roll back). */
  throwIfCancelled() {
    if (this.options.signal?.aborted) throw new MergeCancelledError();
  }

  /** Adds to the rows the copying phases will copy in all (for one ETA over the whole merge). */
  addRows(rows: number) {
    this.rowsTotal += rows;
  }

  /** Starts a phase of `total` units and reports it at 0. */
  begin(phase: MergePhase, total: number) {
    this.phase = phase;
    if (phase !== 'checking') this.copyingSince ??= performance.now();
    this.done = 0;
    this.total = total;
    this.sinceReport = 0;
    this.emit();
  }

  /** Counts `units` done at once (shard workspaces checked, a chunk of dataset items copied or hashed). */
  count(units: number) {
    this.done += units;
    if (!notCopying.has(this.phase)) this.rowsDone += units;
    this.sinceReport += units;
  }

  /** Counts one unit (a row, except while checking); true when a report is due. */
  tick(): boolean {
    this.done++;
    if (!notCopying.has(this.phase)) this.rowsDone++;
    return ++this.sinceReport >= this.every;
  }

  /** Reports, lets the event loop turn, and throws if the merge was cancelled meanwhile. */
  async report() {
    this.reportNow();
    await turnOfEventLoop();
    this.throwIfCancelled();
  }

  /** Reports without a turn of the event loop (the phase's end turns right after). */
  private reportNow() {
    this.sinceReport = 0;
    this.emit();
  }

  /** Ends the phase: reports where it ended (its total) unless that was just reported. */
  async end() {
    if (this.sinceReport > 0) this.reportNow();
    await turnOfEventLoop();
    this.throwIfCancelled();
  }

  private emit() {
    const onProgress = this.options.onProgress;
    if (!onProgress) return;
    const now = performance.now();
    const copyingMs = now - (this.copyingSince ?? now);
    const rowsLeft = Math.max(0, this.rowsTotal - this.rowsDone);
    onProgress({
      phase: this.phase,
      done: this.done,
      total: this.total,
      rowsDone: this.rowsDone,
      rowsTotal: this.rowsTotal,
      elapsedMs: now - this.started,
      etaMs: this.rowsDone > 0 ? (copyingMs / this.rowsDone) * rowsLeft : null,
    });
  }
}
