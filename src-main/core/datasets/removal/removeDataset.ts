/**
 * Deleting a dataset or one version. A run's evidence stays: the deletion is refused while any
 * run used what would go, while a labeling session has tasks on its items, while another
 * version derives from it (its lineage would point at nothing) and while a job reads or writes
 * it. Suites naming it are not refused but listed. `previewDatasetRemoval` is the same check
 * and counts without changing anything.
 *
 * Measured on a real import of 1,000,000 JSON Lines items (1.9 M tags): deleting the version
 * in one transaction held the core for 11.3 s; 500 items per transaction took about 6 ms. So a
 * small deletion (up to `oneTransactionItems`) is one transaction, and a larger one follows
 * runRemoval: one short transaction marks the versions (hidden from every reader from then
 * on), a job deletes the items in batches of a few milliseconds, yielding between them, and
 * the versions (and dataset) go last. A crash or a cancel part way leaves them marked and
 * hidden: `interruptedDatasetRemovals` lists them (the datasets list shows "Deletion
 * interrupted"), `finishDatasetRemoval` finishes one, and `finishInterruptedDatasetRemovals`
 * finishes all of them when the workspace opens. Every deletion holds the dataset's lock file
 * (./lock.ts) from before it marks until its job ends, so a deletion another live process is
 * running (the CLI beside the app) is neither listed as interrupted nor finished or started
 * here; a killed process's lock is stale and taken over.
 */
import type {
  DatasetRemovalBlocker,
  DatasetRemovalCounts,
  DatasetRemovalInterrupted,
  DatasetRemovalPreview,
  DatasetRemovalTarget,
  DatasetRemoved,
} from '@contract/routes/datasets';
import { ApiError, notFound } from '../../apiError';
import type { CoreContext } from '../../context';
import { JobCancelled, type JobControl } from '../../jobs/jobManager';
import { perCore } from '../../util/perCore';
import { datasetRemovalCountLines } from '../removalCountNames';
import { nowIso } from '../../util/time';
import { datasetJobsTouching } from '../jobs';
import { BatchSizer, nextTurn } from '../../util/batchSizer';
import { datasetRemovalOwner, lockDatasetRemoval, ownerText } from './lock';
import { DatasetRemovalRepo, type VersionRow } from './repo';
import { suitesLosingDataset } from './suitesNaming';

/** Runs named in a refusal; the rest are counted ("and 3 more"). */
const namedRuns = 5;
/** Up to this many items go in the one transaction that checks and deletes (≈10 ms measured). */
export const oneTransactionItems = 1_000;
/** Tags are counted ahead (a walk over every item) only up to this many items (≈16 ms). */
const tagsCountedUpTo = 20_000;

const removalRepo = perCore((ctx) => new DatasetRemovalRepo(ctx.db));

/** What a target resolves to: the versions that go, those left, and whether the dataset goes. */
interface Plan {
  dataset: { id: string; name: string };
  /** The version asked for; null for the whole dataset. */
  asked: VersionRow | null;
  deleted: VersionRow[];
  remaining: VersionRow[];
  removesDataset: boolean;
}

/**
 * A target hidden because another live process is deleting it: said as such, naming the
 * process, rather than "not found" (it still is, until that process finishes).
 */
function deletedElsewhere(ctx: CoreContext, target: DatasetRemovalTarget): ApiError | null {
  const dataset = removalRepo(ctx).datasetOfTarget(target);
  const owner = dataset && datasetRemovalOwner(ctx.workspaceDir, dataset.id);
  if (!dataset || !owner) return null;
  const it = 'versionId' in target ? 'this version' : `dataset "${dataset.name}"`;
  return new ApiError(
    'conflict',
    `${it} is being deleted by another process ${ownerText(owner)}: it finishes there`,
  );
}

/**
 * For the CLI, which looks datasets up by name (or version id) and finds none of a hidden one:
 * the deletion another live process is running on that dataset, as a conflict naming the
 * process; null when there is none.
 */
export function deletionElsewhereOf(ctx: CoreContext, nameOrVersionId: string): ApiError | null {
  const repo = removalRepo(ctx);
  const dataset = /^dv_[0-9a-z]+$/.test(nameOrVersionId)
    ? repo.datasetOfTarget({ versionId: nameOrVersionId })
    : repo.datasetDeletingNamed(nameOrVersionId);
  const owner = dataset && datasetRemovalOwner(ctx.workspaceDir, dataset.id);
  if (!dataset || !owner) return null;
  return new ApiError(
    'conflict',
    `${deletionOf(ctx, dataset)} is being deleted by another process ${ownerText(owner)}: it finishes there`,
  );
}

