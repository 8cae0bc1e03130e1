/**
 * Entry of the scoring pool's worker threads: scores a batch of cells with one pool scorer.
 * Workers compute and return results; the main thread alone writes them to the database.
 */
import { scorerRegistry } from './registry';
import type { ScoreInput, ScoreResult, ScorerRuntime } from './types';

export interface ScoringTask {
  scorerId: string;
  /** Params already parsed by the scorer's schema on the main thread. */
  params: unknown;
  inputs: ScoreInput[];
  seed: string;
}

/** Async scorers (subprocesses, sandboxes) overlap this many cells per worker. */
const overlap = 2;

export default async function scoreBatch(task: ScoringTask): Promise<ScoreResult[]> {
  const definition = scorerRegistry.get(task.scorerId);
  if (definition.scope !== 'cell' || definition.execution !== 'pool') {
    throw new Error(`scorer ${task.scorerId} does not run in the pool`);
  }
  const runtime: ScorerRuntime = { signal: new AbortController().signal, seed: task.seed };
  const results = new Array<ScoreResult>(task.inputs.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < task.inputs.length; i = next++) {
      try {
        results[i] = await definition.score(task.inputs[i] as ScoreInput, task.params, runtime);
      } catch (error) {
        results[i] = {
          value: null,
          isPass: null,
          details: {},
          error: `scorer crashed: ${String(error)}`,
        };
      }
    }
  };
  await Promise.all(Array.from({ length: overlap }, lane));
  return results;
}
