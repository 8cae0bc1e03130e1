import type { CompletionResult, ProviderAdapter } from '../providers/types';
import { afterReads } from '../providers/http/afterReads';
import { createRandom } from '../stats/random';
import { retryDelayMs } from './backoff';
import { Lane, type Attempt, type ModelState } from './lane';
import type { LimiterSignal } from './limiter';
import { classifyError, isRetryable, measure, type Usage, type UsageCompleter } from './measure';
import {
  cancelReason,
  failureOutcome,
  successOutcome,
  timeoutReason,
  type OutcomeSubject,
} from './outcomes';
import type {
  CellOutcome,
  EngineModelSpec,
  EngineSettings,
  LaneStatus,
  WorkCell,
} from './protocol';

/** What the scheduler asks of whoever feeds it and stores its results. */
export interface SchedulerHooks {
  /** Send up to `count` more cells of this model (answer with `addCells`). */
  needCells(modelKey: string, count: number): void;
  outcome(outcome: CellOutcome): void;
  /** Every model is exhausted and nothing is queued, waiting or in flight. */
  drained(): void;
  /** Paused and the last in-flight request settled. */
  paused(): void;
  laneChanged?(status: LaneStatus): void;
}

export interface SchedulerLane {
  key: string;
  adapter: ProviderAdapter;
  limits: { concurrency: number; rpm?: number | undefined; tpm?: number | undefined };
}

function subjectOf(attempt: Attempt): OutcomeSubject {
  return {
    cellId: attempt.cell.cellId,
    modelKey: attempt.model.spec.modelKey,
    attempts: attempt.attempts,
    isColdStart: attempt.isColdStart,
  };
}

/**
 * The engine's scheduler: per-provider lanes with a limiter (concurrency, RPM, TPM, pause on
 * 429/503), a circuit breaker, retries with back-off, a timeout per attempt, and pause /
 * resume / cancel. It asks for cells per model as its queues run low, so a slow provider never
 * starves a fast one, and it never holds more than a few batches in memory.
 */
export class Scheduler {
  private readonly lanes = new Map<string, Lane>();
  private readonly models = new Map<string, ModelState>();
  private readonly random: () => number;
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();
  private isPaused = false;
  private isCancelled = false;
  private hasDrained = false;
  private cancelWaiters: Array<() => void> = [];

  constructor(
    lanes: readonly SchedulerLane[],
    models: readonly EngineModelSpec[],
    private readonly settings: EngineSettings,
    private readonly hooks: SchedulerHooks,
    private readonly completeUsage: UsageCompleter | null = null,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.random = createRandom(settings.seed).next;
    const now = this.clock();
    for (const spec of lanes)
      this.lanes.set(
        spec.key,
        new Lane(spec.key, spec.adapter, spec.limits, settings.breaker, now),
      );
    for (const spec of models) {
      const lane = this.lanes.get(spec.laneKey);
      if (!lane) throw new Error(`model ${spec.modelKey}: unknown provider lane ${spec.laneKey}`);
      this.models.set(spec.modelKey, lane.addModel(spec));
    }
  }

  /** Starts asking for cells. */
  start() {
    for (const lane of this.lanes.values()) this.pump(lane);
    this.checkDrained();
  }

  /** Cells for one model, answering `needCells`; `exhausted` says no more will come. */
  addCells(modelKey: string, cells: readonly WorkCell[], exhausted: boolean) {
    const model = this.models.get(modelKey);
    if (!model) throw new Error(`cells for unknown model ${modelKey}`);
    model.requested = false;
    model.exhausted = exhausted;
    if (this.isCancelled) return;
    for (const cell of cells) model.queue.push({ cell, model, attempts: 0, isColdStart: false });
    this.pump(model.lane);
    this.checkDrained();
  }

  pause() {
    this.isPaused = true;
    if (this.inFlightCount() === 0) this.hooks.paused();
  }

  resume() {
    if (!this.isPaused || this.isCancelled) return;
    this.isPaused = false;
    for (const lane of this.lanes.values()) this.pump(lane);
    this.checkDrained();
  }

