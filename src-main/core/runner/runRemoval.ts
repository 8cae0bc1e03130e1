/**
 * Renaming and deleting runs. A run is evidence: deleting one is refused while it executes or
 * is being scored, when a decision uses it (decisions are the audit trail) and when a labeling
 * session has tasks on its outputs (human labels are never deleted as a side effect). What is
 * deleted goes in short transactions after the run is hidden (see `removeRun`); the response
 * cache stays, so running the same suite again costs nothing. `previewRunRemoval` is the same
 * check and counts without changing anything.
 */
import {
  RunName,
  type RunRemovalBlocker,
  type RunRemovalCounts,
  type RunRemovalInterrupted,
  type RunRemovalPreview,
  type RunRemoved,
} from '@contract/routes/runs';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { JobCancelled, type JobControl } from '../jobs/jobManager';
import { perCore } from '../util/perCore';
import { runRemovalCountLines } from './removalCountNames';
import { nowIso } from '../util/time';
import { RunRemovalRepo, type DecisionUseRow, type SessionUseRow } from './removalRepo';
import { BatchSizer, nextTurn } from '../util/batchSizer';
import { acquireRunLock, liveLockOwner, lockHolderText } from './runLock';
import { runManager } from './runManager';
import { walCheckpointer } from './walCheckpointer';

const removalRepo = perCore((ctx) => new RunRemovalRepo(ctx.db));

function runNamed(ctx: CoreContext, runId: string): { id: string; name: string } {
  const run = ctx.repos.runs.get(runId);
  if (!run) throw notFound('run', runId);
  return run;
}

function changed(ctx: CoreContext, reason: string) {
  ctx.events.emit('workspace.changed', { domain: 'runs', reason });
}

/** Gives a run a new display name (trimmed, 1–200 characters); the manifest is unchanged. */
export function renameRun(
  ctx: CoreContext,
  runId: string,
  name: string,
): { runId: string; name: string } {
  runNamed(ctx, runId);
  const parsed = RunName.safeParse(name);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid run name';
    throw new ApiError('bad_request', message, [{ path: 'name', message }]);
  }
  removalRepo(ctx).rename(runId, parsed.data);
  changed(ctx, `run ${runId} renamed`);
  return { runId, name: parsed.data };
}

const verdictWords = {
  ship: 'ship',
  ship_with_caveats: 'ship with caveats',
  dont_ship: "don't ship",
};

/** "2026-02-10 09:00 UTC": how refusals name a decision's date. */
function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function decisionBlocker(ctx: CoreContext, runId: string, d: DecisionUseRow): RunRemovalBlocker {
  const role = d.run_id === runId ? 'candidate' : 'baseline';
  const on =
    role === 'candidate'
      ? 'was recorded on this run'
      : `on run "${ctx.repos.runs.get(d.run_id)?.name ?? d.run_id}" compares against this run as its baseline`;
  return {
    kind: 'decision',
    decisionId: d.id,
    decisionRunId: d.run_id,
    role,
    verdict: d.verdict,
    createdAt: d.created_at,
    message:
      `the decision of ${when(d.created_at)} (${verdictWords[d.verdict]}) ${on}: decisions are ` +
      'the audit trail and are never deleted, so the run stays — rename it to mark it instead',
  };
}

function sessionBlocker(s: SessionUseRow): RunRemovalBlocker {
  const tasks = `${s.task_count} task${s.task_count === 1 ? '' : 's'}`;
  return {
    kind: 'labeling_session',
    sessionId: s.id,
    sessionName: s.name,
    taskCount: s.task_count,
    message:
      `labeling session "${s.name}" has ${tasks} on this run's outputs: human labels are never ` +
      'deleted with a run, so the run stays — rename it to mark it instead',
  };
}

/** Everything that refuses deleting the run right now, in the order a user deals with them. */
function blockersOf(ctx: CoreContext, run: { id: string; name: string }): RunRemovalBlocker[] {
  const blockers: RunRemovalBlocker[] = [];
  if (runManager(ctx).executionState(run.id) === 'running')
    blockers.push({
      kind: 'executing',
      message: `run "${run.name}" is executing: pause or cancel it first`,
    });
  const owner = liveLockOwner(ctx.workspaceDir, run.id);
  if (owner)
    blockers.push({
      kind: 'executing',
      message:
        `run "${run.name}" is held by another process ${lockHolderText(owner)}, ` +
        'executing or paused there: cancel it there first, or delete it from there',
    });
  for (const job of scoringJobs(ctx, run.id))
    blockers.push({
      kind: 'scoring',
      jobId: job,
      message: `run "${run.name}" is being scored: wait for scoring to end, or cancel it in the job tray, then delete`,
    });
  const repo = removalRepo(ctx);
  for (const d of repo.decisionsUsing(run.id)) blockers.push(decisionBlocker(ctx, run.id, d));
  for (const s of repo.sessionsUsing(run.id)) blockers.push(sessionBlocker(s));
  return blockers;
}

