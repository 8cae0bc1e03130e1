/**
 * Turning every way a provider call can fail into a `ProviderError` class the engine's retry
 * policy understands, with the provider's own words (never the API key) and, for 429s, how
 * long to wait.
 */
import { ProviderError, type ProviderErrorClass } from './types';

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Go-style durations as OpenAI sends them in x-ratelimit-reset-*: `20ms`, `1.5s`, `6m0s`, `1h2m`. */
export function parseGoDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const n = Number(amount);
    total +=
      unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n * 3_600_000;
  }
  return total;
}

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string, now: number = Date.now()): number | null {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const openaiResets = [
  ['x-ratelimit-reset-requests', 'x-ratelimit-remaining-requests'],
  ['x-ratelimit-reset-tokens', 'x-ratelimit-remaining-tokens'],
] as const;
const anthropicResets = ['requests', 'tokens', 'input-tokens', 'output-tokens'].map(
  (what) => [`anthropic-ratelimit-${what}-reset`, `anthropic-ratelimit-${what}-remaining`] as const,
);

/**
 * How long to wait before retrying, from (in order) `retry-after-ms`, `Retry-After`, or the
 * providers' rate-limit reset headers. Among reset headers, those whose limit is exhausted
 * (remaining 0) decide; if none says so, the earliest reset does.
 */
export function retryAfterMsFrom(headers: Headers, now: number = Date.now()): number | null {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const parsed = parseRetryAfter(retryAfter, now);
    if (parsed !== null) return parsed;
  }
  const exhausted: number[] = [];
  const others: number[] = [];
  for (const [resetName, remainingName] of openaiResets) {
    const reset = header(headers, resetName);
    const waitMs = reset === undefined ? null : parseGoDuration(reset);
    if (waitMs !== null) (header(headers, remainingName) === '0' ? exhausted : others).push(waitMs);
  }
  for (const [resetName, remainingName] of anthropicResets) {
    const reset = header(headers, resetName);
    const at = reset === undefined ? NaN : Date.parse(reset);
    if (!Number.isNaN(at)) {
      const waitMs = Math.max(0, at - now);
      (header(headers, remainingName) === '0' ? exhausted : others).push(waitMs);
    }
  }
  if (exhausted.length > 0) return Math.max(...exhausted);
  if (others.length > 0) return Math.min(...others);
  return null;
}

/** Gemini's `RetryInfo` detail: `{"@type": "…RetryInfo", "retryDelay": "1.5s"}`. */
export function retryDelayFromGoogleBody(body: unknown): number | null {
  const details = (body as { error?: { details?: unknown } } | null)?.error?.details;
  if (!Array.isArray(details)) return null;
  for (const detail of details as Array<Record<string, unknown>>) {
    const type = detail?.['@type'];
    const delay = detail?.retryDelay;
    if (typeof type === 'string' && type.endsWith('RetryInfo') && typeof delay === 'string') {
      return parseGoDuration(delay);
    }
  }
  return null;
}

export function classOfStatus(status: number): ProviderErrorClass {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Replaces the key (and anything that looks like a bearer token) in provider text. */
export function redactKey(text: string, key: string | undefined): string {
  let out = text;
  if (key && key.length >= 4) out = out.split(key).join('«redacted»');
  return out.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1«redacted»');
}

/** The human message inside an error body, whatever the provider's shape. */
export function messageOfErrorBody(text: string): string {
  try {
    const body = JSON.parse(text) as {
      error?: { message?: unknown } | string;
      message?: unknown;
      detail?: unknown;
    };
    if (typeof body.error === 'string') return body.error;
    if (typeof body.error?.message === 'string') return body.error.message;
    if (typeof body.message === 'string') return body.message;
    if (typeof body.detail === 'string') return body.detail;
  } catch {
    // Not JSON: an HTML error page or plain text; its start is still informative.
  }
  return text.replace(/\s+/g, ' ').trim();
}

const maxMessageLength = 500;

/** A ProviderError for an HTTP error response; the key never appears in its message. */
export function httpError(
  label: string,
  status: number,
  headers: Headers,
  bodyText: string,
  key: string | undefined,
  errorClass: ProviderErrorClass = classOfStatus(status),
  retryAfterMs: number | null = null,
): ProviderError {
  const said = redactKey(messageOfErrorBody(bodyText), key).slice(0, maxMessageLength);
  return new ProviderError(
    errorClass,
    `${label} returned HTTP ${status}${said ? `: ${said}` : ''}`,
    {
      httpStatus: status,
      retryAfterMs:
        status === 429 || status === 503 ? (retryAfterMs ?? retryAfterMsFrom(headers)) : null,
    },
  );
}

/** Whether the engine aborted because its timeout fired (rather than pause or cancel). */
export function abortedByTimeout(reason: unknown): boolean {
  if (reason instanceof ProviderError) return reason.errorClass === 'timeout';
  return (reason as { name?: unknown } | null)?.name === 'TimeoutError';
}

const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

/**
 * A thrown error (socket, abort, undici timeout) as a ProviderError. `afterHeaders` says the
 * response had begun: a connection lost then means the reply was cut short (truncated).
 */
export function failureOf(
  error: unknown,
  signal: AbortSignal,
  label: string,
  key: string | undefined,
  afterHeaders: boolean,
  httpStatus: number | null = null,
): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal.aborted) {
    return abortedByTimeout(signal.reason)
      ? new ProviderError('timeout', `${label}: timed out`, { httpStatus })
      : new ProviderError('cancelled', `${label}: cancelled`, { httpStatus });
  }
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code =
    typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : '';
  const message = redactKey(typeof e?.message === 'string' ? e.message : String(error), key);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return new ProviderError('timeout', `${label}: no response in time (${code})`, { httpStatus });
  if (afterHeaders)
    return new ProviderError(
      'truncated',
      `${label}: the response was cut short (${code || message})`,
      {
        httpStatus,
      },
    );
  if (networkCodes.has(code) || code.startsWith('UND_ERR'))
    return new ProviderError(
      'network',
      `${label}: ${message}${code && !message.includes(code) ? ` (${code})` : ''}`,
      {
        httpStatus,
      },
    );
  return new ProviderError('network', `${label}: ${message}`, { httpStatus });
}
