/**
 * One request and its response on undici's dispatch API: the object is both the request's
 * handler and the response handed to the adapter, so a call allocates one object where undici's
 * `request()` builds a handler, a Node Readable body and their wrappers.
 *
 * It stamps the connection-side times itself (wireTiming.ts): `sentAt` when the request is
 * handed to its socket, each body chunk as it is read, `completedAt` at the last byte.
 *
 * A body that is not an event stream is collected whole before the response is handed on
 * (parsing it needs all of it). An event stream is handed on at its headers, and its chunks are
 * queued for the SSE reader as they arrive; if the reader falls behind by more than
 * `highWaterMark` bytes the socket is paused until it catches up.
 *
 * Handing on waits for `afterReads` (see afterReads.ts for why); failures are not deferred.
 */
import type { Dispatcher } from 'undici';
import { failureOf } from '../errors';
import type { ProviderError } from '../types';
import { afterReadsCall } from './afterReads';
import type { WireTiming } from './wireTiming';

/** Bytes of an event stream queued unread before the socket is paused. */
export const highWaterMark = 64 * 1024;

export type ResponseHeaders = Dispatcher.ResponseData['headers'];

/** Who the request is for: used to word failures (and keep the key out of them). */
export interface ExchangeEndpoint {
  label: string;
  key: string | undefined;
}

/** Whether headers say the body is an event stream. */
export function isEventStreamHeaders(headers: ResponseHeaders): boolean {
  const type = headers['content-type'];
  return (Array.isArray(type) ? type[0] : type)?.includes('text/event-stream') ?? false;
}

export class HttpExchange implements Dispatcher.DispatchHandler, EventListenerObject {
  statusCode = 0;
  headers: ResponseHeaders = {};

  /**
   * Body chunks not yet taken by a reader (all of them for a collected body): the oldest in
   * `head` when it was queued alone, the rest in `chunks` from `firstChunk` on. Most bodies are
   * one chunk, which then allocates no array store late in the exchange's life (an exchange
   * already promoted would keep it in the young generation until it is promoted too).
   */
  private head: Buffer | null = null;
  private readonly chunks: Buffer[] = [];
  private firstChunk = 0;
  private queuedBytes = 0;
  /** Body bytes read from the socket so far, for the chunk stamps. */
  private bytesRead = 0;
  private hasHeaders = false;
  private streaming = false;
  /** The body ended or failed (or the call was abandoned): later callbacks are ignored. */
  private done = false;
  private failure: ProviderError | null = null;
  private controller: Dispatcher.DispatchController | null = null;
  /** A reader waiting for the next chunk or the end. */
  private wake: (() => void) | null = null;
  private resolveReady!: (response: HttpExchange) => void;
  private rejectReady!: (error: ProviderError) => void;
  private readonly handOver = () => this.resolveReady(this);

  /** Resolves with this response once it can be handed on; rejects if there is no response. */
  readonly ready: Promise<HttpExchange>;

  constructor(
    private readonly endpoint: ExchangeEndpoint,
    private readonly signal: AbortSignal,
    private readonly wire: WireTiming | undefined,
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    if (signal.aborted) this.handleEvent();
    else signal.addEventListener('abort', this);
  }

