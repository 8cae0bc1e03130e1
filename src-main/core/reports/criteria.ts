/** The suite's decision criteria for every candidate model of a run, evaluated but not stored. */
import type { RouteOutput } from '@contract/index';
import type { CoreContext } from '../context';
import { evaluateDecision, type DecideInput } from '../decisions/decide';
import { loadRunData, modelKeys } from '../scoring/analysis/runData';

export function candidateCriteria(
  ctx: Pick<CoreContext, 'db'>,
  input: Omit<DecideInput, 'modelKey'>,
): RouteOutput<'reports.criteria'> {
  const data = loadRunData(ctx, input.runId);
  if (data.criteria.length === 0) return { hasCriteria: false, candidates: [] };
  return {
    hasCriteria: true,
    candidates: modelKeys(data).map((modelKey) => ({
      modelKey,
      decision: evaluateDecision(ctx, { ...input, modelKey }).decision,
    })),
  };
}
