/** Checks a suite's decision criteria: known metrics, sensible bounds, gates that can be judged. */
import type { IssuePath } from '../suites/issues';
import type { CriterionSpec } from '../suites/schema';
import { metricProblem } from './metrics';

export function validateCriteria(
  criteria: readonly CriterionSpec[],
  scorerIds: readonly string[],
  report: (path: IssuePath, message: string) => void,
): void {
  criteria.forEach((criterion, index) => {
    const problem = metricProblem(criterion.metric, scorerIds);
    if (problem) report(['criteria', index, 'metric'], problem);
    for (const key of ['acceptable', 'ideal'] as const) {
      const bound = criterion[key];
      if (!bound) continue;
      if (bound.min === undefined && bound.max === undefined)
        report(['criteria', index, key], 'give min and/or max');
      if (bound.min !== undefined && bound.max !== undefined && bound.min > bound.max)
        report(['criteria', index, key], `min ${bound.min} is above max ${bound.max}`);
      if (/\.(pass_rate|pass_at_\d+)$|^error_rate$/.test(criterion.metric)) {
        for (const [side, v] of Object.entries(bound))
          if (typeof v === 'number' && (v < 0 || v > 1))
            report(
              ['criteria', index, key, side],
              `${criterion.metric} is a proportion: use a value between 0 and 1`,
            );
      }
    }
    if (!criterion.acceptable && !criterion.ideal)
      report(['criteria', index], 'give an acceptable and/or ideal range');
    if (criterion.gate && !criterion.acceptable)
      report(['criteria', index, 'acceptable'], 'a hard gate needs an acceptable range');
  });
}
