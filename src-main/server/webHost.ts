import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { httpStatusOf, type Result } from '@contract/index';
import type { Core } from '@core/host';
import { securityHeaders } from '@core/security/csp';
import { checkHost, checkOrigin, checkToken, isLoopbackHost, type GuardConfig } from './guards';
import { serveStatic } from './staticFiles';
import { receiveUpload } from './uploads';

export interface WebHostOptions {
  core: Core;
  /** Built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Required to bind anything but loopback. */
  allowRemote?: boolean;
  token?: string;
  /**
   * How often each event socket is pinged and sent a heartbeat message (default
   * `heartbeatDefaults.intervalMs`); tests use short ones.
   */
  heartbeatMs?: number;
}

export const heartbeatDefaults = {
  /** A client that has not answered the previous ping by the next one is terminated. */
  intervalMs: 15_000,
} as const;

/**
 * The application-level beat the page watches (browsers answer protocol pings without telling
 * the page). It carries the interval, so the page sizes its silence window to this server.
 */
export function heartbeatMessage(intervalMs: number): string {
  return JSON.stringify({ event: 'heartbeat', payload: { intervalMs } });
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const maxBodyBytes = 16 * 1024 * 1024;

export class RemoteBindRefused extends Error {
  override name = 'RemoteBindRefused';
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { ...securityHeaders, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function failure(res: ServerResponse, status: number, code: string, message: string) {
  sendJson(res, status, { ok: false, error: { code, message } });
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses `{ route, input }`; anything else is a malformed command. */
function parseCommand(body: string): { route: string; input: unknown } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { route, input } = parsed as { route?: unknown; input?: unknown };
  return typeof route === 'string' ? { route, input } : null;
}

/**
 * Both directions of liveness on the event sockets, on one timer: the standard `ws` ping/pong
 * (a client that missed the previous pong is dead — a closed laptop lid, a dropped network path —
 * and is terminated, so the set does not keep one socket per tab forever), plus a heartbeat
 * message the page can see. Every new socket gets one at once, so the page learns the interval.
 */
function startHeartbeat(sockets: WebSocketServer, intervalMs: number) {
  const awaitingPong = new WeakSet<WebSocket>();
  const beat = heartbeatMessage(intervalMs);
  const onConnection = (ws: WebSocket) => {
    ws.on('pong', () => awaitingPong.delete(ws));
    ws.send(beat);
  };
  sockets.on('connection', onConnection);
  const timer = setInterval(() => {
    sockets.clients.forEach((ws: WebSocket) => {
      if (awaitingPong.has(ws)) {
        ws.terminate();
        return;
      }
      if (ws.readyState !== ws.OPEN) return;
      awaitingPong.add(ws);
      ws.ping();
      ws.send(beat);
    });
  }, intervalMs);
  // The HTTP server keeps the process alive; the beat alone should not.
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sockets.off('connection', onConnection);
    },
  };
}

/**
 * Browser mode: serves the built renderer and the same API contract the desktop app uses
 * (POST /api/invoke, WebSocket /api/events) on loopback, behind a per-launch token and
 * Host/Origin checks.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !options.allowRemote) {
    throw new RemoteBindRefused(
      `refusing to listen on ${host}: browser mode binds loopback only unless --allow-remote is given`,
    );
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const guard: GuardConfig = { port: 0, token, allowRemote: options.allowRemote ?? false };
  const { core } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const hostFailure = checkHost(req, guard) ?? checkOrigin(req);
    if (hostFailure) return failure(res, hostFailure.status, 'forbidden', hostFailure.message);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return failure(res, 405, 'bad_request', 'method not allowed');
      return serveStatic(options.staticDir, url.pathname, res, securityHeaders);
    }
    const tokenFailure = checkToken(req, guard, url);
    if (tokenFailure)
      return failure(res, tokenFailure.status, 'unauthorized', tokenFailure.message);
    // The page's connection check: reachable with a good token answers 204; a server restarted
    // with a new token answers 401 (the event socket's refusal is invisible to a browser).
    if (url.pathname === '/api/ping' && req.method === 'GET') {
      res.writeHead(204, securityHeaders);
      return res.end();
    }
    // Datasets: a file picked in the browser, streamed into the workspace for an import.
    if (url.pathname === '/api/upload' && req.method === 'POST') {
      return receiveUpload(core, req, res);
    }
    if (url.pathname !== '/api/invoke' || req.method !== 'POST') {
      return failure(res, 404, 'not_found', `no API at ${req.method ?? ''} ${url.pathname}`);
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return failure(res, 400, 'bad_request', 'content-type must be application/json');
    }
    const body = await readBody(req);
    if (body === null) return failure(res, 413, 'bad_request', 'request body too large');
    const command = parseCommand(body);
    if (!command)
      return failure(res, 400, 'bad_request', 'malformed command: expected {"route", "input"}');
    const result: Result<unknown> = await core.dispatch(command.route, command.input);
    sendJson(res, result.ok ? 200 : httpStatusOf(result.error.code), result);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      core.context.logger.error('web host request failed', { error: String(error) });
      if (!res.headersSent) failure(res, 500, 'internal', 'internal error');
      else res.end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const refused =
      checkHost(req, guard) ??
      checkOrigin(req) ??
      checkToken(req, guard, url) ??
      (url.pathname === '/api/events' ? null : { status: 404, message: 'not found' });
    if (refused) {
      socket.end(`HTTP/1.1 ${refused.status} ${refused.message}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  const heartbeat = startHeartbeat(sockets, options.heartbeatMs ?? heartbeatDefaults.intervalMs);
  const unsubscribe = core.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    sockets.clients.forEach((client: WebSocket) => {
      if (client.readyState === client.OPEN) client.send(message);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  const displayHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${displayHost}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      heartbeat.stop();
      sockets.clients.forEach((client) => client.terminate());
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