function planOf(ctx: CoreContext, target: DatasetRemovalTarget): Plan {
  const repo = removalRepo(ctx);
  if ('datasetId' in target) {
    const dataset = repo.dataset(target.datasetId);
    if (!dataset) throw deletedElsewhere(ctx, target) ?? notFound('dataset', target.datasetId);
    const deleted = repo.versionsOf(dataset.id);
    return { dataset, asked: null, deleted, remaining: [], removesDataset: true };
  }
  const asked = repo.version(target.versionId);
  const dataset = asked && repo.dataset(asked.dataset_id);
  if (!asked || !dataset)
    throw deletedElsewhere(ctx, target) ?? notFound('dataset version', target.versionId);
  const remaining = repo.versionsOf(dataset.id).filter((v) => v.id !== asked.id);
  return { dataset, asked, deleted: [asked], remaining, removesDataset: remaining.length === 0 };
}

function what(plan: Plan): string {
  return plan.asked
    ? `version ${plan.asked.version} of dataset "${plan.dataset.name}"`
    : `dataset "${plan.dataset.name}"`;
}

function runsBlocker(ctx: CoreContext, plan: Plan, ids: string[]): DatasetRemovalBlocker[] {
  const runs = removalRepo(ctx).runsUsing(ids, namedRuns);
  if (runs.total === 0) return [];
  const more = runs.total - runs.first.length;
  const names = runs.first
    .map((r) => `"${r.name}"${r.removal_started_at ? ' (being deleted)' : ''}`)
    .join(', ');
  const it = plan.asked ? 'this version' : 'this dataset';
  return [
    {
      kind: 'runs',
      total: runs.total,
      runs: runs.first.map((r) => ({
        runId: r.id,
        runName: r.name,
        version: r.version,
        isBeingDeleted: r.removal_started_at !== null,
      })),
      message:
        `${runs.total} run${runs.total === 1 ? '' : 's'} used ${it} (${names}${more > 0 ? ` and ${more} more` : ''}). ` +
        "A run's evidence keeps the dataset version it evaluated; delete those runs first.",
    },
  ];
}

/** Everything that refuses the deletion right now, in the order a user deals with them. */
function blockersOf(ctx: CoreContext, plan: Plan): DatasetRemovalBlocker[] {
  const repo = removalRepo(ctx);
  const ids = plan.deleted.map((v) => v.id);
  const blockers: DatasetRemovalBlocker[] = [];
  const deleting = datasetRemovalOwner(ctx.workspaceDir, plan.dataset.id);
  if (deleting)
    blockers.push({
      kind: 'writing',
      jobId: null,
      message: `${deletionOf(ctx, plan.dataset)} is being deleted by another process ${ownerText(deleting)}: wait for it to end there, then delete`,
    });
  const jobs = datasetJobsTouching(ctx, plan.dataset.name);
  for (const job of jobs)
    blockers.push({
      kind: 'writing',
      jobId: job.id,
      message: `"${job.title}" is running on dataset "${plan.dataset.name}": wait for it to end, or cancel it in the job tray, then delete`,
    });
  const drafts = repo.draftCount(plan.dataset.id);
  if (jobs.length === 0 && drafts > 0)
    blockers.push({
      kind: 'writing',
      jobId: null,
      message: `a new version of dataset "${plan.dataset.name}" is being written (an import or a derived version, maybe in another window or a CLI): wait for it to end, then delete`,
    });
  blockers.push(...runsBlocker(ctx, plan, ids));
  for (const s of repo.sessionsUsing(ids)) {
    const tasks = `${s.task_count} task${s.task_count === 1 ? '' : 's'}`;
    blockers.push({
      kind: 'labeling_session',
      sessionId: s.id,
      sessionName: s.name,
      taskCount: s.task_count,
      message: `labeling session "${s.name}" has ${tasks} on outputs for its items: human labels are never deleted as a side effect`,
    });
  }
  for (const d of repo.derivedFrom(ids)) {
    const parent = plan.asked ? `v${plan.asked.version}` : `dataset "${plan.dataset.name}"`;
    const child =
      d.dataset_id === plan.dataset.id ? `v${d.version}` : `v${d.version} of "${d.dataset_name}"`;
    blockers.push({
      kind: 'derived',
      versionId: d.id,
      datasetId: d.dataset_id,
      datasetName: d.dataset_name,
      version: d.version,
      message: `${child} was derived from ${parent}: delete it first (its lineage would point at nothing)`,
    });
  }
  return blockers;
}

