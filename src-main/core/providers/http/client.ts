/**
 * The HTTP side shared by every hosted adapter: one keep-alive undici Agent per adapter whose
 * connection count follows the configured concurrency, single-attempt requests on undici's
 * dispatch API timed at the connection (exchange.ts, wireTiming.ts), and the consumption of
 * JSON and SSE bodies with failures classified as ProviderErrors.
 *
 * Why dispatch rather than `agent.request()`: the client's CPU per request sets the latency
 * tail at concurrency 100 on a shared machine (docs/benchmarks.md), and `request()` builds a
 * Node Readable body, its abort wiring and wrapper handlers for every call.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Agent, type Dispatcher } from 'undici';
import { failureOf, httpError } from '../errors';
import { ProviderError, type ProviderErrorClass } from '../types';
import { HttpExchange, isEventStreamHeaders } from './exchange';
import { ArrivalCursor, type WireTiming } from './wireTiming';

export const defaultMaxConnections = 64;

export function createAgent(maxConnections: number | undefined): Dispatcher {
  return new Agent({
    connections: maxConnections ?? defaultMaxConnections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    connect: { timeout: 10_000 },
  });
}

export interface HttpEndpoint {
  /** Used in error messages: "OpenAI", "Ollama at http://127.0.0.1:11434/v1". */
  label: string;
  agent: Dispatcher;
  /** The key, only so that it can be removed from any message that might echo it. */
  key: string | undefined;
}

export interface SendOptions {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Filled with the connection-side times of this request (see wireTiming.ts). */
  wire?: WireTiming;
}

/** A call's clock as the SSE reader sees it: it says when the bytes being parsed arrived. */
export interface ArrivalClock {
  readonly wire: WireTiming;
  /** While an event is parsed: when its last byte was read from the socket. */
  arrivedAt: number | null;
}

/** A response: `statusCode`, `headers`, and a body read through the functions below. */
export type HttpResponse = HttpExchange;

const splitCache = new Map<string, { origin: string; path: string }>();

/** Origin and path of a URL, parsed once per distinct URL (the hot path reuses a handful). */
function splitUrl(url: string): { origin: string; path: string } {
  let split = splitCache.get(url);
  if (!split) {
    const parsed = new URL(url);
    split = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (splitCache.size > 1000) splitCache.clear();
    splitCache.set(url, split);
  }
  return split;
}

/**
 * Sends one request; network failures and aborts become ProviderErrors. Error statuses are
 * returned, not thrown, so each adapter can read its provider's error body. A body that is not
 * an event stream has been read whole when this resolves.
 */
export function send(
  endpoint: HttpEndpoint,
  url: string,
  options: SendOptions,
): Promise<HttpResponse> {
  let split: { origin: string; path: string };
  try {
    split = splitUrl(url);
  } catch (error) {
    return Promise.reject(failureOf(error, options.signal, endpoint.label, endpoint.key, false));
  }
  const exchange = new HttpExchange(endpoint, options.signal, options.wire);
  // Aborted before it was sent: `ready` has already failed.
  if (!exchange.complete) {
    endpoint.agent.dispatch(
      {
        origin: split.origin,
        path: split.path,
        method: options.method ?? 'POST',
        headers: options.headers,
        body: options.body ?? null,
      },
      exchange,
    );
  }
  return exchange.ready;
}

/** Reads a whole body as text; a connection lost half-way is a truncated response. */
export async function readText(response: HttpResponse): Promise<string> {
  if (!response.complete) await response.whole();
  // Classified when it happened (exchange.ts): a timeout, a cancel, or a truncated body.
  const failure = response.bodyFailure;
  if (failure) throw failure;
  return response.text();
}

/** How a provider's error body refines the status-based classification. */
export interface ErrorBodyReader {
  /** A retry delay carried in the body (Gemini's RetryInfo). */
  retryDelay?(body: unknown): number | null;
  /** A class the body makes clear (Gemini says "bad key" with a 400). */
  errorClass?(status: number, body: unknown): ProviderErrorClass | null;
}

/** Throws the provider's error for a non-2xx response (after reading its body). */
export async function throwIfError(
  endpoint: HttpEndpoint,
  response: HttpResponse,
  reader?: ErrorBodyReader,
): Promise<void> {
  const status = response.statusCode;
  if (status >= 200 && status < 300) return;
  const text = await readText(response).catch(() => '');
  let body: unknown = null;
  if (reader) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  const retryAfterMs = status === 429 ? (reader?.retryDelay?.(body) ?? null) : null;
  const errorClass = reader?.errorClass?.(status, body) ?? undefined;
  throw httpError(
    endpoint.label,
    status,
    response.headers,
    text,
    endpoint.key,
    errorClass,
    retryAfterMs,
  );
}

/** Parses JSON or throws `malformed`, naming what came back instead. */
export function parseJson(endpoint: HttpEndpoint, text: string, status: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ProviderError(
      'malformed',
      `${endpoint.label}: the response is not valid JSON (${text.length} bytes starting ${JSON.stringify(text.slice(0, 40))})`,
      { httpStatus: status },
    );
  }
}

export function malformed(
  endpoint: HttpEndpoint,
  what: string,
  status: number | null,
): ProviderError {
  return new ProviderError('malformed', `${endpoint.label}: ${what}`, { httpStatus: status });
}

/**
 * Feeds an SSE body to `onEvent` until the body ends. `onEvent` returns true at the stream's
 * terminal event; a body that ends before it (and before `completeAtEnd` says the reply was
 * whole) is a truncated stream.
 */
export async function readEvents(
  endpoint: HttpEndpoint,
  response: HttpResponse,
  onEvent: (event: EventSourceMessage) => boolean,
  completeAtEnd: () => boolean = () => false,
  clock?: ArrivalClock,
): Promise<void> {
  // Written from the parser's callback, so kept in an object the compiler does not narrow.
  const state: { finished: boolean; failure: Error | null } = { finished: false, failure: null };
  const parser = createParser({
    onEvent: (event) => {
      if (state.finished || state.failure) return;
      try {
        state.finished = onEvent(event);
      } catch (error) {
        state.failure = error instanceof Error ? error : new Error(String(error));
      }
    },
  });
  const decoder = new TextDecoder();
  // A chunk's events are stamped with the arrival of its last byte (chunks are taken one by
  // one, so that is when the chunk itself was read from the socket).
  const arrivals = new ArrivalCursor(clock?.wire);
  let consumed = 0;
  for (;;) {
    const chunk = response.take();
    if (chunk === null) {
      if (response.complete) break;
      await response.arrival();
      continue;
    }
    consumed += chunk.length;
    if (clock) clock.arrivedAt = arrivals.at(consumed - 1);
    parser.feed(decoder.decode(chunk, { stream: true }));
    if (state.failure) break;
  }
  if (clock) clock.arrivedAt = null;
  // Classified when it happened (exchange.ts): a timeout, a cancel, or a truncated body.
  const failure = response.bodyFailure;
  if (!state.failure && !failure) {
    parser.feed(decoder.decode());
    parser.reset({ consume: true });
  }
  if (state.failure) {
    // Free the connection: the rest of the body is of no use.
    response.discard();
    throw state.failure;
  }
  if (failure) throw failure;
  if (!state.finished && !completeAtEnd()) {
    throw new ProviderError(
      'truncated',
      `${endpoint.label}: the stream ended before its final event`,
      {
        httpStatus: response.statusCode,
      },
    );
  }
}

/** Whether a header says the body is an event stream. */
export function isEventStream(response: HttpResponse): boolean {
  return isEventStreamHeaders(response.headers);
}
