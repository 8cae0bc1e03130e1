import { describe, expect, it } from 'vitest';
import {
  classOfStatus,
  failureOf,
  httpError,
  parseGoDuration,
  parseRetryAfter,
  redactKey,
  retryAfterMsFrom,
  retryDelayFromGoogleBody,
} from '@core/providers/errors';
import { ProviderError } from '@core/providers/types';

const now = Date.parse('2025-06-01T12:00:00Z');

describe('retry hints', () => {
  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('parses the Go durations of OpenAI reset headers', () => {
    expect(parseGoDuration('20ms')).toBe(20);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('6m0s')).toBe(360_000);
    expect(parseGoDuration('1h2m3s')).toBe(3_723_000);
    expect(parseGoDuration('later')).toBeNull();
  });

  it('prefers retry-after-ms, then Retry-After, then the exhausted limit’s reset', () => {
    expect(retryAfterMsFrom({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
    expect(retryAfterMsFrom({ 'retry-after': '9' }, now)).toBe(9000);
    expect(
      retryAfterMsFrom(
        {
          'x-ratelimit-remaining-requests': '10',
          'x-ratelimit-reset-requests': '200ms',
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-tokens': '6m0s',
        },
        now,
      ),
    ).toBe(360_000);
    // Nothing says which limit ran out: the earliest reset.
    expect(
      retryAfterMsFrom(
        { 'x-ratelimit-reset-requests': '2s', 'x-ratelimit-reset-tokens': '1s' },
        now,
      ),
    ).toBe(1000);
    expect(
      retryAfterMsFrom(
        {
          'anthropic-ratelimit-requests-remaining': '0',
          'anthropic-ratelimit-requests-reset': '2025-06-01T12:00:04Z',
          'anthropic-ratelimit-tokens-reset': '2025-06-01T12:00:01Z',
        },
        now,
      ),
    ).toBe(4000);
    expect(retryAfterMsFrom({}, now)).toBeNull();
  });

  it('reads Gemini RetryInfo', () => {
    expect(
      retryDelayFromGoogleBody({
        error: {
          details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' }],
        },
      }),
    ).toBe(37_000);
    expect(retryDelayFromGoogleBody({ error: {} })).toBeNull();
  });
});

describe('classification', () => {
  it('maps statuses to classes', () => {
    expect([429, 500, 502, 503, 529, 401, 403, 400, 404, 422, 408].map(classOfStatus)).toEqual([
      'rate_limited',
      'server',
      'server',
      'server',
      'server',
      'auth',
      'auth',
      'bad_request',
      'bad_request',
      'bad_request',
      'timeout',
    ]);
  });

  it('keeps the provider’s words but never the key', () => {
    const key = 'sk-live-abcdef0123456789';
    const error = httpError(
      'OpenAI',
      401,
      {},
      JSON.stringify({ error: { message: `Incorrect API key provided: ${key}. Bearer ${key}` } }),
      key,
    );
    expect(error.errorClass).toBe('auth');
    expect(error.message).toBe(
      'OpenAI returned HTTP 401: Incorrect API key provided: «redacted». Bearer «redacted»',
    );
    expect(redactKey('Authorization: Bearer abcdefghijkl', undefined)).toBe(
      'Authorization: Bearer «redacted»',
    );
  });

  it('carries retryAfterMs on 429 and 503 only', () => {
    expect(httpError('X', 429, { 'retry-after': '2' }, '', undefined).details.retryAfterMs).toBe(
      2000,
    );
    expect(httpError('X', 503, { 'retry-after': '2' }, '', undefined).details.retryAfterMs).toBe(
      2000,
    );
    expect(
      httpError('X', 500, { 'retry-after': '2' }, '', undefined).details.retryAfterMs,
    ).toBeNull();
  });

  it('tells an engine timeout from a cancel by the abort reason', () => {
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('deadline', 'TimeoutError'));
    expect(failureOf(new Error('aborted'), timedOut.signal, 'X', undefined, false).errorClass).toBe(
      'timeout',
    );
    const byEngine = new AbortController();
    byEngine.abort(new ProviderError('timeout', 'cell timeout'));
    expect(failureOf(new Error('aborted'), byEngine.signal, 'X', undefined, false).errorClass).toBe(
      'timeout',
    );
    const paused = new AbortController();
    paused.abort();
    expect(failureOf(new Error('aborted'), paused.signal, 'X', undefined, false).errorClass).toBe(
      'cancelled',
    );
  });

  it('calls socket errors network before the response and truncated after it', () => {
    const signal = new AbortController().signal;
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(failureOf(reset, signal, 'X', undefined, false).errorClass).toBe('network');
    expect(failureOf(reset, signal, 'X', undefined, true).errorClass).toBe('truncated');
    const headers = Object.assign(new Error('Headers Timeout Error'), {
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
    expect(failureOf(headers, signal, 'X', undefined, false).errorClass).toBe('timeout');
  });

  it('retries what can succeed later and not what cannot', () => {
    const retryable = (c: ProviderError['errorClass']) => new ProviderError(c, '').isRetryable;
    expect(
      ['rate_limited', 'server', 'timeout', 'network', 'malformed', 'truncated'].every((c) =>
        retryable(c as never),
      ),
    ).toBe(true);
    expect(
      ['auth', 'bad_request', 'cancelled', 'unavailable'].some((c) => retryable(c as never)),
    ).toBe(false);
  });
});
