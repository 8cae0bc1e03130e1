import type { ProviderAdapter } from '../providers/types';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuitBreaker';
import { Fifo } from './fifo';
import { ProviderLimiter, type LimiterOptions } from './limiter';
import type { EngineModelSpec, LaneStatus, WorkCell } from './protocol';

/** One cell on its way through the engine, with how many times it has been sent. */
export interface Attempt {
  cell: WorkCell;
  model: ModelState;
  attempts: number;
  isColdStart: boolean;
}

/** A model's queue of cells and where its feeding stands. */
export interface ModelState {
  spec: EngineModelSpec;
  lane: Lane;
  queue: Fifo<Attempt>;
  /** Cells were asked for and have not arrived yet. */
  requested: boolean;
  /** No more cells will come. */
  exhausted: boolean;
}

/**
 * A provider lane: its adapter, limiter and circuit breaker, the queues of its models, the
 * retries that are due, the requests in flight, and the one timer that wakes it when a limit,
 * a pause or a cool-down ends.
 */
export class Lane {
  readonly limiter: ProviderLimiter;
  readonly breaker: CircuitBreaker;
  readonly models: ModelState[] = [];
  readonly retryReady = new Fifo<Attempt>();
  readonly inFlight = new Map<Attempt, AbortController>();
  waitingRetries = 0;
  isColdStartTaken = false;
  lastError: string | null = null;
  /** Cells kept queued per model: enough to keep every slot busy between two feeds. */
  readonly batch: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerAt = 0;

  constructor(
    readonly key: string,
    readonly adapter: ProviderAdapter,
    limits: LimiterOptions,
    breaker: CircuitBreakerOptions,
    now: number,
  ) {
    this.limiter = new ProviderLimiter(limits, now);
    this.breaker = new CircuitBreaker(breaker);
    this.batch = Math.max(64, limits.concurrency * 2);
  }

  addModel(spec: EngineModelSpec): ModelState {
    const state: ModelState = {
      spec,
      lane: this,
      queue: new Fifo(),
      requested: false,
      exhausted: false,
    };
    this.models.push(state);
    return state;
  }

  /** The next attempt: due retries first, then the lowest ordinal across the models. */
  peek(): Attempt | undefined {
    const retry = this.retryReady.peek();
    if (retry) return retry;
    let best: Attempt | undefined;
    for (const model of this.models) {
      const head = model.queue.peek();
      if (head && (!best || head.cell.ordinal < best.cell.ordinal)) best = head;
    }
    return best;
  }

  /** Removes `attempt`, which `peek` returned, from its queue. */
  take(attempt: Attempt) {
    if (this.retryReady.peek() === attempt) this.retryReady.shift();
    else attempt.model.queue.shift();
  }

  /** Everything queued or due, removed. */
  drainQueued(): Attempt[] {
    return [...this.retryReady.drain(), ...this.models.flatMap((m) => m.queue.drain())];
  }

  /** Runs `wake` at `at` (one timer per lane: the earliest wins). */
  wakeAt(at: number, now: number, wake: () => void) {
    if (this.timer && this.timerAt <= at) return;
    this.stopTimer();
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        wake();
      },
      Math.max(0, at - now),
    );
  }

  stopTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Nothing queued, due, waiting for a retry or in flight. */
  get isIdle(): boolean {
    if (this.inFlight.size || this.retryReady.length || this.waitingRetries) return false;
    return this.models.every((model) => model.exhausted && model.queue.length === 0);
  }

  status(now: number): LaneStatus {
    const pausedUntil = this.limiter.pausedUntilMs;
    return {
      key: this.key,
      circuit: this.breaker.isTripped ? 'tripped' : this.breaker.state,
      inFlight: this.inFlight.size,
      concurrency: this.limiter.concurrency,
      pausedUntilMs: pausedUntil > now ? pausedUntil : null,
    };
  }
}