  /** Aborts in-flight requests and drops queued cells; resolves when all have settled. */
  cancel(): Promise<void> {
    this.isCancelled = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    for (const lane of this.lanes.values()) {
      lane.stopTimer();
      lane.drainQueued();
      lane.waitingRetries = 0;
      for (const controller of lane.inFlight.values()) controller.abort(cancelReason());
    }
    if (this.inFlightCount() === 0) return Promise.resolve();
    return new Promise((resolve) => this.cancelWaiters.push(resolve));
  }

  laneStatuses(): LaneStatus[] {
    const now = this.clock();
    return [...this.lanes.values()].map((lane) => lane.status(now));
  }

  private inFlightCount(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.inFlight.size;
    return n;
  }

  private pump(lane: Lane) {
    if (this.isCancelled) return;
    if (lane.breaker.isTripped) this.failQueued(lane);
    else if (!this.isPaused) this.startReady(lane);
    this.refill(lane);
  }

  private startReady(lane: Lane) {
    for (;;) {
      const next = lane.peek();
      if (!next) return;
      const now = this.clock();
      if (!lane.breaker.canSend(now)) {
        const at = lane.breaker.wakeAt();
        if (at !== null) lane.wakeAt(at, now, () => this.pump(lane));
        return;
      }
      const ready = lane.limiter.readiness(now, next.cell.estTokens);
      if (!ready.ok) {
        if (ready.at !== null) lane.wakeAt(ready.at, now, () => this.pump(lane));
        return;
      }
      lane.take(next);
      this.send(lane, next, now);
    }
  }

  private refill(lane: Lane) {
    for (const model of lane.models) {
      if (model.exhausted || model.requested || model.queue.length >= lane.batch / 2) continue;
      model.requested = true;
      this.hooks.needCells(model.spec.modelKey, lane.batch - model.queue.length);
    }
  }

