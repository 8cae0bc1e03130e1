import type { JobSummary } from '@contract/routes/jobs';
import type { EventBus } from '../events';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';

/** A rate and an ETA that the work measures itself. */
export interface JobEstimate {
  rate: number | null;
  etaMs: number | null;
}

export interface JobControl {
  readonly signal: AbortSignal;
  /**
   * Report progress; events are throttled, so call it as often as is convenient. With an
   * `estimate`, the work's own rate and ETA are shown instead of the job's: a run measures
   * its rate leaving pauses out, and the job tray must say what the run page says. Such calls
   * are sent as they come (the work throttles them), so a pause reaches the tray at once.
   */
  progress(done: number, total?: number | null, message?: string, estimate?: JobEstimate): void;
}

export class JobCancelled extends Error {
  override name = 'JobCancelled';
  constructor() {
    super('cancelled');
  }
}

/** Throws JobCancelled if the job was asked to stop: call between units of work. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new JobCancelled();
}

interface JobState {
  summary: JobSummary;
  controller: AbortController;
  lastEmit: number;
  /** Exponentially weighted rate, items per second. */
  rate: number | null;
  lastSample: { at: number; done: number } | null;
}

const emitIntervalMs = 200;
const rateSmoothing = 0.3;

/**
 * Runs long actions in the background with throttled progress events, an ETA from a
 * smoothed rate, and cancellation through an AbortSignal. Work keeps what it saved when
 * cancelled; the job ends as `cancelled` rather than `failed`.
 */
export class JobManager {
  private readonly jobs = new Map<string, JobState>();

  constructor(private readonly events: EventBus) {}

  start<T>(
    kind: string,
    title: string,
    work: (control: JobControl) => Promise<T>,
    options: { subject?: string } = {},
  ): { id: string; result: Promise<T> } {
    const id = newId('job');
    const state: JobState = {
      summary: {
        id,
        kind,
        title,
        subject: options.subject ?? null,
        status: 'running',
        done: 0,
        total: null,
        rate: null,
        etaMs: null,
        message: null,
        error: null,
        startedAt: nowIso(),
        finishedAt: null,
      },
      controller: new AbortController(),
      lastEmit: 0,
      rate: null,
      lastSample: null,
    };
    this.jobs.set(id, state);
    const control: JobControl = {
      signal: state.controller.signal,
      progress: (done, total, message, estimate) =>
        estimate
          ? this.progressEstimated(state, done, total, message, estimate)
          : this.progress(state, done, total, message),
    };
    const result = (async () => {
      try {
        const value = await work(control);
        this.finish(state, state.controller.signal.aborted ? 'cancelled' : 'completed', null);
        return value;
      } catch (error) {
        const cancelled = error instanceof JobCancelled || state.controller.signal.aborted;
        this.finish(state, cancelled ? 'cancelled' : 'failed', cancelled ? null : String(error));
        throw error;
      }
    })();
    // Callers that only watch events need not handle the rejection.
    result.catch(() => undefined);
    this.events.emit('job.progress', { ...state.summary });
    return { id, result };
  }

  cancel(id: string): boolean {
    const state = this.jobs.get(id);
    if (!state || state.summary.status !== 'running') return false;
    state.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const id of this.jobs.keys()) this.cancel(id);
  }

  list(): JobSummary[] {
    return [...this.jobs.values()].map((s) => ({ ...s.summary })).reverse();
  }

  get(id: string): JobSummary | undefined {
    const state = this.jobs.get(id);
    return state ? { ...state.summary } : undefined;
  }

  private progress(state: JobState, done: number, total?: number | null, message?: string) {
    const now = performance.now();
    const summary = state.summary;
    if (total !== undefined) summary.total = total;
    if (message !== undefined) summary.message = message;
    if (state.lastSample && now > state.lastSample.at) {
      const instant = ((done - state.lastSample.done) * 1000) / (now - state.lastSample.at);
      if (now - state.lastSample.at >= emitIntervalMs) {
        state.rate =
          state.rate === null ? instant : state.rate + rateSmoothing * (instant - state.rate);
        state.lastSample = { at: now, done };
      }
    } else {
      state.lastSample = { at: now, done };
    }
    summary.done = done;
    summary.rate = state.rate;
    summary.etaMs =
      state.rate && state.rate > 0 && summary.total !== null
        ? Math.max(0, ((summary.total - done) / state.rate) * 1000)
        : null;
    if (now - state.lastEmit >= emitIntervalMs) {
      state.lastEmit = now;
      this.events.emit('job.progress', { ...summary });
    }
  }

  private progressEstimated(
    state: JobState,
    done: number,
    total: number | null | undefined,
    message: string | undefined,
    estimate: JobEstimate,
  ) {
    const summary = state.summary;
    if (total !== undefined) summary.total = total;
    if (message !== undefined) summary.message = message;
    summary.done = done;
    summary.rate = estimate.rate;
    summary.etaMs = estimate.etaMs;
    state.lastEmit = performance.now();
    this.events.emit('job.progress', { ...summary });
  }

  /** What a running job works on was renamed (a run renamed as it executes): the title follows. */
  retitle(id: string, title: string): void {
    const state = this.jobs.get(id);
    if (!state || state.summary.title === title || state.summary.status !== 'running') return;
    state.summary.title = title;
    this.events.emit('job.progress', { ...state.summary });
  }

  private finish(state: JobState, status: JobSummary['status'], error: string | null) {
    state.summary.status = status;
    state.summary.error = error;
    state.summary.finishedAt = nowIso();
    state.summary.etaMs = null;
    this.events.emit('job.finished', { ...state.summary });
  }
}
