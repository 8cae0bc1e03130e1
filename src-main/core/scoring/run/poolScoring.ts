/** Pool scorers: batches of cells go to the worker threads; results are written as they return. */
import type { CoreContext } from '../../context';
import { inputForSpec } from '../inputs';
import { runScoringTask, scoringPool } from '../pool';
import type { ResolvedScorer } from '../specs';
import type { ScoreInput, ScoreResult } from '../types';
import type { ScorerOutcome, ScoringSession } from './session';

/** Cells per pool task: small for slow scorers so both cores stay busy and progress moves. */
function batchSize(scorer: ResolvedScorer): number {
  if (scorer.definition.family === 'code') return 2;
  if (scorer.definition.family === 'custom') return 16;
  return 250;
}

export async function scoreInPool(
  ctx: CoreContext,
  session: ScoringSession,
  scorer: ResolvedScorer,
  todo: readonly ScoreInput[],
  outcome: ScorerOutcome,
): Promise<void> {
  // Cells whose `field` cannot be read are settled here without a worker.
  const runnable: ScoreInput[] = [];
  const settled: { cells: ScoreInput[]; results: ScoreResult[] } = { cells: [], results: [] };
  for (const cell of todo) {
    const prepared = inputForSpec(cell, scorer.spec, scorer.valueType);
    if ('result' in prepared) {
      settled.cells.push(cell);
      settled.results.push(prepared.result);
    } else {
      runnable.push(prepared.input);
    }
  }
  session.write(scorer, outcome, settled.cells, settled.results);
  const size = batchSize(scorer);
  const batches: ScoreInput[][] = [];
  for (let i = 0; i < runnable.length; i += size) batches.push(runnable.slice(i, i + size));
  const lanes = Math.max(1, scoringPool(ctx).options.maxThreads * 2);
  let next = 0;
  const lane = async () => {
    for (let b = next++; b < batches.length; b = next++) {
      session.checkCancelled();
      const batch = batches[b] as ScoreInput[];
      const results = await runScoringTask(
        ctx,
        {
          scorerId: scorer.definition.id,
          params: scorer.params,
          inputs: batch,
          seed: session.runId,
        },
        session.signal,
      );
      session.write(scorer, outcome, batch, results);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, batches.length) }, lane));
}
