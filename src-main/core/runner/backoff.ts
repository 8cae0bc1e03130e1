/** Retry timing: exponential back-off with full jitter, honouring the server's Retry-After. */
export interface BackoffOptions {
  /** Delay scale of the first retry. */
  baseMs: number;
  /** Largest computed delay. */
  capMs: number;
  /** Largest Retry-After honoured (a server asking for an hour is answered by failing). */
  maxRetryAfterMs: number;
}

export const defaultBackoff: BackoffOptions = {
  baseMs: 500,
  capMs: 30_000,
  maxRetryAfterMs: 300_000,
};

/**
 * Delay before retry number `retry` (0 for the first retry). Full jitter (AWS architecture
 * blog, "Exponential Backoff and Jitter"): uniform in [0, min(cap, base·2^retry)], which
 * spreads simultaneous failures apart. When the server said when to come back, wait at least
 * that long, plus a little jitter so every waiting request does not return at once.
 */
export function retryDelayMs(
  retry: number,
  options: BackoffOptions,
  random: () => number,
  retryAfterMs: number | null | undefined,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(retry, 30));
  const jittered = random() * ceiling;
  if (retryAfterMs === null || retryAfterMs === undefined || retryAfterMs < 0) return jittered;
  const honoured = Math.min(retryAfterMs, options.maxRetryAfterMs);
  return honoured + random() * Math.min(options.baseMs, ceiling) * 0.2;
}
