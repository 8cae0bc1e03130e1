/**
 * The scoring worker pool (piscina), one per core context, created on first use and destroyed
 * when the core closes. CPU-bound scorers, code execution and the JavaScript sandbox run here,
 * never on the main thread.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CoreContext } from '../context';
import { perCore } from '../util/perCore';
import type { ScoringTask } from './scoringWorker';
import type { ScoreResult } from './types';
import { workerScript } from './workerEntry';

export const scoringPool = perCore((ctx): Piscina => {
  const script = workerScript(import.meta.url, 'scoringWorker');
  const pool = new Piscina({
    filename: script.filename,
    execArgv: script.execArgv,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(4, availableParallelism())),
    idleTimeout: 30_000,
  });
  ctx.onClose(() => pool.destroy());
  return pool;
});

export function runScoringTask(
  ctx: CoreContext,
  task: ScoringTask,
  signal?: AbortSignal,
): Promise<ScoreResult[]> {
  return scoringPool(ctx).run(task, signal ? { signal } : {}) as Promise<ScoreResult[]>;
}