function countsOf(ctx: CoreContext, plan: Plan): DatasetRemovalCounts {
  const repo = removalRepo(ctx);
  const ids = plan.deleted.map((v) => v.id);
  const items = plan.deleted.reduce((sum, v) => sum + v.item_count, 0);
  const privacy = repo.privacyCounts(ids);
  return {
    versions: plan.deleted.length,
    items,
    itemTags: items <= tagsCountedUpTo ? repo.tagCount(ids) : null,
    piiScans: privacy.scans,
    piiFindings: privacy.findings,
  };
}

/** What deleting the dataset or version would remove, what refuses it, which suites it affects. */
export function previewDatasetRemoval(
  ctx: CoreContext,
  target: DatasetRemovalTarget,
): DatasetRemovalPreview {
  const plan = planOf(ctx, target);
  const blockers = blockersOf(ctx, plan);
  const counts = countsOf(ctx, plan);
  return {
    datasetId: plan.dataset.id,
    datasetName: plan.dataset.name,
    versionId: plan.asked?.id ?? null,
    version: plan.asked?.version ?? null,
    removesDataset: plan.removesDataset,
    remainingVersions: plan.remaining.map((v) => v.version),
    canDelete: blockers.length === 0,
    blockers,
    counts,
    countLines: datasetRemovalCountLines(counts),
    suites: suitesLosingDataset(removalRepo(ctx), plan.dataset.name, plan.deleted, plan.remaining),
  };
}

function refusal(plan: Plan, blockers: DatasetRemovalBlocker[]): ApiError {
  const reasons = blockers.length === 1 ? '1 reason' : `${blockers.length} reasons`;
  return new ApiError(
    'refused',
    `${what(plan)} cannot be deleted (${reasons}): ${blockers[0]?.message ?? ''}`,
    blockers.map((b) => ({ path: blockerPath(plan, b), message: b.message })),
  );
}

function blockerPath(plan: Plan, b: DatasetRemovalBlocker): string {
  switch (b.kind) {
    case 'runs':
      return `runs ${b.runs.map((r) => r.runId).join(' ')}`;
    case 'labeling_session':
      return `session ${b.sessionId}`;
    case 'derived':
      return `dataset version ${b.versionId}`;
    case 'writing':
      return b.jobId ? `job ${b.jobId}` : `dataset ${plan.dataset.id}`;
  }
}

/** Tells every window the dataset (or version) is gone: dataset lists, overview, suites. */
function announce(ctx: CoreContext, plan: Plan, suitesAffected: boolean) {
  ctx.events.emit('dataset.deleted', {
    datasetId: plan.dataset.id,
    versionId: plan.asked?.id ?? null,
    datasetDeleted: plan.removesDataset,
  });
  ctx.events.emit('workspace.changed', {
    domain: 'datasets',
    reason: `${what(plan)} deleted`,
  });
  if (suitesAffected)
    ctx.events.emit('workspace.changed', {
      domain: 'suites',
      reason: `${what(plan)} deleted`,
    });
}

/** How a removal paces itself; the defaults suit the app, tests set a fixed batch. */
export interface DatasetRemovalPacing {
  /** Items per transaction; default: sized so each takes about 5 ms. */
  batchItems?: number;
  /** Awaited after each batch is committed (tests stop a process there). */
  afterBatch?: (itemsDeleted: number) => Promise<void> | void;
}

interface Marked {
  datasetId: string;
  datasetName: string;
  versionIds: string[];
  /** Their numbers, for messages. */
  versions: number[];
  /** What the result reports about the target. */
  versionId: string | null;
  version: number | null;
  removesDataset: boolean;
}

/**
 * Deletes the marked versions' items a batch per transaction, yielding to the event loop
 * between them, then the versions (and the dataset). A cancel or the core closing stops it
 * between two batches: what is left stays marked, hidden, and is finished on the next start.
 */
