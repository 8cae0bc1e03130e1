import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupResult } from '@contract/routes/workspaceCare';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import { ensureFolder } from './folder';
import { workspaceFiles } from './paths';

export interface BackupProgress {
  pagesDone: number;
  pagesTotal: number;
  elapsedMs: number;
  /** From the rate so far; null until a first step is done. */
  etaMs: number | null;
  /** Times SQLite started over because another process wrote to the workspace meanwhile. */
  restarts: number;
}

export interface BackupOptions {
  /** Destination; default `defaultBackupFile`. */
  file?: string | null;
  overwrite?: boolean;
  signal?: AbortSignal | null;
  onProgress?: ((progress: BackupProgress) => void) | null;
  /** Pages copied per step (between two steps the event loop turns: runs keep writing). */
  pagesPerStep?: number | null;
  /** Told the temporary file's name, for a caller that must remove it on a hard exit. */
  onPartialFile?: ((file: string) => void) | null;
}

/** Thrown when the signal aborted a backup: nothing was left behind. */
export class BackupCancelledError extends Error {
  override name = 'BackupCancelledError';
  constructor() {
    super('backup cancelled: no file was written');
  }
}

/** 4 MB at the default page size: a few milliseconds per step. */
const defaultPagesPerStep = 1024;
/**
 * After this many restarts (another process writing between steps: the app while the CLI
 * backs up) the rest is copied in one step, which holds a read snapshot and cannot restart.
 */
const restartsBeforeOneStep = 3;
const allPages = 0x7fffffff;
const sidecars = ['-journal', '-wal', '-shm'];

const two = (n: number) => String(n).padStart(2, '0');

/** `<workspace>/backups/yardstick-YYYYMMDD-HHMMSS.sqlite` in local time. */
export function defaultBackupFile(workspaceDir: string, now: Date = new Date()): string {
  const date = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}`;
  const time = `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
  return join(workspaceDir, 'backups', `yardstick-${date}-${time}.sqlite`);
}

function sealedFileKeyCount(file: string): number {
  if (!existsSync(file)) return 0;
  try {
    // Only the names are counted; the values are ciphertext whose key is elsewhere anyway.
    return Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).length;
  } catch {
    return 0;
  }
}

/** Where this workspace's stored API keys are, for what a restore of a copy needs. */
export function backupKeys(ctx: CoreContext): BackupResult['keys'] {
  const sealedFile = workspaceFiles(ctx.workspaceDir).sealedSecrets;
  return {
    sealedInDatabase: ctx.repos.secrets.names().length,
    inSealedFile: sealedFileKeyCount(sealedFile),
    sealedFile,
  };
}

