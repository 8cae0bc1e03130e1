import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A folder could not be created; `reason` says why, naming the folder at fault. */
export class FolderError extends Error {
  override name = 'FolderError';
  constructor(
    readonly folder: string,
    readonly reason: string,
    /** The folder itself exists but is a file (as opposed to a folder above it or a refused mkdir). */
    readonly isFile = false,
    /** What the folder is for, in the message: "workspace folder", "key folder". */
    what = 'folder',
  ) {
    super(`cannot create the ${what} ${folder}: ${reason}`);
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a path below a file; the walk up finds and names that file.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function whyMkdirFailed(error: NodeJS.ErrnoException, parent: string): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return `no permission to create a folder in ${parent}`;
    case 'EROFS':
      return `${parent} is on a read-only file system`;
    case 'ENOSPC':
      return `no space left on the device of ${parent}`;
    case 'ENOENT':
      // The parent exists (it was just checked): a virtual file system such as /proc.
      return `${parent} does not accept new folders`;
    default:
      return error.message;
  }
}

/** `ensureFolder` for the workspace folder (its errors say "workspace folder"). */
export function ensureWorkspaceFolder(dir: string): void {
  ensureFolder(dir, { what: 'workspace folder' });
}

/**
 * `mkdir -p`, one level at a time from the nearest existing folder; created levels get `mode`.
 * Node's `mkdirSync(dir, { recursive: true })` never returns for a path under /proc (mkdir
 * there fails with ENOENT although the parent exists, and Node retries the parent forever);
 * a plain mkdir per level fails at once, and the error names the folder that refused.
 */
export function ensureFolder(dir: string, options: { mode?: number; what?: string } = {}): void {
  const target = resolve(dir);
  const fail = (reason: string, isFile = false) =>
    new FolderError(target, reason, isFile, options.what);
  const missing: string[] = [];
  let at = target;
  for (;;) {
    let stat: Stats | undefined;
    try {
      stat = statOf(at);
    } catch (error) {
      throw fail((error as Error).message);
    }
    if (stat) {
      if (stat.isDirectory()) break;
      throw fail(`${at} is a file, not a folder`, at === target);
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, options.mode === undefined ? undefined : { mode: options.mode });
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      // Another process (a second CLI, the app) may create the same folder at the same moment.
      if (failure.code === 'EEXIST' && statOf(folder)?.isDirectory()) continue;
      throw fail(whyMkdirFailed(failure, dirname(folder)));
    }
  }
}