  // ——— undici's side ———

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Aborted while it waited for a connection: the caller has its answer already.
    if (this.done) {
      controller.abort(abortError(this.signal));
      return;
    }
    // Called again if undici re-sends the request on another connection: the last send counts.
    const wire = this.wire;
    if (wire) {
      wire.sentAt = performance.now();
      wire.completedAt = null;
      wire.chunkAt.length = 0;
      wire.chunkEnds.length = 0;
    }
    this.bytesRead = 0;
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: ResponseHeaders,
  ): void {
    // 1xx informational responses precede the real one.
    if (this.done || statusCode < 200) return;
    this.statusCode = statusCode;
    this.headers = headers;
    this.hasHeaders = true;
    this.streaming = isEventStreamHeaders(headers);
    if (this.streaming) afterReadsCall(this.handOver);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.done) return;
    this.bytesRead += chunk.length;
    const wire = this.wire;
    if (wire) {
      wire.chunkAt.push(performance.now());
      wire.chunkEnds.push(this.bytesRead);
    }
    if (this.head === null && this.firstChunk === this.chunks.length) this.head = chunk;
    else this.chunks.push(chunk);
    this.queuedBytes += chunk.length;
    if (this.wake) this.wakeReader();
    else if (this.streaming && this.queuedBytes > highWaterMark) controller.pause();
  }

  onResponseEnd(): void {
    if (this.done) return;
    if (this.wire) this.wire.completedAt = performance.now();
    this.finish(null);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.done) return;
    this.finish(this.failureOf(error));
  }

  /** The signal's abort: answers the caller at once, then closes the connection. */
  handleEvent(): void {
    if (this.done) return;
    const controller = this.controller;
    this.finish(this.failureOf(this.signal.reason));
    // Without a controller yet, onRequestStart aborts when the request reaches a connection.
    controller?.abort(abortError(this.signal));
  }

  // ——— the reader's side ———

  /** The body ended or failed. */
  get complete(): boolean {
    return this.done;
  }

  /** Why the body was cut short (null while it is whole so far). */
  get bodyFailure(): ProviderError | null {
    return this.failure;
  }

  /** The next queued chunk, or null when none is queued. */
  take(): Buffer | null {
    let chunk = this.head;
    if (chunk !== null) {
      this.head = null;
    } else {
      if (this.firstChunk === this.chunks.length) return null;
      chunk = this.chunks[this.firstChunk] as Buffer;
      this.chunks[this.firstChunk++] = emptyChunk;
      if (this.firstChunk === this.chunks.length) {
        this.chunks.length = 0;
        this.firstChunk = 0;
      }
    }
    this.queuedBytes -= chunk.length;
    if (this.controller?.paused && this.queuedBytes <= highWaterMark) this.controller.resume();
    return chunk;
  }

  /** Resolves when a chunk has arrived or the body has ended or failed. */
  arrival(): Promise<void> {
    if (this.done || this.head !== null || this.firstChunk < this.chunks.length)
      return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /** Resolves when the whole body has been read (an event stream is then collected too). */
  async whole(): Promise<void> {
    this.streaming = false;
    if (this.controller?.paused) this.controller.resume();
    while (!this.done) await this.arrival();
  }

  /** The unread body as text (undici's `text()`: UTF-8, a leading BOM dropped). */
  text(): string {
    const rest = this.firstChunk === 0 ? this.chunks : this.chunks.slice(this.firstChunk);
    const chunks = this.head === null ? rest : [this.head, ...rest];
    if (chunks.length === 0) return '';
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    const bom = body.length > 2 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
    return body.toString('utf8', bom ? 3 : 0);
  }

  /** Stops reading a body that is of no more use; its connection is closed. */
  discard(): void {
    if (this.done) return;
    const controller = this.controller;
    this.finish(null);
    controller?.abort(new Error('response body discarded'));
  }

  private finish(failure: ProviderError | null): void {
    this.done = true;
    this.failure = failure;
    // undici's controller keeps the response's raw header buffers and, through its abort
    // function, the request and socket: an exchange that outlives two young-generation
    // collections (a slow reply at concurrency 200) would drag them into the old generation.
    // Let go of it once the body is done (the engine benchmark's throughput scenario: engine
    // worker promoted 71 → 48 MB, peak RSS −15 MB).
    this.controller = null;
    this.signal.removeEventListener('abort', this);
    if (!this.hasHeaders) {
      // No response to hand on (finish(null) comes only after headers).
      if (failure) this.rejectReady(failure);
    } else if (!this.streaming) {
      afterReadsCall(this.handOver);
    }
    if (this.wake) this.wakeReader();
  }

  private wakeReader(): void {
    const wake = this.wake as () => void;
    this.wake = null;
    wake();
  }

  private failureOf(error: unknown): ProviderError {
    return failureOf(
      error,
      this.signal,
      this.endpoint.label,
      this.endpoint.key,
      this.hasHeaders,
      this.hasHeaders ? this.statusCode : null,
    );
  }
}

const emptyChunk = Buffer.alloc(0);

/** What undici is told when the caller aborts: the signal's reason when it is an Error. */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}
