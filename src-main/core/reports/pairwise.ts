/** Every two models of a run compared on one scorer, with Holm's correction across the pairs. */
import type { PairwiseMatrix } from '@contract/routes/reports';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import { compareLoaded } from '../scoring/analysis/compare';
import { loadRunData, modelKeys, num } from '../scoring/analysis/runData';
import { holmAdjust } from '../stats/multipleTesting';

export function pairwiseMatrix(
  ctx: Pick<CoreContext, 'db'>,
  runId: string,
  scorerKey: string,
  confidenceLevel: number,
): PairwiseMatrix {
  const loaded = loadRunData(ctx, runId);
  const scorer = loaded.scorers.find((s) => s.key === scorerKey);
  if (!scorer) throw new ApiError('bad_request', `run ${runId} has no scorer "${scorerKey}"`);
  // Only this scorer: the same paired test `scoring.compare` runs, without the others' cost.
  const data = { ...loaded, scorers: [scorer] };
  const models = modelKeys(data);
  const raw = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      const comparison = compareLoaded(data, data, {
        baselineRunId: runId,
        candidateRunId: runId,
        baselineModel: models[i],
        candidateModel: models[j],
        confidenceLevel,
      });
      const s = comparison.scorers[0];
      if (!s) continue;
      raw.push({
        baseline: models[i] as string,
        candidate: models[j] as string,
        pairedItems: s.pairedItems,
        difference: s.difference,
        test: s.test.name,
        pValue: s.test.pValue,
      });
    }
  }
  const adjusted = holmAdjust(raw.map((r) => r.pValue ?? 1));
  const alpha = 1 - confidenceLevel;
  return {
    runId,
    scorerKey,
    confidenceLevel,
    models,
    pairs: raw.map((r, i) => {
      const adjustedPValue = r.pValue === null ? null : num(adjusted[i]);
      return {
        ...r,
        adjustedPValue,
        isSignificant: adjustedPValue !== null && adjustedPValue < alpha,
      };
    }),
  };
}
