import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '@core/runner/backoff';
import { CircuitBreaker } from '@core/runner/circuitBreaker';
import { Fifo } from '@core/runner/fifo';
import { ProviderLimiter } from '@core/runner/limiter';
import { TokenBucket } from '@core/runner/tokenBucket';
import { createRandom } from '@core/stats/random';

describe('token bucket', () => {
  it('refills continuously and says how long to wait', () => {
    const bucket = new TokenBucket(10, 0.01, 0); // 10 tokens, 10 per second
    expect(bucket.waitMs(10, 0)).toBe(0);
    bucket.take(10, 0);
    expect(bucket.waitMs(1, 0)).toBe(100);
    expect(bucket.waitMs(1, 100)).toBe(0);
    expect(bucket.available(1000)).toBe(10); // never above capacity
  });

  it('lets a request larger than the capacity start when full, then pays the debt back', () => {
    const bucket = new TokenBucket(100, 0.1, 0);
    expect(bucket.waitMs(500, 0)).toBe(0);
    bucket.take(500, 0);
    expect(bucket.available(0)).toBe(-400);
    expect(bucket.waitMs(1, 0)).toBe(4010);
  });

  it('sizes per-minute buckets to ten seconds of burst', () => {
    const rpm = TokenBucket.perMinute(600, 0);
    expect(rpm.capacity).toBe(100);
    expect(rpm.ratePerMs).toBeCloseTo(0.01);
    expect(TokenBucket.perMinute(3, 0).capacity).toBe(1);
  });
});

describe('retry back-off', () => {
  const options = { baseMs: 100, capMs: 1000, maxRetryAfterMs: 5000 };

  it('uses full jitter under an exponential ceiling capped at capMs', () => {
    const random = createRandom(1).next;
    for (let retry = 0; retry < 8; retry++) {
      const ceiling = Math.min(1000, 100 * 2 ** retry);
      for (let i = 0; i < 50; i++) {
        const delay = retryDelayMs(retry, options, random, null);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
    expect(retryDelayMs(3, options, () => 0.5, null)).toBe(400);
  });

  it('waits at least what the server asked for, within a bound', () => {
    expect(retryDelayMs(0, options, () => 0, 2500)).toBe(2500);
    expect(retryDelayMs(0, options, () => 0.999, 2500)).toBeLessThan(2500 + 21);
    expect(retryDelayMs(0, options, () => 0, 60_000)).toBe(5000);
  });
});

describe('circuit breaker', () => {
  it('opens after K consecutive failures, lets one probe through after the cool-down, closes on success', () => {
    const breaker = new CircuitBreaker({ failures: 3, cooldownMs: 100, maxOpens: 3 });
    breaker.onFailure(0);
    breaker.onFailure(0);
    expect(breaker.canSend(0)).toBe(true);
    breaker.onFailure(0);
    expect(breaker.state).toBe('open');
    expect(breaker.canSend(50)).toBe(false);
    expect(breaker.wakeAt()).toBe(100);
    expect(breaker.canSend(100)).toBe(true);
    expect(breaker.state).toBe('half_open');
    breaker.onSend();
    expect(breaker.canSend(100)).toBe(false); // one probe at a time
    breaker.onSuccess();
    expect(breaker.state).toBe('closed');
    expect(breaker.canSend(100)).toBe(true);
  });

  it('reopens when the probe fails and trips after maxOpens openings without a success', () => {
    const breaker = new CircuitBreaker({ failures: 1, cooldownMs: 10, maxOpens: 2 });
    breaker.onFailure(0);
    expect(breaker.state).toBe('open');
    expect(breaker.canSend(10)).toBe(true);
    breaker.onSend();
    breaker.onFailure(10);
    expect(breaker.isTripped).toBe(true);
    expect(breaker.canSend(1000)).toBe(false);
    expect(breaker.wakeAt()).toBeNull();
  });

  it('a success in between resets the count of failures', () => {
    const breaker = new CircuitBreaker({ failures: 2, cooldownMs: 10, maxOpens: 1 });
    breaker.onFailure(0);
    breaker.onSuccess();
    breaker.onFailure(0);
    expect(breaker.state).toBe('closed');
  });
});

describe('provider limiter', () => {
  it('caps requests in flight', () => {
    const limiter = new ProviderLimiter({ concurrency: 2 }, 0);
    limiter.start(0, 1);
    limiter.start(0, 1);
    expect(limiter.readiness(0, 1)).toEqual({ ok: false, at: null });
    limiter.finish('ok', 1);
    expect(limiter.readiness(1, 1)).toEqual({ ok: true });
  });

  it('halves concurrency on overload at most once a second, grows it back additively', () => {
    const limiter = new ProviderLimiter({ concurrency: 8 }, 0);
    for (let i = 0; i < 8; i++) limiter.start(0, 1);
    for (let i = 0; i < 8; i++) limiter.finish('overloaded', 10);
    expect(limiter.concurrency).toBe(4); // a burst of 429s counts once
    limiter.start(1500, 1);
    limiter.finish('overloaded', 1500);
    expect(limiter.concurrency).toBe(2);
    for (let i = 0; i < 40; i++) {
      limiter.start(2000, 1);
      limiter.finish('ok', 2000);
    }
    expect(limiter.concurrency).toBe(8);
  });

  it('pauses the whole provider until the time a rate-limited server asked for', () => {
    const limiter = new ProviderLimiter({ concurrency: 4 }, 0);
    limiter.start(0, 1);
    limiter.finish('overloaded', 0, 0, 750);
    expect(limiter.readiness(100, 1)).toEqual({ ok: false, at: 750 });
    expect(limiter.readiness(750, 1)).toEqual({ ok: true });
  });

  it('spaces requests by RPM and tokens by TPM', () => {
    const limiter = new ProviderLimiter({ concurrency: 100, rpm: 60, tpm: 6000 }, 0);
    // rpm 60: a burst of 10, then one per second.
    for (let i = 0; i < 10; i++) limiter.start(0, 10);
    expect(limiter.readiness(0, 10)).toEqual({ ok: false, at: 1000 });
    const tpm = new ProviderLimiter({ concurrency: 100, tpm: 600 }, 0);
    tpm.start(0, 100); // burst 100 tokens, then 10 per second
    expect(tpm.readiness(0, 50)).toEqual({ ok: false, at: 5000 });
    // Usage below the estimate is refunded.
    tpm.finish('ok', 0, -100);
    expect(tpm.readiness(0, 50)).toEqual({ ok: true });
  });
});

describe('fifo', () => {
  it('keeps order across compaction', () => {
    const queue = new Fifo<number>();
    for (let i = 0; i < 5000; i++) queue.push(i);
    for (let i = 0; i < 3000; i++) expect(queue.shift()).toBe(i);
    queue.push(5000);
    expect(queue.length).toBe(2001);
    expect(queue.peek()).toBe(3000);
    expect(queue.drain()).toEqual(Array.from({ length: 2001 }, (_, i) => 3000 + i));
    expect(queue.shift()).toBeUndefined();
  });
});