function isSameFile(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

/**
 * Checks a destination before any work: its folder exists (the default `backups` folder is
 * created), it is not the workspace's own database, and nothing is there unless `overwrite`.
 */
export function checkedBackupTarget(
  ctx: CoreContext,
  file: string | null | undefined,
  overwrite: boolean,
): string {
  const target = resolve(file ?? defaultBackupFile(ctx.workspaceDir));
  const folder = dirname(target);
  const fail = (code: 'bad_request' | 'conflict', message: string, why: string) =>
    new ApiError(code, message, [{ path: 'file', message: why }]);
  if (isSameFile(folder, join(ctx.workspaceDir, 'backups'))) ensureFolder(folder);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw fail('bad_request', `the folder ${folder} does not exist`, 'no such folder');
  const live = [ctx.databaseFile, ...sidecars.map((s) => ctx.databaseFile + s)];
  if (live.some((f) => isSameFile(f, target)))
    throw fail(
      'bad_request',
      `${target} is the workspace's own database: choose another file`,
      'is the live database',
    );
  if (existsSync(target)) {
    if (statSync(target).isDirectory())
      throw fail('bad_request', `${target} is a folder: give a file name`, 'is a folder');
    if (!overwrite)
      throw fail(
        'conflict',
        `${basename(target)} already exists in ${folder} (allow overwriting to replace it)`,
        'already exists',
      );
  }
  return target;
}

/** Removes a partial copy and whatever SQLite kept beside it. */
export function removeWithSidecars(file: string) {
  for (const f of [file, ...sidecars.map((s) => file + s)]) rmSync(f, { force: true });
}

/** Makes the rename itself durable (POSIX); Windows cannot open a folder, and needs none. */
function syncFolder(folder: string) {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the file's own contents were synced by SQLite before this.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Moves the finished copy to its name. Without `overwrite`, a hard link publishes it only if
 * nothing appeared there meanwhile (atomic no-clobber); file systems without links fall back
 * to a check and a rename.
 */
function publish(temp: string, target: string, overwrite: boolean) {
  if (overwrite) {
    // A stale -wal beside an old copy would be replayed into the new one.
    for (const s of sidecars) rmSync(target + s, { force: true });
    renameSync(temp, target);
    return;
  }
  const conflict = () =>
    new ApiError('conflict', `${basename(target)} appeared while the backup ran: nothing replaced`);
  try {
    linkSync(temp, target);
    unlinkSync(temp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw conflict();
    if (existsSync(target)) throw conflict();
    renameSync(temp, target);
  }
}

/** The copy as one self-contained file (no -wal beside it), checked to hold every page. */
function seal(temp: string, expectedPages: number, nativeBinding: string | undefined) {
  const copy = new Database(temp, nativeBinding ? { nativeBinding } : {});
  try {
    copy.pragma('journal_mode = DELETE');
    const pages = Number(copy.pragma('page_count', { simple: true }));
    if (pages !== expectedPages)
      throw new Error(`the copy holds ${pages} pages, the workspace ${expectedPages}`);
  } finally {
    copy.close();
  }
}

/**
 * An online, consistent copy of the workspace database with SQLite's backup API, while runs
 * may be writing: writes through this connection (the core's single writer) are carried into
 * the copy as they happen; a write by another process restarts it. The copy is written under
 * a temporary `.partial-…` name beside the destination and renamed only when complete, so a
 * cancelled or failed backup leaves nothing, and never a file that looks whole.
 */
export async function backupWorkspace(
  ctx: CoreContext,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const overwrite = options.overwrite ?? false;
  const target = checkedBackupTarget(ctx, options.file, overwrite);
  const temp = `${target}.partial-${randomBytes(4).toString('hex')}`;
  const started = performance.now();
  const signal = options.signal ?? null;
  let restarts = 0;
  let lastRemaining = Number.POSITIVE_INFINITY;
  let pages = 0;
  const pagesPerStep = Math.max(1, Math.floor(options.pagesPerStep ?? defaultPagesPerStep));
  try {
    if (signal?.aborted) throw new BackupCancelledError();
    options.onPartialFile?.(temp);
    await ctx.db.raw.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        if (signal?.aborted) throw new BackupCancelledError();
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        const pagesDone = totalPages - remainingPages;
        const elapsedMs = performance.now() - started;
        options.onProgress?.({
          pagesDone,
          pagesTotal: totalPages,
          elapsedMs,
          etaMs: pagesDone > 0 ? (elapsedMs / pagesDone) * remainingPages : null,
          restarts,
        });
        return restarts >= restartsBeforeOneStep ? allPages : pagesPerStep;
      },
    });
    // Read before the event loop turns again: no write can have come between.
    pages = Number(ctx.db.raw.pragma('page_count', { simple: true }));
    if (signal?.aborted) throw new BackupCancelledError();
    seal(temp, pages, ctx.db.openOptions.nativeBinding);
    publish(temp, target, overwrite);
    syncFolder(dirname(target));
  } catch (error) {
    removeWithSidecars(temp);
    throw error;
  }
  const elapsedMs = performance.now() - started;
  options.onProgress?.({ pagesDone: pages, pagesTotal: pages, elapsedMs, etaMs: 0, restarts });
  return {
    file: target,
    bytes: statSync(target).size,
    pages,
    elapsedMs,
    keys: backupKeys(ctx),
  };
}
