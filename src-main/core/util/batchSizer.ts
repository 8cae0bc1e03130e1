/** Rows per transaction at first, and the bounds a measured size stays within. */
const firstBatch = 100;
const minBatch = 20;
const maxBatch = 5_000;
/** One transaction's share of the event loop: well under the 20 ms p99 target of a turn. */
const batchBudgetMs = 5;
const costSmoothing = 0.3;

/**
 * Sizes the batches of a long deletion from a smoothed cost per row (the last batch alone is
 * noisy: page-cache misses, other processes), at most doubling from one batch to the next.
 * Used by the batched deletions of runs and datasets; a fixed size (tests) turns it off.
 */
export class BatchSizer {
  private msPerRow: number | null = null;
  size: number;

  constructor(private readonly fixed: number | undefined) {
    this.size = fixed ?? firstBatch;
  }

  took(rows: number, ms: number) {
    if (this.fixed !== undefined || rows === 0) return;
    const sample = Math.max(ms, 0.1) / rows;
    this.msPerRow =
      this.msPerRow === null ? sample : this.msPerRow + costSmoothing * (sample - this.msPerRow);
    const fitted = Math.round(batchBudgetMs / this.msPerRow);
    this.size = Math.max(minBatch, Math.min(maxBatch, this.size * 2, fitted));
  }
}

/** Lets the event loop turn (timers, I/O, other requests) between two batches. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
