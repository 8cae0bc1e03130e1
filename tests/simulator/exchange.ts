/**
 * One request/response in flight: its log entry, its single pending timer, and the ways it
 * can end (a reply, a stream, an error, a stall, a reset). Kept allocation-light because the
 * engine benchmark drives thousands of these per second.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatCall, ErrorReply, HttpErrorKind, Usage, WireFormat } from './formats/common';
import type { ShapedReply } from './text';
import type { SimLogEntry } from './types';

export class Exchange {
  timer: NodeJS.Timeout | null = null;
  /** The server ended the connection on purpose (reset, truncation): not a client abort. */
  serverClosed = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly entry: SimLogEntry,
    readonly startedAt: number,
    private readonly active: Set<Exchange>,
  ) {
    active.add(this);
    res.once('finish', () => {
      const now = performance.now();
      entry.latencyMs = now - startedAt;
      entry.finishedAtEpoch = performance.timeOrigin + now;
    });
    res.once('close', () => {
      if (!res.writableFinished) {
        entry.latencyMs = performance.now() - startedAt;
        if (!this.serverClosed) entry.clientAborted = true;
      }
      this.cancelTimer();
      active.delete(this);
    });
  }

  get gone(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  after(ms: number, fn: () => void): void {
    if (ms <= 0) {
      fn();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.gone) fn();
    }, ms);
  }

  cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  json(status: number, body: string, headers?: Record<string, string>): void {
    this.entry.status = status;
    this.res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...headers,
    });
    this.res.end(body);
  }

  sendError(reply: ErrorReply): void {
    this.json(reply.status, reply.body, reply.headers);
  }

  /** Ends the connection with a TCP reset (no response at all). */
  reset(): void {
    this.serverClosed = true;
    const socket = this.req.socket as typeof this.req.socket & { resetAndDestroy?: () => void };
    if (socket.resetAndDestroy) socket.resetAndDestroy();
    else socket.destroy();
  }

  /** Sends nothing more until `ms` has passed, then drops the connection. */
  stall(ms: number): void {
    this.after(ms, () => {
      this.serverClosed = true;
      this.res.destroy();
    });
  }

  startStream(status = 200): void {
    this.entry.status = status;
    this.res.writeHead(status, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
  }
}

export interface ChatPlan {
  format: WireFormat;
  call: ChatCall;
  reply: ShapedReply;
  usage: Usage | null;
  id: string;
  latencyMs: number;
  tokensPerSecond: number;
}

export function errorReply(
  format: WireFormat,
  kind: HttpErrorKind,
  retryAfterMs: number,
  key?: string | null,
): ErrorReply {
  const messages: Record<HttpErrorKind, string> = {
    rate_limit: 'Rate limit reached (simulated).',
    rate_limit_date: 'Rate limit reached (simulated).',
    rate_limit_reset: 'Rate limit reached for tokens (simulated).',
    rate_limit_bare: 'Too many requests (simulated).',
    server_500: 'The server had an error while processing your request (simulated).',
    server_503: 'The service is temporarily overloaded (simulated).',
    // Real APIs echo part of a wrong key; the simulator echoes all of it, so tests can show
    // that adapters keep keys out of their error messages.
    auth: `Incorrect API key provided: ${key ?? '(none)'}.`,
    bad_request: 'Invalid request (simulated).',
    not_found: 'Not found.',
  };
  return format.error(kind, messages[kind], retryAfterMs);
}
