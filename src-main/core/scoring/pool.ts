/**
 * The scoring worker pool (piscina), one per core context, created on first use and destroyed
 * when the core closes. CPU-bound scorers, code execution and the JavaScript sandbox run here,
 * never on the main thread.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { CoreContext } from '../context';
import type { ScoringTask } from './scoringWorker';
import type { ScoreResult } from './types';
import { workerScript } from './workerEntry';

const pools = new WeakMap<object, Piscina>();

export function scoringPool(ctx: Pick<CoreContext, 'onClose'>): Piscina {
  let pool = pools.get(ctx);
  if (!pool) {
    const script = workerScript(import.meta.url, 'scoringWorker');
    const created = new Piscina({
      filename: script.filename,
      execArgv: script.execArgv,
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(4, availableParallelism())),
      idleTimeout: 30_000,
    });
    pool = created;
    pools.set(ctx, created);
    ctx.onClose(() => created.destroy());
  }
  return pool;
}

export function runScoringTask(
  ctx: Pick<CoreContext, 'onClose'>,
  task: ScoringTask,
  signal?: AbortSignal,
): Promise<ScoreResult[]> {
  return scoringPool(ctx).run(task, signal ? { signal } : {}) as Promise<ScoreResult[]>;
}
