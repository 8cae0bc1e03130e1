import { TokenBucket } from './tokenBucket';

export interface LimiterOptions {
  /** Most requests in flight. */
  concurrency: number;
  /** Requests per minute. */
  rpm?: number | undefined;
  /** Tokens per minute (estimated input + max output, corrected by usage afterwards). */
  tpm?: number | undefined;
}

/** What happened to a request, as far as the provider's capacity is concerned. */
export type LimiterSignal = 'ok' | 'overloaded' | 'other';

/** A request cannot start yet: wait until `at` (ms), or null for "until a request settles". */
export type Readiness = { ok: true } | { ok: false; at: number | null };

const decreaseIntervalMs = 1_000;

/**
 * Per-provider admission control: a concurrency limit that adapts (additive increase,
 * multiplicative decrease on 429/503, at most once a second so a burst of rejections of
 * requests sent together counts once), RPM and TPM token buckets, and a provider-wide pause
 * until the time a rate-limited server asked for.
 */
export class ProviderLimiter {
  inFlight = 0;
  /** Current concurrency (≤ the configured one); fractional so increases are gradual. */
  private window: number;
  private lastDecrease = -Infinity;
  private pausedUntil = 0;
  private readonly rpm: TokenBucket | null;
  private readonly tpm: TokenBucket | null;

  constructor(
    private readonly options: LimiterOptions,
    now: number,
  ) {
    this.window = options.concurrency;
    this.rpm = options.rpm ? TokenBucket.perMinute(options.rpm, now) : null;
    this.tpm = options.tpm ? TokenBucket.perMinute(options.tpm, now) : null;
  }

  get concurrency(): number {
    return Math.max(1, Math.floor(this.window));
  }

  get pausedUntilMs(): number {
    return this.pausedUntil;
  }

  readiness(now: number, tokens: number): Readiness {
    if (this.inFlight >= this.concurrency) return { ok: false, at: null };
    let at = now < this.pausedUntil ? this.pausedUntil : 0;
    const rpmWait = this.rpm?.waitMs(1, now) ?? 0;
    const tpmWait = this.tpm?.waitMs(tokens, now) ?? 0;
    at = Math.max(at, rpmWait ? now + rpmWait : 0, tpmWait ? now + tpmWait : 0);
    return at > now ? { ok: false, at } : { ok: true };
  }

  start(now: number, tokens: number) {
    this.inFlight += 1;
    this.rpm?.take(1, now);
    this.tpm?.take(tokens, now);
  }

  /**
   * A request settled. `tokenCorrection` is true minus estimated tokens; `pauseMs` asks for
   * a provider-wide pause (from Retry-After or a rate-limit reset header).
   */
  finish(signal: LimiterSignal, now: number, tokenCorrection = 0, pauseMs: number | null = null) {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (tokenCorrection) this.tpm?.adjust(tokenCorrection);
    if (signal === 'ok') {
      this.window = Math.min(this.options.concurrency, this.window + 1 / this.window);
    } else if (signal === 'overloaded') {
      if (now - this.lastDecrease >= decreaseIntervalMs) {
        this.window = Math.max(1, this.window / 2);
        this.lastDecrease = now;
      }
      if (pauseMs !== null && pauseMs > 0)
        this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
    }
  }
}