async function deleteInBatches(
  ctx: CoreContext,
  marked: Marked,
  control: JobControl,
  pacing: DatasetRemovalPacing,
): Promise<DatasetRemoved> {
  const repo = removalRepo(ctx);
  const deleted: DatasetRemovalCounts = {
    versions: 0,
    items: 0,
    itemTags: 0,
    piiScans: 0,
    piiFindings: 0,
  };
  let tags = 0;
  const total = repo.itemCount(marked.versionIds);
  const sizer = new BatchSizer(pacing.batchItems);
  control.progress(0, total, 'items deleted');
  for (;;) {
    if (control.signal.aborted) throw new JobCancelled();
    const started = performance.now();
    const batch = ctx.db.transaction(() => repo.deleteItemBatch(marked.versionIds, sizer.size));
    if (batch.items === 0) break;
    deleted.items += batch.items;
    tags += batch.tags;
    deleted.piiFindings += batch.findings;
    control.progress(deleted.items, total, 'items deleted');
    sizer.took(batch.items, performance.now() - started);
    await pacing.afterBatch?.(deleted.items);
    await nextTurn();
  }
  if (control.signal.aborted) throw new JobCancelled();
  const finished = ctx.db.transaction(() => repo.finish(marked.versionIds, marked.datasetId));
  return {
    datasetId: marked.datasetId,
    datasetName: marked.datasetName,
    versionId: marked.versionId,
    version: marked.version,
    removesDataset: finished.datasetDeleted,
    deleted: {
      ...deleted,
      versions: marked.versionIds.length,
      itemTags: tags,
      piiScans: finished.scans,
      piiFindings: deleted.piiFindings + finished.findings,
    },
  };
}

/** Removals going on in this core; closing it waits for each to stop between two batches. */
const removalJobsOf = perCore((ctx) => {
  const jobs = new Set<Promise<unknown>>();
  ctx.onClose(async () => {
    await Promise.allSettled([...jobs]);
  });
  return jobs;
});

/** "version 3 of dataset "faq"", "versions 2, 3 of …", "dataset "faq"": what a removal takes. */
function markedWhat(marked: Marked): string {
  if (marked.removesDataset) return `dataset "${marked.datasetName}"`;
  const versions = marked.versions.length === 1 ? 'version' : 'versions';
  return `${versions} ${marked.versions.join(', ')} of dataset "${marked.datasetName}"`;
}

/**
 * The batched deletion of marked versions as a job (kind `datasets.delete`, in the job tray).
 * When it stops part way (cancelled, failed) every window is told, so that the datasets list
 * shows it as "Deletion interrupted" rather than leaving it silently hidden.
 */
function startRemovalJob(
  ctx: CoreContext,
  marked: Marked,
  title: string,
  pacing: DatasetRemovalPacing,
): Promise<DatasetRemoved> {
  const jobs = removalJobsOf(ctx);
  const job = ctx.jobs.start(
    'datasets.delete',
    title,
    (control) => deleteInBatches(ctx, marked, control, pacing),
    { subject: `dataset ${marked.datasetId}` },
  );
  jobs.add(job.result);
  const forget = () => jobs.delete(job.result);
  void job.result.then(forget, forget);
  return job.result.then(
    (removed) => {
      ctx.logger.info('dataset deletion finished', {
        datasetId: marked.datasetId,
        versionId: marked.versionId,
        deleted: removed.deleted,
      });
      return removed;
    },
    (error: unknown) => {
      ctx.events.emit('workspace.changed', {
        domain: 'datasets',
        reason: `deleting ${markedWhat(marked)} interrupted`,
      });
      if (!(error instanceof JobCancelled)) throw error;
      ctx.logger.info('dataset deletion stopped part way', { datasetId: marked.datasetId });
      throw new ApiError(
        'cancelled',
        `deleting ${markedWhat(marked)} stopped part way: what is left stays hidden, listed ` +
          'under Datasets as "Deletion interrupted" until you finish deleting it there; it is ' +
          'also finished the next time the workspace opens',
      );
    },
  );
}

/**
 * Deletes a dataset or one version with its items, tags and privacy scans; deleting the last
 * version deletes the dataset. Refusals are checked first, then again inside the transaction
 * that marks (another process may have started a run meanwhile). Up to `oneTransactionItems`
 * items go in that same transaction; more go in batches as a job (see the module comment).
 */