/** Scoring jobs of this run still going in this process. */
function scoringJobs(ctx: CoreContext, runId: string): string[] {
  return ctx.jobs
    .list()
    .filter((j) => j.kind === 'scoring' && j.subject === `run ${runId}` && j.status === 'running')
    .map((j) => j.id);
}

/** What deleting the run would remove and what refuses it; changes nothing. */
export function previewRunRemoval(ctx: CoreContext, runId: string): RunRemovalPreview {
  const run = runNamed(ctx, runId);
  const blockers = blockersOf(ctx, run);
  const { counts, cachedResponsesKept } = removalRepo(ctx).counts(runId);
  return {
    runId,
    runName: run.name,
    canDelete: blockers.length === 0,
    blockers,
    counts,
    countLines: runRemovalCountLines(counts),
    cachedResponsesKept,
  };
}

function refusal(run: { id: string; name: string }, blockers: RunRemovalBlocker[]): ApiError {
  const reasons = blockers.length === 1 ? '1 reason' : `${blockers.length} reasons`;
  return new ApiError(
    'refused',
    `run "${run.name}" (${run.id}) cannot be deleted (${reasons}): ${blockers[0]?.message ?? ''}`,
    blockers.map((b) => ({ path: blockerPath(run.id, b), message: b.message })),
  );
}

function blockerPath(runId: string, b: RunRemovalBlocker): string {
  switch (b.kind) {
    case 'decision':
      return `decision ${b.decisionId}`;
    case 'labeling_session':
      return `session ${b.sessionId}`;
    case 'scoring':
      return `job ${b.jobId}`;
    case 'executing':
      return `run ${runId}`;
  }
}

/** Resolves once none of these jobs is running any more (they report `job.finished`). */
function jobsSettled(ctx: CoreContext, ids: readonly string[]): Promise<void> {
  const running = new Set(ids.filter((id) => ctx.jobs.get(id)?.status === 'running'));
  if (running.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = ctx.events.subscribe((name, payload) => {
      if (name !== 'job.finished') return;
      running.delete((payload as { id: string }).id);
      if (running.size > 0) return;
      stop();
      resolve();
    });
  });
}

/** How a removal paces itself; the defaults suit the app, tests set a fixed batch. */
export interface RemovalPacing {
  /** Cells per transaction; default: sized so each takes about `batchBudgetMs`. */
  batchCells?: number;
  /** Awaited after each batch is committed (tests stop a process there). */
  afterBatch?: (cellsDeleted: number) => Promise<void> | void;
}

/** Runs of at least this many cells are deleted with the background WAL checkpointer. */
const checkpointThreadFromCells = 10_000;

function emptyCounts(): RunRemovalCounts {
  return {
    cells: 0,
    responses: 0,
    scores: 0,
    scoreOverrides: 0,
    failureModeTags: 0,
    judgeVariants: 0,
    judgeVariantScores: 0,
    runModels: 0,
    runPrompts: 0,
  };
}

/**
 * Deletes a marked run's cells a batch per transaction, yielding to the event loop between
 * them, then the run itself; returns what went. A cancel (or the core closing) stops it
 * between two batches: the run stays marked and hidden, is listed by
 * `interruptedRunRemovals` until `finishRunRemoval` ends it, and is finished anyway when the
 * workspace opens again (`finishInterruptedRemovals`).
 */
async function deleteInBatches(
  ctx: CoreContext,
  run: { id: string; name: string },
  control: JobControl,
  pacing: RemovalPacing,
): Promise<RunRemoved> {
  const repo = removalRepo(ctx);
  const deleted = emptyCounts();
  const cached = new Set<string>();
  const total = repo.cellCount(run.id);
  const sizer = new BatchSizer(pacing.batchCells);
  control.progress(0, total, 'cells deleted');
  for (;;) {
    if (control.signal.aborted) throw new JobCancelled();
    const started = performance.now();
    const removed = ctx.db.transaction(() => {
      const cellIds = repo.cellBatch(run.id, sizer.size);
      if (cellIds.length === 0) return 0;
      const { counts, cachedHashes } = repo.cellBatchCounts(cellIds);
      deleted.responses += counts.responses;
      deleted.scores += counts.scores;
      deleted.scoreOverrides += counts.score_overrides;
      deleted.failureModeTags += counts.failure_mode_tags;
      deleted.judgeVariantScores += counts.judge_variant_scores;
      for (const hash of cachedHashes) cached.add(hash);
      return repo.deleteCells(cellIds);
    });
    if (removed === 0) break;
    deleted.cells += removed;
    control.progress(deleted.cells, total, 'cells deleted');
    sizer.took(removed, performance.now() - started);
    await pacing.afterBatch?.(deleted.cells);
    await nextTurn();
  }
  if (control.signal.aborted) throw new JobCancelled();
  ctx.db.transaction(() => {
    const rest = repo.runRowCounts(run.id);
    deleted.judgeVariants = rest.judge_variants;
    deleted.judgeVariantScores += rest.judge_variant_scores;
    deleted.runModels = rest.run_models;
    deleted.runPrompts = rest.run_prompts;
    if (!repo.delete(run.id)) throw notFound('run', run.id);
  });
  return { runId: run.id, runName: run.name, deleted, cachedResponsesKept: cached.size };
}

