/** `/__sim/*`: the request log, the configuration and the simulator's own cost (not logged). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isObject } from './formats/common';
import type { SimState } from './state';

export function handleAdmin(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: string,
  body: string,
): void {
  const send = (status: number, value: unknown) => {
    const text = JSON.stringify(value);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const key = `${req.method ?? ''} ${path}`;
  switch (key) {
    case 'GET /__sim/log': {
      const since = Number(/(?:^|&)since=(\d+)/.exec(query)?.[1] ?? 0);
      const entries = since > 0 ? state.entries.filter((e) => e.seq > since) : state.entries;
      return send(200, { entries });
    }
    case 'DELETE /__sim/log':
      state.clearLog();
      return send(200, { cleared: true });
    case 'GET /__sim/config':
      return send(200, state.config);
    case 'POST /__sim/config': {
      let patch: unknown;
      try {
        patch = JSON.parse(body || '{}');
      } catch (error) {
        return send(400, { error: `invalid JSON: ${String(error)}` });
      }
      if (!isObject(patch)) return send(400, { error: 'the body must be a JSON object' });
      state.setConfig(patch);
      return send(200, state.config);
    }
    case 'GET /__sim/stats': {
      // The simulator's own CPU cost, so a benchmark can tell its overhead from the client's.
      const cpu = process.cpuUsage();
      return send(200, {
        requests: state.seq,
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        rssBytes: process.memoryUsage.rss(),
      });
    }
    default:
      return send(404, { error: `unknown admin endpoint ${key}` });
  }
}
