/**
 * The hosted adapters' HTTP client (http/client.ts on http/exchange.ts) against a real HTTP
 * server on loopback whose replies each test scripts: wire stamps per chunk, error bodies,
 * aborts before and during a body, a reset mid-stream, and a stream reader that falls behind.
 */
import { once } from 'node:events';
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgent,
  readEvents,
  readText,
  send,
  throwIfError,
  type ArrivalClock,
  type HttpEndpoint,
} from '../../../src-main/core/providers/http/client';
import { highWaterMark } from '../../../src-main/core/providers/http/exchange';
import { newWireTiming } from '../../../src-main/core/providers/http/wireTiming';
import { ProviderError } from '../../../src-main/core/providers/types';

type Reply = (req: IncomingMessage, res: ServerResponse) => unknown;

const key = 'sk-test-0123456789abcdef';
let server: Server;
let base: string;
let reply: Reply = (_req, res) => res.end();
/** Requests whose connection the client closed before the reply was finished. */
let clientClosed = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = createServer((req, res) => {
    res.on('close', () => {
      if (!res.writableFinished) clientClosed++;
    });
    void reply(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const endpoints: HttpEndpoint[] = [];
function endpoint(maxConnections = 4): HttpEndpoint {
  const created = { label: 'Test API', agent: createAgent(maxConnections), key };
  endpoints.push(created);
  return created;
}
afterEach(async () => {
  clientClosed = 0;
  await Promise.all(endpoints.splice(0).map((e) => e.agent.destroy()));
});

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

async function eventually(condition: () => boolean, ms = 2000): Promise<void> {
  const until = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > until) throw new Error('condition not met in time');
    await sleep(10);
  }
}

const post = { headers: { 'content-type': 'application/json' }, body: '{"q":1}' };

/** A full garbage collection (the flag is set for this test file's thread only once). */
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Passes undici's calls on, noting each controller by a weak reference only. */
class ControllerWatch implements Dispatcher.DispatchHandler {
  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly seen: Array<WeakRef<object>>,
  ) {}
  onRequestStart(controller: Dispatcher.DispatchController, context: unknown) {
    this.seen.push(new WeakRef(controller));
    this.inner.onRequestStart?.(controller, context);
  }
  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Dispatcher.ResponseData['headers'],
    statusMessage?: string,
  ) {
    this.inner.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }
  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer) {
    this.inner.onResponseData?.(controller, chunk);
  }
  onResponseEnd(
    controller: Dispatcher.DispatchController,
    trailers: Dispatcher.ResponseData['headers'],
  ) {
    this.inner.onResponseEnd?.(controller, trailers);
  }
  onResponseError(controller: Dispatcher.DispatchController, error: Error) {
    this.inner.onResponseError?.(controller, error);
  }
}