interface RemovalJobs {
  running: Set<Promise<unknown>>;
}

/** Removals going on in this core; closing it waits for each to stop between two batches. */
const removalJobsOf = perCore((ctx): RemovalJobs => {
  const jobs: RemovalJobs = { running: new Set() };
  ctx.onClose(async () => {
    await Promise.allSettled([...jobs.running]);
  });
  return jobs;
});

/** Whether this process is deleting the run now (its job is running). */
function isBeingDeletedHere(ctx: CoreContext, runId: string): boolean {
  return ctx.jobs
    .list()
    .some(
      (j) => j.kind === 'runs.delete' && j.subject === `run ${runId}` && j.status === 'running',
    );
}

/**
 * The batched deletion of a marked run as a job (kind `runs.delete`, in the job tray). When it
 * stops part way (cancelled, failed) every window is told, so that lists show the run as
 * "Deletion interrupted" rather than leaving it silently hidden.
 */
function startRemovalJob(
  ctx: CoreContext,
  run: { id: string; name: string },
  title: string,
  pacing: RemovalPacing,
): Promise<RunRemoved> {
  const jobs = removalJobsOf(ctx);
  const job = ctx.jobs.start(
    'runs.delete',
    title,
    async (control) => {
      // Many commits in a row: SQLite's own checkpoint would stall the loop every 1,000 pages
      // written, so for a large run the background checkpointer takes over, as while runs
      // write (a thread is not worth starting for a small one).
      if (removalRepo(ctx).cellCount(run.id) < checkpointThreadFromCells)
        return deleteInBatches(ctx, run, control, pacing);
      const checkpointer = walCheckpointer(ctx);
      checkpointer.acquire();
      try {
        return await deleteInBatches(ctx, run, control, pacing);
      } finally {
        checkpointer.release();
        // Its thread does not keep the process alive (unref): a CLI that closes the core right
        // after would wait on it with nothing left to run and exit early. Hold on until it ends.
        const keepAlive = setInterval(() => undefined, 1_000);
        await checkpointer.stopped().finally(() => clearInterval(keepAlive));
      }
    },
    { subject: `run ${run.id}` },
  );
  jobs.running.add(job.result);
  const forget = () => jobs.running.delete(job.result);
  void job.result.then(forget, forget);
  return job.result.then(
    (removed) => {
      ctx.logger.info('run deleted', { runId: run.id, deleted: removed.deleted });
      return removed;
    },
    (error: unknown) => {
      changed(ctx, `run ${run.id} deletion interrupted`);
      if (!(error instanceof JobCancelled)) throw error;
      ctx.logger.info('run deletion stopped part way', { runId: run.id });
      throw new ApiError(
        'cancelled',
        `deleting run "${run.name}" stopped part way: what is left of it stays hidden, listed ` +
          'under Runs as "Deletion interrupted" until you finish deleting it there; it is also ' +
          'finished the next time the workspace opens',
      );
    },
  );
}

/**
 * Deletes a run and everything hanging off it, keeping the response cache. The refusals are
 * checked first. A paused execution here is ended first (and the scoring its end starts is
 * cancelled); the run is held meanwhile so it cannot be resumed, and its lock file is taken
 * so no other process starts executing it. Then one short transaction marks the run — from
 * then on no list or lookup shows it — and a job deletes its cells in batches of a few
 * milliseconds each, yielding to the event loop between them, with progress in the job tray;
 * the run row goes last. A crash part way leaves the run marked and hidden, and
 * `finishInterruptedRemovals` finishes it.
 */
export async function removeRun(
  ctx: CoreContext,
  runId: string,
  pacing: RemovalPacing = {},
): Promise<RunRemoved> {
  const run = runNamed(ctx, runId);
  const first = blockersOf(ctx, run);
  if (first.length) throw refusal(run, first);
  const manager = runManager(ctx);
  const release = await manager.holdForRemoval(runId);
  try {
    // Ending a paused execution emits run.finished, which schedules scoring of the run.
    const scoring = scoringJobs(ctx, runId);
    for (const id of scoring) ctx.jobs.cancel(id);
    await jobsSettled(ctx, scoring);
    // The awaits above let other requests in: check again, then mark without yielding.
    const blockers = blockersOf(ctx, run);
    if (blockers.length) throw refusal(run, blockers);
    const unlock = acquireRunLock(ctx.workspaceDir, runId);
    try {
      if (!removalRepo(ctx).markRemoving(runId, nowIso())) throw notFound('run', runId);
      // For every reader the run is gone from here on.
      changed(ctx, `run ${runId} deleted`);
      return await startRemovalJob(ctx, run, `Delete run "${run.name}"`, pacing);
    } finally {
      unlock();
    }
  } finally {
    release();
  }
}

