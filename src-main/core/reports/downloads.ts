/**
 * Exports kept for the window to download (browser mode has no file system of its own): files
 * in a private temporary folder of this core, handed out in base64 chunks and deleted once
 * the last chunk was read, or when the core closes.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, notFound } from '../apiError';
import { perCore } from '../util/perCore';

/** Big enough to move a large export in few round trips, small enough for one JSON message. */
export const downloadChunkBytes = 4 * 1024 * 1024;

interface Entry {
  file: string;
  fileName: string;
  mimeType: string;
  isReady: boolean;
}

export class Downloads {
  private dir: string | null = null;
  private readonly entries = new Map<string, Entry>();

  /** Reserves a file for an export; `markReady` once it is complete. */
  reserve(fileName: string, mimeType: string): { id: string; file: string } {
    this.dir ??= mkdtempSync(join(tmpdir(), 'yardstick-exports-'));
    // Not stored, so not a workspace id; unguessable, as it hands out a file.
    const id = `dl_${randomUUID()}`;
    const file = join(this.dir, `${id}.part`);
    this.entries.set(id, { file, fileName, mimeType, isReady: false });
    return { id, file };
  }

  markReady(id: string): void {
    const entry = this.entries.get(id);
    if (entry) entry.isReady = true;
  }

  discard(id: string): void {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    if (entry) rmSync(entry.file, { force: true });
  }

  chunk(id: string, offset: number) {
    const entry = this.entries.get(id);
    if (!entry) throw notFound('download', id);
    if (!entry.isReady) throw new ApiError('conflict', `download ${id} is not finished yet`);
    const size = statSync(entry.file).size;
    if (offset > size)
      throw new ApiError('bad_request', `offset ${offset} is past the end (${size} bytes)`);
    const length = Math.min(downloadChunkBytes, size - offset);
    const buffer = Buffer.alloc(length);
    const fd = openSync(entry.file, 'r');
    try {
      readSync(fd, buffer, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    const next = offset + length;
    if (next >= size) this.discard(id);
    return {
      fileName: entry.fileName,
      mimeType: entry.mimeType,
      size,
      base64: buffer.toString('base64'),
      nextOffset: next >= size ? null : next,
    };
  }

  close(): void {
    this.entries.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

/** The downloads of a core, created on first use and removed from disk when it closes. */
export const downloads = perCore((ctx): Downloads => {
  const service = new Downloads();
  ctx.onClose(() => service.close());
  return service;
});
