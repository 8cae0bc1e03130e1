import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The workspace folder could not be created; `reason` says why, naming the folder at fault. */
export class WorkspaceFolderError extends Error {
  override name = 'WorkspaceFolderError';
  constructor(
    readonly folder: string,
    readonly reason: string,
    /** The folder itself exists but is a file (as opposed to a folder above it or a refused mkdir). */
    readonly isFile = false,
  ) {
    super(`cannot create the workspace folder ${folder}: ${reason}`);
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

/**
 * `mkdir -p` for the workspace folder, one level at a time from the nearest existing folder.
 * Node's `mkdirSync(dir, { recursive: true })` never returns for a path under /proc (mkdir
 * there fails with ENOENT although the parent exists, and Node retries the parent forever);
 * a plain mkdir per level fails at once, and the error names the folder that refused.
 */
export function ensureWorkspaceFolder(dir: string): void {
  const target = resolve(dir);
  const missing: string[] = [];
  let at = target;
  for (;;) {
    let stat: Stats | undefined;
    try {
      stat = statOf(at);
    } catch (error) {
      throw new WorkspaceFolderError(target, (error as Error).message);
    }
    if (stat) {
      if (stat.isDirectory()) break;
      throw new WorkspaceFolderError(target, `${at} is a file, not a folder`, at === target);
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      // Another process (a second CLI, the app) may create the same folder at the same moment.
      if (failure.code === 'EEXIST' && statOf(folder)?.isDirectory()) continue;
      throw new WorkspaceFolderError(target, whyMkdirFailed(failure, dirname(folder)));
    }
  }
}