/** Someone else deleting the run now: this process's job or another live process's lock. */
function deletingElsewhere(ctx: CoreContext, run: { id: string; name: string }): ApiError | null {
  if (isBeingDeletedHere(ctx, run.id))
    return new ApiError(
      'conflict',
      `run "${run.name}" is being deleted already: its progress is in the job tray`,
    );
  const owner = liveLockOwner(ctx.workspaceDir, run.id);
  if (owner)
    return new ApiError(
      'conflict',
      `run "${run.name}" is being deleted by another process ${lockHolderText(owner)}: it finishes there`,
    );
  return null;
}

/**
 * Runs whose deletion stopped part way and is not going on now (no job here, no live process
 * holding the run), oldest first, with how many cells are left. They stay hidden from every
 * other reader; screens list them only to offer `finishRunRemoval`.
 */
export function interruptedRunRemovals(ctx: CoreContext): RunRemovalInterrupted[] {
  const repo = removalRepo(ctx);
  return repo
    .allMarked()
    .filter((run) => deletingElsewhere(ctx, run) === null)
    .map((run) => ({
      runId: run.id,
      runName: run.name,
      removalStartedAt: run.removal_started_at,
      cellsLeft: repo.cellCount(run.id),
    }));
}

/**
 * Finishes deleting a run whose deletion stopped part way: the rest of its cells in batches as
 * a job ("Finish deleting run …"), then the run. Refused when the run is not being deleted, or
 * when this or another process is deleting it now. It can be cancelled again: the run then
 * stays listed as interrupted.
 */
export async function finishRunRemoval(
  ctx: CoreContext,
  runId: string,
  pacing: RemovalPacing = {},
): Promise<RunRemoved> {
  const run = removalRepo(ctx).marked(runId);
  if (!run)
    throw new ApiError(
      'not_found',
      ctx.repos.runs.get(runId)
        ? `run ${runId} is not being deleted: there is nothing to finish`
        : `run ${runId} does not exist`,
    );
  const busy = deletingElsewhere(ctx, run);
  if (busy) throw busy;
  const unlock = acquireRunLock(ctx.workspaceDir, runId);
  try {
    const removed = await startRemovalJob(ctx, run, `Finish deleting run "${run.name}"`, pacing);
    changed(ctx, `run ${runId} deleted`);
    return removed;
  } finally {
    unlock();
  }
}

/** Starts finishing every interrupted removal no one is doing now; see below. */
function startInterrupted(
  ctx: CoreContext,
): Array<{ run: { id: string; name: string }; done: Promise<RunRemoved | null> }> {
  const started = removalRepo(ctx)
    .allMarked()
    .filter((run) => deletingElsewhere(ctx, run) === null)
    .map((run) => {
      const unlock = acquireRunLock(ctx.workspaceDir, run.id);
      const done = startRemovalJob(ctx, run, `Finish deleting run "${run.name}"`, {}).then(
        (removed) => {
          unlock();
          changed(ctx, `run ${run.id} deleted`);
          return removed;
        },
        (error: unknown) => {
          unlock();
          ctx.logger.warn('could not finish deleting a run', {
            runId: run.id,
            error: String(error),
          });
          return null;
        },
      );
      return { run: { id: run.id, name: run.name }, done };
    });
  if (started.length)
    ctx.logger.info('finishing interrupted run deletions', {
      runs: started.map((s) => s.run.id),
    });
  return started;
}

/**
 * For the desktop app and browser mode, once after the core opens: finishes deleting every
 * run a crash, a close or a cancel left marked, each as a job, unless this process or another
 * live one is deleting it now. Returns the runs whose removal was started; one that fails or
 * is cancelled again is logged, and the run stays listed as interrupted.
 */
export function finishInterruptedRemovals(ctx: CoreContext): string[] {
  return startInterrupted(ctx).map((s) => s.run.id);
}

/**
 * For the CLI, which closes the core right after: the same, awaited. Returns what each
 * finished removal deleted (those that failed are left out, and logged).
 */
export async function finishInterruptedRemovalsNow(ctx: CoreContext): Promise<RunRemoved[]> {
  const done = await Promise.all(startInterrupted(ctx).map((s) => s.done));
  return done.filter((removed): removed is RunRemoved => removed !== null);
}
