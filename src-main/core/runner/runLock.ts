import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../apiError';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

/**
 * The process of another host, or another live process of this one, holding the lock `key`
 * (a run id, a dataset id): it is executing the run, deleting the dataset. Null when nobody
 * holds it, this process does, or its owner is gone.
 */
export function liveLockOwner(workspaceDir: string, key: string): LockOwner | null {
  const owner = readOwner(join(workspaceDir, 'locks', `${key}.lock`));
  if (!owner) return null;
  if (owner.host !== hostname()) return owner;
  return owner.pid !== process.pid && isAlive(owner.pid) ? owner : null;
}

/** What a lock guards: its file name and how a refusal names it. */
export interface LockSubject {
  /** The id the lock file is named after (`<workspace>/locks/<key>.lock`): ids carry their kind. */
  key: string;
  /** "run run_01…", "dataset \"faq\"". */
  label: string;
  /** What its owner is doing with it: "being executed", "being deleted". */
  activity: string;
}

/**
 * One process works on a thing at a time (the CLI and the app may share a workspace): a lock
 * file per thing holding the owner's pid, created exclusively. A lock whose process is gone
 * (killed, crashed) is stale and taken over, which is what lets `resume` continue, and an
 * interrupted deletion be finished, after kill -9. Returns the release; it removes the file
 * only while it is still this holder's.
 */
export function acquireLock(workspaceDir: string, subject: LockSubject): () => void {
  const { key, label, activity } = subject;
  const dir = join(workspaceDir, 'locks');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${key}.lock`);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        const owner = readOwner(file);
        if (owner?.pid === me.pid && owner.since === me.since) unlinkSync(file);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner && owner.host === me.host && owner.pid !== process.pid && isAlive(owner.pid))
        throw new ApiError(
          'conflict',
          `${label} is ${activity} by another process (pid ${owner.pid}, since ${owner.since})`,
        );
      if (owner && owner.host !== me.host)
        throw new ApiError(
          'conflict',
          `${label} is locked by ${owner.host} (pid ${owner.pid}); delete ${file} if that machine is done with it`,
        );
      unlinkSync(file);
    }
  }
  throw new ApiError('conflict', `could not lock ${label}`);
}

/** One process executes a run at a time; see `acquireLock`. */
export function acquireRunLock(workspaceDir: string, runId: string): () => void {
  return acquireLock(workspaceDir, {
    key: runId,
    label: `run ${runId}`,
    activity: 'being executed',
  });
}
