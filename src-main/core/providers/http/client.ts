/**
 * The HTTP side shared by every hosted adapter: one keep-alive undici Agent per adapter whose
 * connection count follows the configured concurrency, single-attempt requests timed at the
 * connection (wireTiming.ts), and the consumption of JSON and SSE bodies with failures
 * classified as ProviderErrors.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Agent, type Dispatcher } from 'undici';
import { failureOf, httpError } from '../errors';
import { afterReads } from './afterReads';
import { ProviderError, type ProviderErrorClass } from '../types';
import {
  ArrivalCursor,
  wireTimingInterceptor,
  wireTimingOption,
  type WireTiming,
} from './wireTiming';

export const defaultMaxConnections = 64;

export function createAgent(maxConnections: number | undefined): Dispatcher {
  return new Agent({
    connections: maxConnections ?? defaultMaxConnections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    connect: { timeout: 10_000 },
  }).compose(wireTimingInterceptor);
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

export type HttpResponse = Dispatcher.ResponseData;

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
 * returned, not thrown, so each adapter can read its provider's error body.
 */
export async function send(endpoint: HttpEndpoint, url: string, options: SendOptions) {
  try {
    const { origin, path } = splitUrl(url);
    const request: Dispatcher.RequestOptions & { [wireTimingOption]?: WireTiming } = {
      origin,
      path,
      method: options.method ?? 'POST',
      headers: options.headers,
      body: options.body ?? null,
      signal: options.signal,
    };
    if (options.wire) request[wireTimingOption] = options.wire;
    const response = await endpoint.agent.request(request);
    // The body, already read or still arriving, is buffered and stamped meanwhile.
    await afterReads();
    return response;
  } catch (error) {
    throw failureOf(error, options.signal, endpoint.label, endpoint.key, false);
  }
}

/** Reads a whole body as text; a connection lost half-way is a truncated response. */
export async function readText(
  endpoint: HttpEndpoint,
  response: HttpResponse,
  signal: AbortSignal,
): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw failureOf(error, signal, endpoint.label, endpoint.key, true, response.statusCode);
  }
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
  signal: AbortSignal,
  reader?: ErrorBodyReader,
): Promise<void> {
  const status = response.statusCode;
  if (status >= 200 && status < 300) return;
  const text = await readText(endpoint, response, signal).catch(() => '');
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
  signal: AbortSignal,
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
  // A read can join chunks that arrived apart (when the thread was busy): its events are
  // stamped with the arrival of its last byte.
  const arrivals = new ArrivalCursor(clock?.wire);
  let consumed = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      consumed += chunk.length;
      if (clock) clock.arrivedAt = arrivals.at(consumed - 1);
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (state.failure) break;
    }
    parser.feed(decoder.decode());
    parser.reset({ consume: true });
  } catch (error) {
    if (state.failure) throw state.failure;
    throw failureOf(error, signal, endpoint.label, endpoint.key, true, response.statusCode);
  }
  if (clock) clock.arrivedAt = null;
  if (state.failure) {
    // Free the connection: the rest of the body is of no use.
    response.body.destroy();
    throw state.failure;
  }
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
  const type = response.headers['content-type'];
  return (Array.isArray(type) ? type[0] : type)?.includes('text/event-stream') ?? false;
}
