import type { IncomingHttpHeaders } from 'node:http';
import type { ShapedReply } from '../text';

export interface SimMessage {
  role: string;
  content: string;
}

/** A chat request in the simulator's own terms, whatever wire format it came in. */
export interface ChatCall {
  model: string;
  messages: SimMessage[];
  stream: boolean;
  maxTokens: number | null;
  stop: string[];
  seed: number | null;
  /** OpenAI streams carry usage only when `stream_options.include_usage` asks for it. */
  streamUsage: boolean;
}

export interface Usage {
  input: number;
  output: number;
}

/** A request body that does not fit the wire format: answered with a 400. */
export class BadRequest extends Error {}

export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The few fault kinds that produce an HTTP error response. */
export type HttpErrorKind =
  | 'rate_limit'
  | 'rate_limit_date'
  | 'rate_limit_reset'
  | 'rate_limit_bare'
  | 'server_500'
  | 'server_503'
  | 'auth'
  | 'bad_request'
  | 'not_found';

/** Everything that differs between OpenAI, Anthropic and Gemini on the wire. */
export interface WireFormat {
  parseChat(body: unknown, path: string): ChatCall;
  /** The key the client sent, or null. */
  keyOf(headers: IncomingHttpHeaders, query: string): string | null;
  completion(call: ChatCall, reply: ShapedReply, usage: Usage | null, id: string): string;
  /** SSE text sent before the first content piece (may be empty). */
  streamStart(call: ChatCall, usage: Usage | null, id: string): string;
  streamPiece(call: ChatCall, piece: string, id: string): string;
  /** SSE text that ends a complete stream, including its terminal event. */
  streamEnd(call: ChatCall, reply: ShapedReply, usage: Usage | null, id: string): string;
  error(kind: HttpErrorKind, message: string, retryAfterMs: number): ErrorReply;
}

export function sse(data: unknown, event?: string): string {
  const line = `data: ${JSON.stringify(data)}\n\n`;
  return event ? `event: ${event}\n${line}` : line;
}

export function asString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new BadRequest(`${field} must be a string`);
  return value;
}

export function optionalNumber(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new BadRequest(`${field} must be a number`);
  return value;
}

export function optionalStrings(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new BadRequest(`${field} must be a string or a list of strings`);
}

/** Message content may be a string or a list of text parts (OpenAI and Anthropic both allow it). */
export function contentText(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    let text = '';
    for (const part of value as unknown[]) {
      const p = part as { type?: unknown; text?: unknown };
      if (p && typeof p.text === 'string') text += p.text;
    }
    return text;
  }
  throw new BadRequest(`${field} must be a string or a list of parts`);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** `Retry-After` as whole seconds (the header has no fractions), at least 1 when any wait is asked. */
export function retryAfterSeconds(ms: number): string {
  return String(Math.max(ms > 0 ? 1 : 0, Math.ceil(ms / 1000)));
}

/** `Retry-After` as an HTTP date, rounded up to the next whole second. */
export function retryAfterDate(ms: number): string {
  return new Date(Math.ceil((Date.now() + ms) / 1000) * 1000).toUTCString();
}