describe('send and readText', () => {
  it('reads a body sent in parts, stamping each part when it was read', async () => {
    reply = async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'abc' });
      res.write('{"answer":');
      await sleep(60);
      res.end('"yes"}');
    };
    const wire = newWireTiming();
    const target = endpoint();
    const signal = new AbortController().signal;
    const response = await send(target, `${base}/v1/chat`, { ...post, signal, wire });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('abc');
    expect(await readText(response)).toBe('{"answer":"yes"}');
    expect(wire.chunkEnds).toEqual([10, 16]);
    const [first, second] = wire.chunkAt as [number, number];
    expect(first).toBeGreaterThanOrEqual(wire.sentAt as number);
    // The second part was read when it came, ~60 ms later, not when the body was handed on.
    expect(second - first).toBeGreaterThanOrEqual(50);
    expect(wire.completedAt).toBeGreaterThanOrEqual(second);
    // Done: the signal no longer holds the request.
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('keeps nothing of undici once the body is done: a held response lets its controller go', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-a': '1', 'x-b': '2' });
      res.end('{"a":1}');
    };
    // The controller holds the raw header buffers and (through its abort function) undici's
    // request and socket; an exchange kept past two young-generation collections would move
    // them all to the old generation (engine benchmark, throughput scenario).
    const controllers: Array<WeakRef<object>> = [];
    const agent = createAgent(4).compose(
      (dispatch) => (options, handler) =>
        dispatch(options, new ControllerWatch(handler, controllers)),
    );
    const target = { label: 'Test API', agent, key };
    endpoints.push(target);
    const response = await send(target, `${base}/x`, {
      ...post,
      signal: new AbortController().signal,
    });
    expect(await readText(response)).toBe('{"a":1}');
    await sleep(20);
    collectGarbage();
    expect(controllers).toHaveLength(1);
    expect(controllers[0]?.deref()).toBeUndefined();
    // Still held here (and still readable).
    expect(response.headers['x-b']).toBe('2');
  });

  it('drops a leading byte-order mark, as undici text() does', async () => {
    reply = (_req, res) => res.end(Buffer.from('\uFEFF{"a":1}', 'utf8'));
    const target = endpoint();
    const signal = new AbortController().signal;
    const response = await send(target, `${base}/x`, { ...post, signal });
    expect(await readText(response)).toBe('{"a":1}');
  });

  it('returns an error status with its body and headers for throwIfError', async () => {
    reply = (_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' });
      res.end(JSON.stringify({ error: { message: `slow down, ${key}` } }));
    };
    const target = endpoint();
    const signal = new AbortController().signal;
    const response = await send(target, `${base}/v1/chat`, { ...post, signal });
    expect(response.statusCode).toBe(429);
    const error = await rejection(throwIfError(target, response));
    expect(error.errorClass).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(2000);
    expect(error.message).toContain('slow down');
    expect(error.message).not.toContain(key);
  });

  it('reports a body cut short as truncated, with its status', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const target = endpoint();
    const signal = new AbortController().signal;
    const error = await rejection(
      send(target, `${base}/v1/chat`, { ...post, signal }).then((r) => readText(r)),
    );
    expect(error.errorClass).toBe('truncated');
    expect(error.details.httpStatus).toBe(200);
  });

  it('reports a refused connection as a network failure', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const error = await rejection(
      send(endpoint(), `http://127.0.0.1:${port}/`, { ...post, signal: AbortSignal.timeout(5000) }),
    );
    expect(error.errorClass).toBe('network');
  });

  it('cancels mid-body: the caller gets cancelled at once and the connection is closed', async () => {
    reply = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"slow":'); // and never more
    };
    const target = endpoint();
    const controller = new AbortController();
    const sent = send(target, `${base}/v1/chat`, { ...post, signal: controller.signal });
    setTimeout(() => controller.abort(), 80);
    const started = performance.now();
    const error = await rejection(sent.then((r) => readText(r)));
    expect(error.errorClass).toBe('cancelled');
    expect(error.details.httpStatus).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    await eventually(() => clientClosed === 1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('times out a request still waiting for a free connection without waiting for one', async () => {
    let stalled: ServerResponse | null = null;
    reply = (_req, res) => {
      stalled = res; // the only connection stays busy
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
    };
    const target = endpoint(1);
    const busy = send(target, `${base}/a`, { ...post, signal: new AbortController().signal });
    await eventually(() => stalled !== null);
    const started = performance.now();
    const error = await rejection(
      send(target, `${base}/b`, { ...post, signal: AbortSignal.timeout(50) }),
    );
    expect(error.errorClass).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1000);
    (stalled as ServerResponse | null)?.end('}');
    const first = await busy;
    expect(await readText(first)).toBe('{}');
  });

  it('fails at once, sending nothing, when the signal is already aborted', async () => {
    let requests = 0;
    reply = (_req, res) => {
      requests++;
      res.end('{}');
    };
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      send(endpoint(), `${base}/x`, { ...post, signal: controller.signal }),
    );
    expect(error.errorClass).toBe('cancelled');
    await sleep(50);
    expect(requests).toBe(0);
  });
});

