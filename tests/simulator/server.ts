/**
 * The provider simulator's HTTP server: reads each request, logs it, and hands it to the
 * routes (wire formats, latency, faults, responders). Admin endpoints under `/__sim/` read the
 * log and change the configuration at run time; they are not logged.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { Exchange } from './exchange';
import { headerValue } from './formats/common';
import { routeOf, serveRequest } from './routes';
import { SimState } from './state';
import type { SimLogEntry, Simulator, SimulatorOptions } from './types';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { port = 0, host = '127.0.0.1', ...initial } = options;
  const state = new SimState(initial);

  const server = createServer((req, res) => {
    const startedAt = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body =
        chunks.length === 1 ? (chunks[0] as Buffer).toString() : Buffer.concat(chunks).toString();
      if (path.startsWith('/__sim/')) return handleAdmin(state, req, res, path, query, body);
      const entry: SimLogEntry = {
        seq: ++state.seq,
        receivedAt: Date.now(),
        route: 'not_found',
        method: req.method ?? 'GET',
        path,
        tag: headerValue(req.headers, 'x-yardstick-cell'),
        model: null,
        stream: false,
        status: null,
        fault: 'ok',
        latencyMs: null,
        startedAtEpoch: performance.timeOrigin + startedAt,
        finishedAtEpoch: null,
        clientAborted: false,
      };
      state.record(entry);
      const ex = new Exchange(req, res, entry, startedAt, state.active);
      serveRequest(state, ex, routeOf(entry.method, path, req), path, query, body);
    });
  });
  // Longer than clients' keep-alive, so a client never reuses a socket the server just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    log: () => state.entries.slice(),
    clearLog: () => state.clearLog(),
    setConfig: (patch) => state.setConfig(patch),
    config: () => state.config,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ex of state.active) ex.cancelTimer();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