export async function removeDatasetTarget(
  ctx: CoreContext,
  target: DatasetRemovalTarget,
  pacing: DatasetRemovalPacing = {},
): Promise<DatasetRemoved> {
  const repo = removalRepo(ctx);
  const plan = planOf(ctx, target);
  const ids = plan.deleted.map((v) => v.id);
  const suitesAffected =
    suitesLosingDataset(repo, plan.dataset.name, plan.deleted, plan.remaining).length > 0;
  const items = plan.deleted.reduce((sum, v) => sum + v.item_count, 0);
  const marked: Marked = {
    datasetId: plan.dataset.id,
    datasetName: plan.dataset.name,
    versionIds: ids,
    versions: plan.deleted.map((v) => v.version),
    versionId: plan.asked?.id ?? null,
    version: plan.asked?.version ?? null,
    removesDataset: plan.removesDataset,
  };
  const first = blockersOf(ctx, plan);
  if (first.length) throw refusal(plan, first);
  // Held from before the mark until the job ends: no other process lists or finishes it.
  const unlock = lockDatasetRemoval(ctx.workspaceDir, plan.dataset);
  let small;
  try {
    small = markOrDelete(ctx, plan, items);
  } catch (error) {
    unlock();
    throw error;
  }
  announce(ctx, plan, suitesAffected);
  if (small) {
    unlock();
    const { removesDataset, ...deleted } = small;
    ctx.logger.info('dataset deleted', { datasetId: plan.dataset.id, deleted });
    return {
      datasetId: plan.dataset.id,
      datasetName: plan.dataset.name,
      versionId: marked.versionId,
      version: marked.version,
      removesDataset,
      deleted,
    };
  }
  return startRemovalJob(ctx, marked, `Delete ${what(plan)}`, pacing).finally(unlock);
}

/**
 * Checks again and marks the versions (and the dataset) in one transaction — another process
 * may have started a run meanwhile. A small deletion goes in that same transaction: then it
 * returns what went; null when the items are left for the batched job.
 */
function markOrDelete(ctx: CoreContext, plan: Plan, items: number) {
  const repo = removalRepo(ctx);
  const ids = plan.deleted.map((v) => v.id);
  return ctx.db.transaction(() => {
    const blockers = blockersOf(ctx, plan);
    if (blockers.length) throw refusal(plan, blockers);
    if (items > oneTransactionItems) {
      if (!repo.mark(ids, plan.removesDataset ? plan.dataset.id : null, nowIso()))
        throw notFound(what(plan), plan.asked?.id ?? plan.dataset.id);
      return null;
    }
    const counts = countsOf(ctx, plan);
    repo.mark(ids, plan.removesDataset ? plan.dataset.id : null, nowIso());
    const finished = repo.finish(ids, plan.dataset.id);
    return { ...counts, itemTags: counts.itemTags ?? 0, removesDataset: finished.datasetDeleted };
  });
}

/** Whether this process is deleting (part of) the dataset now: its job is running. */
function isBeingDeletedHere(ctx: CoreContext, datasetId: string): boolean {
  return ctx.jobs
    .list()
    .some(
      (j) =>
        j.kind === 'datasets.delete' &&
        j.subject === `dataset ${datasetId}` &&
        j.status === 'running',
    );
}

/**
 * Someone deleting (part of) the dataset now: this process's job, or another live process
 * holding its lock (the CLI beside the app). Null when no one is: then it was interrupted.
 */
function deletingElsewhere(ctx: CoreContext, marked: Marked): ApiError | null {
  if (isBeingDeletedHere(ctx, marked.datasetId))
    return new ApiError(
      'conflict',
      `${markedWhat(marked)} is being deleted already: its progress is in the job tray`,
    );
  const owner = datasetRemovalOwner(ctx.workspaceDir, marked.datasetId);
  if (owner)
    return new ApiError(
      'conflict',
      `${markedWhat(marked)} is being deleted by another process ${ownerText(owner)}: it finishes there`,
    );
  return null;
}

/** What of the dataset a deletion elsewhere takes, as far as its marks say so far. */
function deletionOf(ctx: CoreContext, dataset: { id: string; name: string }): string {
  const marked = markedByDataset(ctx).find((m) => m.datasetId === dataset.id);
  return marked ? markedWhat(marked) : `part of dataset "${dataset.name}"`;
}

/** Every marked version, grouped by dataset (one removal each), oldest mark first. */
function markedByDataset(ctx: CoreContext): Array<Marked & { removalStartedAt: string }> {
  const byDataset = new Map<string, Marked & { removalStartedAt: string }>();
  for (const row of removalRepo(ctx).allMarked()) {
    const entry = byDataset.get(row.dataset_id) ?? {
      datasetId: row.dataset_id,
      datasetName: row.dataset_name,
      versionIds: [],
      versions: [],
      versionId: null,
      version: null,
      removesDataset: row.dataset_marked === 1,
      removalStartedAt: row.removal_started_at,
    };
    entry.versionIds.push(row.id);
    entry.versions.push(row.version);
    if (row.removal_started_at < entry.removalStartedAt)
      entry.removalStartedAt = row.removal_started_at;
    byDataset.set(row.dataset_id, entry);
  }
  return [...byDataset.values()]
    .map((m) =>
      // One version of a dataset that stays: the result names it as `datasets.delete` does.
      m.versionIds.length === 1 && !m.removesDataset
        ? { ...m, versionId: m.versionIds[0] ?? null, version: m.versions[0] ?? null }
        : m,
    )
    .sort((a, b) => a.removalStartedAt.localeCompare(b.removalStartedAt));
}

