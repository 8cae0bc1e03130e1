import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Core } from '@core/host';
import { perCore } from '@core/util/perCore';
import { securityHeaders } from '@core/security/csp';

/** Largest file browser mode accepts for an import (the importers stream it afterwards). */
export const maxUploadBytes = 4 * 1024 ** 3;
/** Uploads older than this are removed when the host starts. */
const staleAfterMs = 24 * 60 * 60 * 1000;

interface Uploads {
  dir: string;
  files: Set<string>;
}

function reply(res: ServerResponse, status: number, body: unknown, close = false) {
  res.writeHead(status, {
    ...securityHeaders,
    'content-type': 'application/json; charset=utf-8',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(JSON.stringify(body));
}

/** Refuses a body without reading it: answer, then drop the connection it is still arriving on. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string) {
  res.once('finish', () => req.destroy());
  reply(res, status, { ok: false, error: { code: 'bad_request', message } }, true);
}

/** A file name safe on every platform, keeping the extension (format detection uses it). */
export function safeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '');
  return cleaned.slice(-120) || 'upload';
}

/**
 * The uploads folder of a core's workspace: stale files are removed on first use, and the
 * files of this session when the core closes (they are inputs to imports, not data to keep).
 */
const uploadsOf = perCore((ctx): Uploads => {
  const dir = join(ctx.workspaceDir, 'uploads');
  mkdirSync(dir, { recursive: true });
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > staleAfterMs) rmSync(path, { force: true, recursive: true });
  }
  const files = new Set<string>();
  ctx.onClose(() => {
    for (const path of files) rmSync(path, { force: true, recursive: true });
  });
  return { dir, files };
});

/**
 * `POST /api/upload` (browser mode only; the caller has passed the token, Host and Origin
 * checks): streams the body to `<workspace>/uploads/<random>/<name>`, never holding it in
 * memory (a folder of its own, not a prefix: the file's name is what an import records as its
 * source and names in its errors), and answers `{ ok, value: { path, name, bytes } }`. Over `maxUploadBytes` → 413
 * and nothing kept.
 */
export async function receiveUpload(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  limit = maxUploadBytes,
): Promise<void> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/octet-stream')) {
    return refuse(req, res, 400, 'content-type must be application/octet-stream');
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    return refuse(req, res, 413, `upload larger than ${limit} bytes`);
  }
  const uploads = uploadsOf(core.context);
  let name = 'upload';
  try {
    name = safeFileName(decodeURIComponent(String(req.headers['x-file-name'] ?? 'upload')));
  } catch {
    // A malformed name is not worth refusing the file for.
  }
  const folder = join(uploads.dir, randomBytes(8).toString('hex'));
  const path = join(folder, name);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > limit ? new Error('too large') : null, chunk);
    },
  });
  uploads.files.add(folder);
  try {
    mkdirSync(folder);
    await pipeline(req, counter, createWriteStream(path, { flags: 'wx' }));
  } catch (error) {
    rmSync(folder, { force: true, recursive: true });
    uploads.files.delete(folder);
    const tooLarge = bytes > limit;
    if (!tooLarge) core.context.logger.warn('upload failed', { error: String(error) });
    if (!res.headersSent) {
      refuse(
        req,
        res,
        tooLarge ? 413 : 400,
        tooLarge ? `upload larger than ${limit} bytes` : 'upload interrupted',
      );
    }
    return;
  }
  reply(res, 200, { ok: true, value: { path, name, bytes } });
}
