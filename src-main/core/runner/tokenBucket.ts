/**
 * A token bucket: `capacity` tokens, refilled continuously at `ratePerMs`. Used for requests
 * per minute and tokens per minute. A request larger than the capacity may start when the
 * bucket is full (otherwise it could never start); the bucket may then go into debt, which
 * later refills pay back — so the long-run rate is always respected.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly capacity: number,
    readonly ratePerMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** A bucket for `perMinute` units, holding at most `burstSeconds` worth of them (at least 1). */
  static perMinute(perMinute: number, now: number, burstSeconds = 10): TokenBucket {
    const capacity = Math.max(1, Math.min(perMinute, (perMinute * burstSeconds) / 60));
    return new TokenBucket(capacity, perMinute / 60_000, now);
  }

  private refill(now: number) {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.ratePerMs);
      this.last = now;
    }
  }

  /** Milliseconds until `amount` may be taken (0: now). */
  waitMs(amount: number, now: number): number {
    this.refill(now);
    const need = Math.min(amount, this.capacity);
    if (this.tokens >= need) return 0;
    return Math.ceil((need - this.tokens) / this.ratePerMs);
  }

  take(amount: number, now: number) {
    this.refill(now);
    this.tokens -= amount;
  }

  /** Corrects an earlier `take` once the true amount is known (positive: charge more). */
  adjust(delta: number) {
    this.tokens = Math.min(this.capacity, this.tokens - delta);
  }

  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }
}
