/**
 * Renaming and deleting runs. A run is evidence: deleting one is refused while it executes or
 * is being scored, when a decision uses it (decisions are the audit trail) and when a labeling
 * session has tasks on its outputs (human labels are never deleted as a side effect). What is
 * deleted goes in one transaction; the response cache stays, so running the same suite again
 * costs nothing. `previewRunRemoval` is the same check and counts without changing anything.
 */
import {
  RunName,
  type RunRemovalBlocker,
  type RunRemovalPreview,
  type RunRemoved,
} from '@contract/routes/runs';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { RunRemovalRepo, type DecisionUseRow, type SessionUseRow } from './removalRepo';
import { acquireRunLock, liveLockOwner } from './runLock';
import { runManager } from './runManager';

const repos = new WeakMap<CoreContext, RunRemovalRepo>();

function removalRepo(ctx: CoreContext): RunRemovalRepo {
  let repo = repos.get(ctx);
  if (!repo) {
    repo = new RunRemovalRepo(ctx.db);
    repos.set(ctx, repo);
  }
  return repo;
}

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
        `run "${run.name}" is held by another process (pid ${owner.pid} on ${owner.host}, ` +
        `since ${owner.since}), executing or paused there: cancel it there first, or delete it from there`,
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

/**
 * Deletes a run and everything hanging off it in one transaction, keeping the response cache.
 * A paused execution here is ended first (and the scoring its end starts is cancelled); the run
 * is held meanwhile so it cannot be resumed, and its lock file is taken for the transaction so
 * no other process starts executing it.
 */
export async function removeRun(ctx: CoreContext, runId: string): Promise<RunRemoved> {
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
    // The awaits above let other requests in: check again, then delete without yielding.
    const blockers = blockersOf(ctx, run);
    if (blockers.length) throw refusal(run, blockers);
    const unlock = acquireRunLock(ctx.workspaceDir, runId);
    try {
      const repo = removalRepo(ctx);
      const removed = ctx.db.transaction(() => {
        const { counts, cachedResponsesKept } = repo.counts(runId);
        if (!repo.delete(runId)) throw notFound('run', runId);
        return { runId, runName: run.name, deleted: counts, cachedResponsesKept };
      });
      ctx.logger.info('run deleted', { runId, deleted: removed.deleted });
      changed(ctx, `run ${runId} deleted`);
      return removed;
    } finally {
      unlock();
    }
  } finally {
    release();
  }
}
