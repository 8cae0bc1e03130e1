/**
 * The lock a dataset's deletion holds while it runs: runLock's lock file, named after the
 * dataset id, so that another process sharing the workspace (the CLI beside the app) neither
 * lists the deletion as interrupted nor deletes the dataset at the same time. A dead process's
 * lock is stale and taken over, so a deletion killed part way can still be finished.
 *
 * Within one process, deletions of two versions of a dataset may overlap (each is its own
 * job): they share the one lock file, counted, and the last of them to end removes it.
 */
import { acquireLock, liveLockOwner, lockHolderText, type HeldLock } from '../../runner/runLock';

const held = new Map<string, { holders: number; release: () => void }>();

/**
 * Takes the dataset's deletion lock (throws a conflict naming the process when another live
 * one holds it) and returns its release, which is safe to call more than once.
 */
export function lockDatasetRemoval(
  workspaceDir: string,
  dataset: { id: string; name: string },
): () => void {
  const datasetId = dataset.id;
  // The other process may be deleting another version of it: the refusal names the dataset.
  const label = `(part of) dataset "${dataset.name}"`;
  const key = `${workspaceDir}\0${datasetId}`;
  const mine = held.get(key);
  if (mine) mine.holders++;
  else
    held.set(key, {
      holders: 1,
      release: acquireLock(workspaceDir, { key: datasetId, label, activity: 'being deleted' }),
    });
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const entry = held.get(key);
    if (!entry || --entry.holders > 0) return;
    held.delete(key);
    entry.release();
  };
}

/** Another live process (or another host) deleting from the dataset now; null when none. */
export function datasetRemovalOwner(workspaceDir: string, datasetId: string): HeldLock | null {
  return liveLockOwner(workspaceDir, datasetId);
}

/** "(pid 4242 on build-7, since 2026-…)": the process a refusal names (see `lockHolderText`). */
export function ownerText(owner: HeldLock): string {
  return lockHolderText(owner);
}
