import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host);
}

export interface GuardConfig {
  port: number;
  token: string;
  /** Set only when the user explicitly allowed a non-loopback bind. */
  allowRemote: boolean;
}

export type GuardFailure = { status: 401 | 403; message: string };

/** The Host header must name this server on loopback (blocks DNS rebinding). */
export function checkHost(req: IncomingMessage, config: GuardConfig): GuardFailure | null {
  const host = req.headers.host;
  if (!host) return { status: 403, message: 'missing Host header' };
  if (config.allowRemote) return null;
  const allowed = [...loopbackHosts].map((h) => `${h}:${config.port}`);
  return allowed.includes(host) ? null : { status: 403, message: `foreign Host "${host}"` };
}

/** A browser's Origin, when sent, must be this server's own origin. */
export function checkOrigin(req: IncomingMessage): GuardFailure | null {
  const origin = req.headers.origin;
  if (origin === undefined) {
    const site = req.headers['sec-fetch-site'];
    return site === 'cross-site' ? { status: 403, message: 'cross-site request' } : null;
  }
  if (origin === `http://${req.headers.host ?? ''}`) return null;
  return { status: 403, message: `foreign Origin "${origin}"` };
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** API calls carry `Authorization: Bearer <token>`; the event socket carries `?token=`. */
export function checkToken(
  req: IncomingMessage,
  config: GuardConfig,
  url: URL,
): GuardFailure | null {
  const header = req.headers.authorization;
  const given = header?.startsWith('Bearer ')
    ? header.slice('Bearer '.length)
    : url.searchParams.get('token');
  if (!given) return { status: 401, message: 'missing token' };
  return tokensEqual(given, config.token) ? null : { status: 401, message: 'wrong token' };
}
