import type { EventPayload } from '@contract/index';
import type { RunProgress } from '@contract/routes/runs';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { assertPrivacyAllows } from '../datasets/privacyGuard';
import { formatIssue, type SuiteIssue } from '../suites/issues';
import { storeSuiteText } from '../suites/storeSuite';
import { checkSuite, type CheckedSuite, type SuiteCheck } from '../suites/validate';
import { perCore } from '../util/perCore';
import { nowIso } from '../util/time';
import { pricingTable } from '../pricing/bundled';
import { providersRepo } from '../providers/workspaceProviders';
import type { Worker } from 'node:worker_threads';
import {
  RunExecution,
  startEngineWorker,
  type CostFn,
  type ExecuteOptions,
  type RunOutcome,
} from './execution';
import { ensureLocalModels } from './localModels';
import { planRun, type PlanOptions, type PlannedRun } from './planner';
import { createProviderCatalog } from './providerCatalog';
import { walCheckpointer } from './walCheckpointer';

/** Refuses a suite with every problem located (file, line, column, field). */
export function suiteRefused(issues: readonly SuiteIssue[]): ApiError {
  return new ApiError(
    'bad_request',
    `the suite is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
      issues.map((issue) => `  ${formatIssue(issue)}`).join('\n'),
    issues.map((issue) => ({
      path: `${issue.file}:${issue.line}:${issue.column}${issue.path ? ` ${issue.path}` : ''}`,
      message: issue.message,
    })),
  );
}

/** Prices responses from the workspace's dated pricing table (core/pricing). */
export function priceFromTable(ctx: CoreContext): CostFn {
  return (kind, model, inputTokens, outputTokens) =>
    pricingTable(ctx).costUsd(kind, model, inputTokens, outputTokens);
}

export interface StartedExecution {
  runId: string;
  jobId: string;
  done: Promise<RunOutcome>;
  execution: RunExecution;
}

interface Active {
  execution: RunExecution;
  jobId: string;
}

/**
 * The runs service of one workspace: checks and plans suites, executes runs (one execution per
 * run at a time, each in a background job with progress and cancel), pauses, resumes and
 * cancels them, and stops them all when the core closes.
 */
/** How long a worker started ahead of time waits for an execution before it is stopped. */
const spareIdleMs = 30_000;

export class RunManager {
  private readonly active = new Map<string, Active>();
  /** Runs being deleted (runRemoval.ts): they may not execute or resume meanwhile. */
  private readonly removing = new Set<string>();
  private spare: { worker: Worker; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly ctx: CoreContext) {}

  check(text: string, file: string): SuiteCheck {
    // Configured providers are read at each check: one added a moment ago is usable at once.
    const configured = providersRepo(this.ctx);
    const providers = createProviderCatalog(
      (label) => configured.getByLabel(label),
      () => configured.list().map((p) => p.label),
    );
    return checkSuite({ repos: this.ctx.repos, providers }, text, file);
  }

  /**
   * Downloads the default local model if the suite needs it and it is not there yet, as a job
   * with progress (`job.progress`); `onProgress` also receives bytes as they arrive.
   */
  async prepare(
    text: string,
    file: string,
    onProgress: (done: number, total: number) => void = () => undefined,
  ): Promise<void> {
    const result = this.check(text, file);
    if (!result.ok) throw suiteRefused(result.issues);
    const checked = result.checked;
    const needsDownload = [...checked.providers.values()].some(
      (p) => p.kind === 'local' && p.resolvedModel === null,
    );
    if (!needsDownload) return;
    const job = this.ctx.jobs.start(
      'model-download',
      'Download the default local model',
      (control) =>
        ensureLocalModels(
          checked,
          ({ downloadedBytes, totalBytes }) => {
            control.progress(downloadedBytes, totalBytes || null);
            onProgress(downloadedBytes, totalBytes);
          },
          control.signal,
        ),
    );
    try {
      await job.result;
    } catch (error) {
      throw new ApiError('unavailable', error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Starts an engine worker ahead of time, so its start-up (loading the adapters, half a
   * second or more) overlaps planning instead of delaying the first request.
   */
  warmEngine() {
    if (this.spare) return;
    const worker = startEngineWorker();
    worker.unref();
    const timer = setTimeout(() => this.dropSpare(worker), spareIdleMs);
    timer.unref();
    worker.once('exit', () => this.dropSpare(worker));
    this.spare = { worker, timer };
  }

  private dropSpare(worker: Worker) {
    if (this.spare?.worker !== worker) return;
    clearTimeout(this.spare.timer);
    this.spare = null;
    void worker.terminate();
  }

  private takeSpare(): Worker | undefined {
    const spare = this.spare;
    if (!spare) return undefined;
    this.spare = null;
    clearTimeout(spare.timer);
    spare.worker.removeAllListeners('exit');
    spare.worker.ref();
    return spare.worker;
  }

  /** Validates, stores the suite text, runs the privacy guard and writes the whole plan. */
  plan(
    text: string,
    file: string,
    options: PlanOptions = {},
  ): PlannedRun & { checked: CheckedSuite } {
    const result = this.check(text, file);
    if (!result.ok) throw suiteRefused(result.issues);
    this.warmEngine();
    const checked = result.checked;
    const providers = new Map<string, { label: string; isLocal: boolean }>();
    for (const p of checked.providers.values())
      providers.set(p.key, { label: p.key, isLocal: p.isLocal });
    assertPrivacyAllows(this.ctx, checked.version.id, [...providers.values()]);
    const stored = storeSuiteText(this.ctx, text, file === 'suite.yaml' ? null : file);
    const planned = planRun(
      this.ctx,
      checked,
      { id: stored.id, contentHash: stored.contentHash },
      options,
    );
    return { ...planned, checked };
  }

  /** Executes the pending cells of a run in the background. */
  execute(runId: string, options: ExecuteOptions = {}): StartedExecution {
    if (this.active.has(runId)) throw new ApiError('conflict', `run ${runId} is already executing`);
    this.refuseIfRemoving(runId);
    const run = this.ctx.repos.runs.get(runId);
    if (!run) throw notFound('run', runId);
    const worker = this.takeSpare();
    let execution: RunExecution;
    try {
      execution = new RunExecution(this.ctx, runId, {
        cost: priceFromTable(this.ctx),
        ...(worker ? { worker } : {}),
        ...options,
        // Forget the execution before `run.finished` goes out, so a listener may resume at once.
        onEnd: () => this.active.delete(runId),
      });
    } catch (error) {
      void worker?.terminate();
      throw error;
    }
    const job = this.ctx.jobs.start('run', `Run ${run.name}`, async (control) => {
      control.signal.addEventListener('abort', () => execution.cancel(), { once: true });
      const stop = this.ctx.events.subscribe((name, payload) => {
        if (
          name === 'workspace.changed' &&
          (payload as EventPayload<'workspace.changed'>).domain === 'runs'
        ) {
          // Renamed while it executes: the tray names the run as its page does.
          const current = this.ctx.repos.runs.get(runId);
          if (current) this.ctx.jobs.retitle(job.id, `Run ${current.name}`);
          return;
        }
        if (name !== 'run.progress') return;
        const p = payload as RunProgress;
        if (p.runId !== runId) return;
        const counts = `${p.ok} ok, ${p.errors} errors, ${p.cached} cached`;
        // The run's own rate and ETA (pauses left out), so the tray agrees with the run page.
        // Said from the moment a pause or cancel is asked until it takes effect.
        const state = p.stopping ?? (p.status === 'paused' ? 'paused' : null);
        control.progress(p.done, p.total, state ? `${state} · ${counts}` : counts, {
          rate: p.throughputPerSec,
          etaMs: p.etaMs,
        });
      });
      try {
        const outcome = await execution.done;
        if (outcome.status === 'failed') throw new Error(outcome.error ?? 'the run failed');
        return outcome;
      } finally {
        stop();
      }
    });
    this.active.set(runId, { execution, jobId: job.id });
    try {
      execution.start();
    } catch (error) {
      this.active.delete(runId);
      throw error;
    }
    return { runId, jobId: job.id, done: execution.done, execution };
  }

  /**
   * Continues a run: a paused execution in this process picks up where it stopped; otherwise
   * a new execution sends the cells without a stored response (after kill -9 too).
   */
  resume(
    runId: string,
    options: ExecuteOptions & { retryErrors?: boolean } = {},
  ): { pending: number; started: StartedExecution | null } {
    this.refuseIfRemoving(runId);
    const active = this.active.get(runId);
    if (active) {
      if (active.execution.status !== 'paused')
        throw new ApiError('conflict', `run ${runId} is already executing`);
      active.execution.resume();
      return { pending: this.ctx.repos.cells.countPending(runId), started: null };
    }
    if (!this.ctx.repos.runs.get(runId)) throw notFound('run', runId);
    if (options.retryErrors)
      this.ctx.db.transaction(() => this.ctx.repos.cells.resetErrors(runId, nowIso()));
    const pending = this.ctx.repos.cells.countPending(runId);
    return { pending, started: this.execute(runId, options) };
  }

  pause(runId: string) {
    const active = this.active.get(runId);
    if (!active) throw new ApiError('conflict', `run ${runId} is not executing in this process`);
    active.execution.pause();
    return active.execution.status;
  }

  cancel(runId: string): boolean {
    const active = this.active.get(runId);
    if (!active) return false;
    return this.ctx.jobs.cancel(active.jobId) || (active.execution.cancel(), true);
  }

  /** Whether the run executes in this process: sending (`running`), `paused`, or not (null). */
  executionState(runId: string): 'running' | 'paused' | null {
    const active = this.active.get(runId);
    if (!active) return null;
    return active.execution.status === 'paused' ? 'paused' : 'running';
  }

  /**
   * Keeps a run from executing while it is deleted: from now on `execute` and `resume` refuse
   * it, and a paused execution of it here is ended (cancelled: nothing is in flight while
   * paused) and awaited — so a resume cannot slip in between the checks and the delete.
   * Refuses a run sending requests here. Call the returned function when done.
   */
  async holdForRemoval(runId: string): Promise<() => void> {
    this.refuseIfRemoving(runId);
    const active = this.active.get(runId);
    if (active && active.execution.status !== 'paused')
      throw new ApiError('conflict', `run ${runId} is executing: pause or cancel it first`);
    this.removing.add(runId);
    const release = () => void this.removing.delete(runId);
    if (!active) return release;
    try {
      this.cancel(runId);
      await active.execution.done;
      await active.execution.stopped();
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  private refuseIfRemoving(runId: string) {
    if (this.removing.has(runId)) throw new ApiError('conflict', `run ${runId} is being deleted`);
  }

  progress(runId: string): RunProgress | null {
    return this.active.get(runId)?.execution.snapshot() ?? null;
  }

  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  /** Cancels every execution (keeping what was stored) and waits for them to end. */
  async close() {
    const spare = this.spare?.worker;
    if (spare) this.dropSpare(spare);
    const executions = [...this.active.values()].map((a) => a.execution);
    for (const execution of executions) execution.cancel();
    await Promise.all(executions.map((execution) => execution.done));
    // Nothing may touch the workspace's files once the core is closed.
    await Promise.all([
      spare ? spare.terminate() : undefined,
      ...executions.map((execution) => execution.stopped()),
      walCheckpointer(this.ctx).stopped(),
    ]);
  }
}

/** The runs service of a workspace, created on first use and stopped when the core closes. */
export const runManager = perCore((ctx): RunManager => {
  const manager = new RunManager(ctx);
  ctx.onClose(() => manager.close());
  return manager;
});

/**
 * For the desktop app and browser mode (not the CLI, which resumes only when asked): resumes
 * every run a crash or kill left `running` that no live process is executing (their lock is
 * stale). Call once after the core opens. Returns the runs resumed.
 */
export function resumeInterruptedRuns(ctx: CoreContext): string[] {
  const manager = runManager(ctx);
  const resumed: string[] = [];
  for (const runId of ctx.repos.runs.idsWithStatus('running')) {
    try {
      manager.resume(runId);
      resumed.push(runId);
    } catch (error) {
      ctx.logger.warn('could not resume an interrupted run', { runId, error: String(error) });
    }
  }
  if (resumed.length) ctx.logger.info('resumed interrupted runs', { runs: resumed });
  return resumed;
}
