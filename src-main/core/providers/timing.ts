import type { CompletionTiming } from './types';

/**
 * Records the timing of one call with `performance.now()`: start before sending, the first
 * non-empty content chunk, every later chunk (for the mean inter-token gap), and the end at
 * the terminal event.
 */
export class CallClock {
  readonly startedAt = performance.now();
  private firstTokenAt: number | null = null;
  private lastChunkAt = 0;
  private chunks = 0;

  /** Call for every content chunk; empty chunks are ignored. */
  chunk(text: string): void {
    if (text.length === 0) return;
    const now = performance.now();
    if (this.firstTokenAt === null) this.firstTokenAt = now;
    this.lastChunkAt = now;
    this.chunks++;
  }

  finish(): CompletionTiming {
    const endedAt = performance.now();
    const first = this.firstTokenAt;
    return {
      startedAt: this.startedAt,
      firstTokenAt: first,
      endedAt,
      interTokenMs:
        first !== null && this.chunks >= 2 ? (this.lastChunkAt - first) / (this.chunks - 1) : null,
    };
  }
}
