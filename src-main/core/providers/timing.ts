import type { ArrivalClock } from './http/client';
import { newWireTiming } from './http/wireTiming';
import type { CompletionTiming } from './types';

/**
 * Records the timing of one call: start and end at the connection when the call is HTTP (the
 * request written, the last byte read: `wire`, filled by http/client), else with
 * `performance.now()` before sending and at the end; the first non-empty content chunk and
 * every later one (for the mean inter-token gap), stamped with when their bytes arrived.
 */
export class CallClock implements ArrivalClock {
  private readonly calledAt = performance.now();
  readonly wire = newWireTiming();
  arrivedAt: number | null = null;
  private firstTokenAt: number | null = null;
  private lastChunkAt = 0;
  private chunks = 0;

  /** Call for every content chunk; empty chunks are ignored. */
  chunk(text: string): void {
    if (text.length === 0) return;
    const now = this.arrivedAt ?? performance.now();
    if (this.firstTokenAt === null) this.firstTokenAt = now;
    this.lastChunkAt = now;
    this.chunks++;
  }

  finish(): CompletionTiming {
    const endedAt = this.wire.completedAt ?? performance.now();
    const first = this.firstTokenAt;
    return {
      startedAt: this.wire.sentAt ?? this.calledAt,
      firstTokenAt: first,
      endedAt,
      interTokenMs:
        first !== null && this.chunks >= 2 ? (this.lastChunkAt - first) / (this.chunks - 1) : null,
    };
  }
}