describe('readEvents', () => {
  const sse = { 'content-type': 'text/event-stream' };

  it('hands each event on as it arrives, stamped with its arrival', async () => {
    let secondWrittenAt = 0;
    reply = async (_req, res) => {
      res.writeHead(200, sse);
      res.write('data: one\n\n');
      await sleep(80);
      secondWrittenAt = performance.now();
      res.write('data: two\n\n');
      await sleep(20);
      res.end('data: [DONE]\n\n');
    };
    const target = endpoint();
    const signal = new AbortController().signal;
    const clock: ArrivalClock = { wire: newWireTiming(), arrivedAt: null };
    const response = await send(target, `${base}/s`, { ...post, signal, wire: clock.wire });
    const seen: Array<{ data: string; handledAt: number; arrivedAt: number | null }> = [];
    await readEvents(
      target,
      response,
      (event) => {
        seen.push({ data: event.data, handledAt: performance.now(), arrivedAt: clock.arrivedAt });
        return event.data === '[DONE]';
      },
      undefined,
      clock,
    );
    expect(seen.map((e) => e.data)).toEqual(['one', 'two', '[DONE]']);
    const [one, two] = seen as [(typeof seen)[0], (typeof seen)[0]];
    // The first event was handled before the server had even written the second.
    expect(one.handledAt).toBeLessThan(secondWrittenAt);
    expect(one.arrivedAt).toBe(clock.wire.chunkAt[0]);
    expect((two.arrivedAt as number) - (one.arrivedAt as number)).toBeGreaterThanOrEqual(70);
    expect(clock.arrivedAt).toBeNull();
  });

  it('reports a connection reset mid-stream as truncated, after the events before it', async () => {
    reply = async (_req, res) => {
      res.writeHead(200, sse);
      res.write('data: one\n\n');
      await sleep(30);
      res.socket?.destroy();
    };
    const target = endpoint();
    const signal = new AbortController().signal;
    const response = await send(target, `${base}/s`, { ...post, signal });
    const seen: string[] = [];
    const error = await rejection(
      readEvents(target, response, (event) => {
        seen.push(event.data);
        return false;
      }),
    );
    expect(seen).toEqual(['one']);
    expect(error.errorClass).toBe('truncated');
    expect(error.details.httpStatus).toBe(200);
  });

  it('reports a stream that ends before its final event as truncated', async () => {
    reply = (_req, res) => {
      res.writeHead(200, sse);
      res.end('data: one\n\n');
    };
    const target = endpoint();
    const signal = new AbortController().signal;
    const response = await send(target, `${base}/s`, { ...post, signal });
    const error = await rejection(readEvents(target, response, () => false));
    expect(error.errorClass).toBe('truncated');
  });

  it('times out a stalled stream and closes its connection', async () => {
    reply = (_req, res) => {
      res.writeHead(200, sse);
      res.write('data: one\n\n'); // then nothing
    };
    const target = endpoint();
    const signal = AbortSignal.timeout(100);
    const response = await send(target, `${base}/s`, { ...post, signal });
    const error = await rejection(readEvents(target, response, () => false));
    expect(error.errorClass).toBe('timeout');
    await eventually(() => clientClosed === 1);
  });

  it('closes the connection when an event handler fails, and throws its error', async () => {
    reply = (_req, res) => {
      res.writeHead(200, sse);
      res.write('data: {oops\n\n'); // and the stream stays open
    };
    const target = endpoint();
    const signal = new AbortController().signal;
    const response = await send(target, `${base}/s`, { ...post, signal });
    const bad = new Error('unparseable event');
    await expect(
      readEvents(target, response, () => {
        throw bad;
      }),
    ).rejects.toBe(bad);
    await eventually(() => clientClosed === 1);
  });

  it('pauses the socket while the reader lags, then reads the whole stream', async () => {
    const event = `data: ${'x'.repeat(1000)}\n\n`;
    const events = 8000; // about 8 MB, far more than the socket buffers hold
    reply = async (_req, res) => {
      res.writeHead(200, sse);
      for (let i = 0; i < events; i++) {
        if (!res.write(event)) await once(res, 'drain');
      }
      res.end('data: [DONE]\n\n');
    };
    const wire = newWireTiming();
    const target = endpoint();
    const signal = new AbortController().signal;
    const response = await send(target, `${base}/s`, { ...post, signal, wire });
    // Not read for a while: the client stops reading the socket near the high-water mark.
    await sleep(300);
    const readWhileLagging = wire.chunkEnds.at(-1) ?? 0;
    expect(readWhileLagging).toBeGreaterThan(0);
    expect(readWhileLagging).toBeLessThan(highWaterMark + 256 * 1024);
    let count = 0;
    await readEvents(target, response, (e) => {
      count++;
      return e.data === '[DONE]';
    });
    expect(count).toBe(events + 1);
    expect(wire.chunkEnds.at(-1)).toBe(events * event.length + 'data: [DONE]\n\n'.length);
  });
});
