import { randomBytes } from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../apiError';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** A lock another process holds, with the file that says so (a refusal names it). */
export interface HeldLock extends LockOwner {
  file: string;
}

/**
 * How long a lock file that cannot be read (empty, cut short) counts as held: a writer of an
 * older build (create, then write) or a file system without hard links may be between the two
 * steps. Older than this, its writer died there and the lock is stale.
 */
export const unreadableLockGraceMs = 5_000;

/**
 * How long the takeover guard (below) may exist before it is taken for a crash's leftover: a
 * takeover holds it for the few microseconds of one re-read and unlink.
 */
const takeoverGuardStaleMs = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** What a lock file says now: its raw text (to tell it from a newer one) and owner, if readable. */
interface LockState {
  raw: string;
  owner: LockOwner | null;
  ageMs: number;
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const owner = JSON.parse(raw) as Partial<LockOwner> | null;
    if (typeof owner?.pid !== 'number' || typeof owner.host !== 'string') return null;
    return { pid: owner.pid, host: owner.host, since: String(owner.since) };
  } catch {
    return null;
  }
}

function readLock(file: string): LockState | null {
  try {
    const ageMs = Date.now() - statSync(file).mtimeMs;
    const raw = readFileSync(file, 'utf8');
    return { raw, owner: parseOwner(raw), ageMs };
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Why a lock file is in the way: held (by whom), or stale and safe to remove. */
type Verdict =
  | { kind: 'held'; owner: LockOwner }
  | { kind: 'elsewhere'; owner: LockOwner }
  | { kind: 'being-written' }
  | { kind: 'stale' };

function verdictOf(state: LockState): Verdict {
  const { owner } = state;
  if (!owner)
    return state.ageMs < unreadableLockGraceMs ? { kind: 'being-written' } : { kind: 'stale' };
  if (owner.host !== hostname()) return { kind: 'elsewhere', owner };
  return owner.pid !== process.pid && isAlive(owner.pid)
    ? { kind: 'held', owner }
    : { kind: 'stale' };
}

/**
 * The process of another host, or another live process of this one, holding the lock `key`
 * (a run id, a dataset id): it is executing the run, deleting the dataset. Null when nobody
 * holds it, this process does, or its owner is gone. A lock file still being written (not yet
 * readable, just created) counts as held by a process whose pid is not known yet (0).
 */
export function liveLockOwner(workspaceDir: string, key: string): HeldLock | null {
  const file = lockFile(workspaceDir, key);
  const state = readLock(file);
  if (!state) return null;
  const verdict = verdictOf(state);
  if (verdict.kind === 'held' || verdict.kind === 'elsewhere') return { ...verdict.owner, file };
  if (verdict.kind === 'being-written')
    return {
      pid: 0,
      host: hostname(),
      since: new Date(Date.now() - state.ageMs).toISOString(),
      file,
    };
  return null;
}

/** "3 min", "2 h": how long ago `since` was. */
function ageText(since: string, now = Date.now()): string {
  const ms = now - Date.parse(since);
  if (!Number.isFinite(ms)) return 'an unknown time';
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return 'under a minute';
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

/**
 * "(pid 4242 on build-7, since 2026-…)": the process a refusal names. A lock of another host
 * cannot be checked from here (its pid means nothing on this machine), so the text also says
 * how old it is and the exact file to remove once that machine is done with it.
 */
export function lockHolderText(held: HeldLock): string {
  if (held.pid === 0) return `(a process on ${held.host} taking the lock right now)`;
  const who = `pid ${held.pid} on ${held.host}, since ${held.since}`;
  if (held.host === hostname()) return `(${who})`;
  return (
    `(${who}, ${ageText(held.since)} ago; this machine cannot tell whether it still runs: ` +
    `if ${held.host} is done with it, delete the lock file ${held.file})`
  );
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

function lockFile(workspaceDir: string, key: string): string {
  return join(workspaceDir, 'locks', `${key}.lock`);
}

/** A name beside `file` that no other process or attempt uses. */
const uniqueBeside = (file: string) =>
  `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

/**
 * Creates `file` holding `text` only if it does not exist, and atomically: the text is written
 * to a temp file first and hard-linked to the name (EEXIST: taken), so no reader ever sees the
 * file empty or half written. Where hard links are not supported, falls back to an exclusive
 * create then write (readers give such a file `unreadableLockGraceMs` to be completed).
 */
function createExclusively(file: string, text: string): boolean {
  const temp = uniqueBeside(file);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV')
      throw error;
    return createByOpen(file, text);
  } finally {
    unlinkQuietly(temp);
  }
}

function createByOpen(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function unlinkQuietly(file: string) {
  try {
    unlinkSync(file);
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') throw error;
  }
}

/**
 * Removes a stale lock file — but only the one judged stale (`judged`, its text then): two
 * processes that both found it stale must not have the slower one delete the lock the faster
 * one has meanwhile created. Removals therefore happen under a guard file (`<lock>.takeover`,
 * created exclusively), re-reading the lock under it. Another takeover under way: nothing is
 * removed here, and the caller tries again.
 */
function removeStale(file: string, judged: string): 'removed' | 'busy' {
  const guard = `${file}.takeover`;
  if (!createExclusively(guard, JSON.stringify({ pid: process.pid, host: hostname() }))) {
    // A guard outlives its takeover only if that process died within those microseconds.
    const guardState = readLock(guard);
    if (guardState && guardState.ageMs > takeoverGuardStaleMs) unlinkQuietly(guard);
    return 'busy';
  }
  try {
    if (readLock(file)?.raw === judged) unlinkSync(file);
    return 'removed';
  } finally {
    unlinkQuietly(guard);
  }
}

/** Blocks this thread for `ms` (acquiring is synchronous; a takeover elsewhere takes microseconds). */
function pause(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * One process works on a thing at a time (the CLI and the app may share a workspace): a lock
 * file per thing holding the owner's pid, created atomically (`createExclusively`). A lock whose
 * process is gone (killed, crashed) is stale and taken over, which is what lets `resume`
 * continue, and an interrupted deletion be finished, after kill -9. A lock of another host is
 * never taken over: the refusal says how old it is and which file to remove. Returns the
 * release; it removes the file only while it is still this holder's.
 */
export function acquireLock(workspaceDir: string, subject: LockSubject): () => void {
  const { key, label, activity } = subject;
  mkdirSync(join(workspaceDir, 'locks'), { recursive: true });
  const file = lockFile(workspaceDir, key);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const text = JSON.stringify(me);
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusively(file, text))
      return () => {
        if (readLock(file)?.raw === text) unlinkQuietly(file);
      };
    const state = readLock(file);
    if (!state) continue; // released meanwhile: try again
    const verdict = verdictOf(state);
    if (verdict.kind === 'held')
      throw new ApiError(
        'conflict',
        `${label} is ${activity} by another process (pid ${verdict.owner.pid}, since ${verdict.owner.since})`,
      );
    if (verdict.kind === 'elsewhere')
      throw new ApiError(
        'conflict',
        `${label} is locked by another machine ${lockHolderText({ ...verdict.owner, file })}`,
      );
    if (verdict.kind === 'being-written')
      throw new ApiError(
        'conflict',
        `${label} is being locked by another process right now (${file} is being written): try again in a few seconds`,
      );
    if (removeStale(file, state.raw) === 'busy') pause(2);
  }
  throw new ApiError(
    'conflict',
    `could not lock ${label}: other processes keep taking ${file}; try again`,
  );
}

/** One process executes a run at a time; see `acquireLock`. */
export function acquireRunLock(workspaceDir: string, runId: string): () => void {
  return acquireLock(workspaceDir, {
    key: runId,
    label: `run ${runId}`,
    activity: 'being executed',
  });
}