/**
 * Datasets (or versions of them) whose deletion stopped part way and is not going on now (no
 * job here, no live process holding the dataset's lock), with how many items are left. They stay hidden from every other reader; screens
 * list them only to offer `finishDatasetRemoval`.
 */
export function interruptedDatasetRemovals(ctx: CoreContext): DatasetRemovalInterrupted[] {
  const repo = removalRepo(ctx);
  return markedByDataset(ctx)
    .filter((m) => deletingElsewhere(ctx, m) === null)
    .map((m) => ({
      datasetId: m.datasetId,
      datasetName: m.datasetName,
      versions: m.versions,
      removesDataset: m.removesDataset,
      removalStartedAt: m.removalStartedAt,
      itemsLeft: repo.itemCount(m.versionIds),
    }));
}

/** Tells every window a finished removal is gone for good (lists, overview, suites). */
function announceFinished(ctx: CoreContext, removed: DatasetRemoved) {
  ctx.events.emit('dataset.deleted', {
    datasetId: removed.datasetId,
    versionId: removed.versionId,
    datasetDeleted: removed.removesDataset,
  });
  ctx.events.emit('workspace.changed', {
    domain: 'datasets',
    reason: `deleting dataset "${removed.datasetName}" finished`,
  });
}

/**
 * Finishes what a deletion left of a dataset (the dataset, or versions of it): the rest of the
 * items in batches as a job ("Finish deleting …"), then the versions (and the dataset), under the
 * dataset's lock. Refused when nothing of the dataset is being deleted, or when this or another
 * live process is deleting it now. It can be cancelled again: it then stays listed as
 * interrupted.
 */
export async function finishDatasetRemoval(
  ctx: CoreContext,
  datasetId: string,
  pacing: DatasetRemovalPacing = {},
): Promise<DatasetRemoved> {
  const marked = markedByDataset(ctx).find((m) => m.datasetId === datasetId);
  if (!marked)
    throw new ApiError(
      'not_found',
      removalRepo(ctx).dataset(datasetId)
        ? `nothing of dataset ${datasetId} is being deleted: there is nothing to finish`
        : `dataset ${datasetId} does not exist`,
    );
  const busy = deletingElsewhere(ctx, marked);
  if (busy) throw busy;
  const unlock = lockDatasetRemoval(ctx.workspaceDir, { id: datasetId, name: marked.datasetName });
  try {
    const title = `Finish deleting ${markedWhat(marked)}`;
    const removed = await startRemovalJob(ctx, marked, title, pacing);
    announceFinished(ctx, removed);
    return removed;
  } finally {
    unlock();
  }
}

/**
 * For the app, browser mode and the CLI, once after the core opens: finishes deleting every
 * version (and dataset) a crash, a close or a cancel left marked, each dataset as a job under
 * its lock, unless this or another live process is deleting it now. Returns the promises of the removals started, each with
 * what it deleted (null when it failed or was cancelled again: logged, and listed as
 * interrupted); callers that close right after await them.
 */
export function finishInterruptedDatasetRemovals(
  ctx: CoreContext,
): Array<Promise<DatasetRemoved | null>> {
  const pending = markedByDataset(ctx).filter((m) => deletingElsewhere(ctx, m) === null);
  const started = pending.map(async (marked) => {
    try {
      // Taking the lock can still be refused: another process may have taken it just now.
      const unlock = lockDatasetRemoval(ctx.workspaceDir, {
        id: marked.datasetId,
        name: marked.datasetName,
      });
      try {
        const title = `Finish deleting ${markedWhat(marked)}`;
        const removed = await startRemovalJob(ctx, marked, title, {});
        announceFinished(ctx, removed);
        return removed;
      } finally {
        unlock();
      }
    } catch (error) {
      ctx.logger.warn('could not finish deleting a dataset', {
        datasetId: marked.datasetId,
        error: String(error),
      });
      return null;
    }
  });
  if (started.length)
    ctx.logger.info('finishing interrupted dataset deletions', {
      datasets: pending.map((m) => m.datasetId),
    });
  return started;
}
