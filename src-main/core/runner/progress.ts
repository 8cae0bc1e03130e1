import type { RunProgress, RunStatus } from '@contract/routes/runs';
import type { CellCountRow } from '../db/repos/cells';
import type { LaneStatus } from './protocol';

interface ModelTally {
  modelKey: string;
  total: number;
  ok: number;
  errors: number;
  cached: number;
  costUsd: number;
  /** Answers of this session that were paid for, with and without a price known. */
  priced: number;
  unpriced: number;
  errorsByClass: Record<string, number>;
}

const rateWindowMs = 2_000;
const smoothing = 0.3;

/**
 * A run's progress: done/total per model, errors by class, throughput (cells per second, a
 * smoothed rate over this session), money spent so far (cached responses cost nothing; null
 * for a model whose answers carry no price) and the ETA. Counts start from what the database
 * already holds, so a resumed run continues where it stopped. Time spent paused counts
 * neither in the elapsed time nor in the rate, so the ETA after a resume is the work left.
 */
export class ProgressModel {
  private readonly models = new Map<string, ModelTally>();
  private readonly errorsByClass: Record<string, number> = {};
  private readonly startedAt: number;
  private sessionDone = 0;
  private rate: number | null = null;
  private sample: { at: number; done: number };
  private lanes: LaneStatus[] = [];
  private pausedMs = 0;
  private pausedSince: number | null = null;

  constructor(
    private readonly runId: string,
    modelKeys: readonly string[],
    counts: readonly CellCountRow[],
    private readonly clock: () => number = () => performance.now(),
    /** Stored errors by model and class, so a resumed run's classes include earlier sessions. */
    errorClasses: ReadonlyArray<{ model_key: string; error_class: string | null; n: number }> = [],
  ) {
    for (const key of modelKeys)
      this.models.set(key, {
        modelKey: key,
        total: 0,
        ok: 0,
        errors: 0,
        cached: 0,
        costUsd: 0,
        priced: 0,
        unpriced: 0,
        errorsByClass: {},
      });
    for (const row of counts) {
      const tally = this.models.get(row.model_key);
      if (!tally) continue;
      tally.total += row.n;
      if (row.status === 'done') tally.ok += row.n;
      if (row.status === 'error') tally.errors += row.n;
      if (row.is_cached === 1) tally.cached += row.n;
    }
    for (const row of errorClasses) {
      const tally = this.models.get(row.model_key);
      if (!tally || row.error_class === null) continue;
      tally.errorsByClass[row.error_class] = (tally.errorsByClass[row.error_class] ?? 0) + row.n;
      this.errorsByClass[row.error_class] = (this.errorsByClass[row.error_class] ?? 0) + row.n;
    }
    this.startedAt = this.clock();
    this.sample = { at: this.startedAt, done: 0 };
  }

  record(row: {
    modelKey: string;
    status: 'done' | 'error';
    isCached: boolean;
    errorClass: string | null;
    costUsd: number | null;
  }) {
    const tally = this.models.get(row.modelKey);
    if (!tally) return;
    if (row.status === 'done') tally.ok += 1;
    else tally.errors += 1;
    if (row.isCached) tally.cached += 1;
    else if (row.costUsd !== null) {
      tally.costUsd += row.costUsd;
      tally.priced += 1;
    } else if (row.status === 'done') tally.unpriced += 1;
    if (row.errorClass) {
      this.errorsByClass[row.errorClass] = (this.errorsByClass[row.errorClass] ?? 0) + 1;
      tally.errorsByClass[row.errorClass] = (tally.errorsByClass[row.errorClass] ?? 0) + 1;
    }
    this.sessionDone += 1;
  }

  setLanes(lanes: LaneStatus[]) {
    this.lanes = lanes;
  }

  paused() {
    this.pausedSince ??= this.clock();
  }

  resumed() {
    if (this.pausedSince === null) return;
    const now = this.clock();
    this.pausedMs += now - this.pausedSince;
    this.pausedSince = null;
    // The rate's next window starts now: one spanning the pause would read as a slow-down.
    this.sample = { at: now, done: this.sessionDone };
  }

  /** Time since the session started, less the time spent paused. */
  private activeMs(now: number): number {
    const pausing = this.pausedSince === null ? 0 : now - this.pausedSince;
    return now - this.startedAt - this.pausedMs - pausing;
  }

  private updateRate(now: number) {
    if (now - this.sample.at < rateWindowMs) return;
    const instant = ((this.sessionDone - this.sample.done) * 1000) / (now - this.sample.at);
    this.rate = this.rate === null ? instant : this.rate + smoothing * (instant - this.rate);
    this.sample = { at: now, done: this.sessionDone };
  }

  snapshot(status: RunStatus, stopping?: RunProgress['stopping']): RunProgress {
    const now = this.clock();
    if (this.pausedSince === null) this.updateRate(now);
    const tallies = [...this.models.values()];
    const models = tallies.map(({ priced, unpriced, ...m }) => ({
      ...m,
      done: m.ok + m.errors,
      costUsd: priced === 0 && unpriced > 0 ? null : m.costUsd,
      errorsByClass: { ...m.errorsByClass },
    }));
    const isUnpriced = !tallies.some((m) => m.priced > 0) && tallies.some((m) => m.unpriced > 0);
    const total = models.reduce((a, m) => a + m.total, 0);
    const done = models.reduce((a, m) => a + m.done, 0);
    const elapsedMs = this.activeMs(now);
    const rate =
      this.rate ??
      (elapsedMs > 250 && this.sessionDone ? (this.sessionDone * 1000) / elapsedMs : null);
    return {
      runId: this.runId,
      status,
      total,
      done,
      ok: models.reduce((a, m) => a + m.ok, 0),
      errors: models.reduce((a, m) => a + m.errors, 0),
      cached: models.reduce((a, m) => a + m.cached, 0),
      costUsd: isUnpriced ? null : tallies.reduce((a, m) => a + m.costUsd, 0),
      throughputPerSec: rate,
      etaMs: rate && rate > 0 && status === 'running' ? ((total - done) / rate) * 1000 : null,
      elapsedMs,
      ...(stopping ? { stopping } : {}),
      models,
      errorsByClass: { ...this.errorsByClass },
      providers: this.lanes.map((lane) => ({
        key: lane.key,
        circuit: lane.circuit,
        inFlight: lane.inFlight,
        concurrency: lane.concurrency,
        isPausedByProvider: lane.pausedUntilMs !== null,
      })),
    };
  }
}
