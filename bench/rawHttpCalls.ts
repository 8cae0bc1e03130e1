/**
 * The least a client can do to call the simulator: HTTP/1.1 written by hand on keep-alive
 * `net` sockets, one request at a time per socket, a reply read by its Content-Length, no
 * parsing of the JSON. Used by the engine benchmark's [floor] workload only (never by the
 * product, which needs a real HTTP client: redirects, chunked bodies, streams, TLS, errors).
 *
 * What it measures is what this machine and the simulator leave for any client: the latency
 * a caller doing almost nothing sees beyond the simulator's own. The engine's client − server
 * figure is then read against it.
 */
import { connect, type Socket } from 'node:net';

export interface RawCallTimes {
  /** Epoch ms (timeOrigin + performance.now()) when the request was written to its socket. */
  sent: number;
  /** Epoch ms when the reply's last byte was read. */
  read: number;
  /** The call's position in sending order (the first `concurrency` each open a connection). */
  index: number;
}

export interface RawCallsOptions {
  port: number;
  path: string;
  /** The request body (JSON), the same for every call. */
  body: string;
  n: number;
  concurrency: number;
  /** Header carrying each call's tag, so the simulator's log entries can be matched. */
  tagHeader: string;
}

const headerEnd = Buffer.from('\r\n\r\n');

/** Content-Length of a reply head; the simulator always sends one for non-streamed replies. */
function contentLength(head: string): number {
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (!match) throw new Error(`reply without content-length: ${head.slice(0, 80)}`);
  return Number(match[1]);
}

/** Sends `n` tagged calls (tags `f0`, `f1`, …) over `concurrency` sockets; times by tag. */
export async function rawHttpCalls(options: RawCallsOptions): Promise<Map<string, RawCallTimes>> {
  const { port, path, body, n, concurrency, tagHeader } = options;
  const bodyLength = Buffer.byteLength(body);
  const times = new Map<string, RawCallTimes>();
  let next = 0;
  let done = 0;

  await new Promise<void>((resolve, reject) => {
    const drive = (socket: Socket) => {
      let pending: { tag: string; index: number; sent: number } | null = null;
      let buffered: Buffer = Buffer.alloc(0);
      const sendNext = () => {
        if (next >= n) {
          socket.end();
          return;
        }
        const index = next++;
        const tag = `f${index}`;
        const head =
          `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
          `${tagHeader}: ${tag}\r\ncontent-length: ${bodyLength}\r\n\r\n`;
        pending = { tag, index, sent: performance.timeOrigin + performance.now() };
        socket.write(head + body);
      };
      socket.setNoDelay(true);
      socket.once('connect', sendNext);
      socket.on('data', (chunk: Buffer) => {
        const read = performance.timeOrigin + performance.now();
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf(headerEnd);
        if (end < 0 || !pending) return;
        const total = end + headerEnd.length + contentLength(buffered.toString('latin1', 0, end));
        if (buffered.length < total) return;
        times.set(pending.tag, { sent: pending.sent, read, index: pending.index });
        buffered = buffered.subarray(total);
        pending = null;
        if (++done === n) resolve();
        else sendNext();
      });
      socket.once('error', reject);
    };
    for (let i = 0; i < Math.min(concurrency, n); i++) drive(connect(port, '127.0.0.1'));
  });
  return times;
}