  private send(lane: Lane, attempt: Attempt, now: number) {
    attempt.attempts += 1;
    lane.limiter.start(now, attempt.cell.estTokens);
    lane.breaker.onSend();
    if (!lane.isColdStartTaken) {
      lane.isColdStartTaken = true;
      attempt.isColdStart = true;
    }
    const controller = new AbortController();
    lane.inFlight.set(attempt, controller);
    const timeoutMs = this.settings.timeoutMs;
    const timer = setTimeout(() => controller.abort(timeoutReason(timeoutMs)), timeoutMs);
    const startedAtMs = Date.now();
    const { cell, model } = attempt;
    let call: Promise<CompletionResult>;
    try {
      call = lane.adapter.complete({
        model: model.spec.model,
        messages: cell.messages,
        params: cell.params,
        stream: model.spec.stream,
        signal: controller.signal,
        requestTag: cell.cellId,
      });
    } catch (error) {
      call = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // HTTP adapters return only after the thread has read the replies that arrived meanwhile
    // (providers/http/afterReads.ts), so settling here, which sends the next request, never
    // holds back another reply's timestamps. A failure may come before anything was sent (a
    // refused connection): it waits for the same turn, so a provider failing at once for
    // every cell cannot keep the thread from its messages (pause, cancel).
    call.then(
      (result) => this.completed(lane, attempt, timer, result, startedAtMs),
      (error: unknown) =>
        void afterReads().then(() =>
          this.settleFailure(lane, attempt, timer, controller, error, startedAtMs),
        ),
    );
  }

  private completed(
    lane: Lane,
    attempt: Attempt,
    timer: ReturnType<typeof setTimeout>,
    result: CompletionResult,
    startedAtMs: number,
  ) {
    const { cell, model } = attempt;
    if (result.inputTokens !== null && result.outputTokens !== null) {
      const usage = { inputTokens: result.inputTokens, outputTokens: result.outputTokens };
      this.settleSuccess(
        lane,
        attempt,
        timer,
        result,
        { ...usage, isTokenEstimate: false },
        startedAtMs,
      );
      return;
    }
    void this.usageOf(model.spec.model, cell, result).then((usage) =>
      this.settleSuccess(lane, attempt, timer, result, usage, startedAtMs),
    );
  }

  /** The usage a provider did not fully report, completed with a tokenizer. */
  private usageOf(model: string, cell: WorkCell, result: CompletionResult): Promise<Usage> {
    const reported: Usage = {
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      isTokenEstimate: false,
    };
    if (!this.completeUsage) return Promise.resolve(reported);
    return this.completeUsage(model, cell.messages, result).catch(() => reported);
  }

  private settled(lane: Lane, attempt: Attempt, timer: ReturnType<typeof setTimeout>) {
    clearTimeout(timer);
    lane.inFlight.delete(attempt);
  }

  private afterSettle(lane: Lane) {
    if (this.isCancelled) {
      if (this.inFlightCount() === 0) for (const resolve of this.cancelWaiters.splice(0)) resolve();
      return;
    }
    if (this.isPaused && this.inFlightCount() === 0) this.hooks.paused();
    this.pump(lane);
    this.hooks.laneChanged?.(lane.status(this.clock()));
    this.checkDrained();
  }

  private settleSuccess(
    lane: Lane,
    attempt: Attempt,
    timer: ReturnType<typeof setTimeout>,
    result: CompletionResult,
    usage: Usage,
    startedAtMs: number,
  ) {
    this.settled(lane, attempt, timer);
    const m = measure(result, usage);
    const used = (m.inputTokens ?? 0) + (m.outputTokens ?? 0);
    lane.limiter.finish('ok', this.clock(), used ? used - attempt.cell.estTokens : 0);
    lane.breaker.onSuccess();
    // A response that arrived is paid for: keep it even if the run was cancelled meanwhile.
    this.hooks.outcome(successOutcome(subjectOf(attempt), result, m, startedAtMs));
    this.afterSettle(lane);
  }

  private settleFailure(
    lane: Lane,
    attempt: Attempt,
    timer: ReturnType<typeof setTimeout>,
    controller: AbortController,
    error: unknown,
    startedAtMs: number,
  ) {
    this.settled(lane, attempt, timer);
    const now = this.clock();
    const failure = classifyError(error, controller.signal);
    const overloaded = failure.errorClass === 'rate_limited' || failure.httpStatus === 503;
    const signal: LimiterSignal = overloaded ? 'overloaded' : 'other';
    const pauseMs = overloaded
      ? (failure.retryAfterMs ?? retryDelayMs(0, this.settings.backoff, this.random, null))
      : null;
    lane.limiter.finish(signal, now, 0, pauseMs);
    if (failure.errorClass === 'cancelled' && this.isCancelled) return this.afterSettle(lane);
    if (!['rate_limited', 'bad_request', 'cancelled'].includes(failure.errorClass))
      lane.breaker.onFailure(now);
    lane.lastError = `${failure.errorClass}: ${failure.message}`;
    if (isRetryable(failure.errorClass) && attempt.attempts <= this.settings.retries) {
      this.scheduleRetry(lane, attempt, failure.retryAfterMs);
    } else {
      this.hooks.outcome(
        failureOutcome(subjectOf(attempt), failure, Date.now() - startedAtMs, startedAtMs),
      );
    }
    this.afterSettle(lane);
  }

  private scheduleRetry(lane: Lane, attempt: Attempt, retryAfterMs: number | null) {
    const delay = retryDelayMs(
      attempt.attempts - 1,
      this.settings.backoff,
      this.random,
      retryAfterMs,
    );
    lane.waitingRetries += 1;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      lane.waitingRetries -= 1;
      lane.retryReady.push(attempt);
      this.pump(lane);
    }, delay);
    this.retryTimers.add(timer);
  }

  /** A tripped circuit: every cell of the lane fails as unavailable instead of waiting. */
  private failQueued(lane: Lane) {
    const message =
      `stopped sending to provider ${lane.key}: it kept failing (circuit breaker opened ` +
      `${this.settings.breaker.maxOpens} times without a success; last error: ${lane.lastError ?? 'unknown'})`;
    const queued = lane.drainQueued();
    for (const attempt of queued)
      this.hooks.outcome(
        failureOutcome(
          { ...subjectOf(attempt), isColdStart: false },
          { errorClass: 'unavailable', message, httpStatus: null },
          null,
          null,
        ),
      );
  }

  private checkDrained() {
    if (this.hasDrained || this.isCancelled) return;
    for (const lane of this.lanes.values()) if (!lane.isIdle) return;
    this.hasDrained = true;
    this.hooks.drained();
  }
}
