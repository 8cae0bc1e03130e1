import { validateCriteria } from '../decisions/validateCriteria';
import { resolveScorers } from '../scoring/specs';
import type { IssuePath } from './issues';
import type { CriterionSpec, ScorerSpec } from './schema';

/** Reports a problem at a field path of the suite (turned into file, line and column). */
export type ReportIssue = (path: IssuePath, message: string) => void;

/**
 * Seam for the scoring domain: checks each scorer's `type` against the scorer registry and
 * its `config` against that scorer's parameter schema, reporting problems at
 * `['scorers', index, …]`. The suite schema has already checked the structure (ids unique,
 * no unknown keys); this is where scorer-specific rules go.
 */
export function validateScorerSpecs(specs: readonly ScorerSpec[], report: ReportIssue): void {
  resolveScorers(specs, report);
}

/**
 * Seam for the decisions domain: checks that each criterion's `metric` names a metric that
 * exists (a scorer id of this suite, or a built-in such as latency.p95_ms), reporting
 * problems at `['criteria', index, …]`.
 */
export function validateCriteriaSpecs(
  criteria: readonly CriterionSpec[],
  scorers: readonly ScorerSpec[],
  report: ReportIssue,
): void {
  validateCriteria(
    criteria,
    scorers.map((s) => s.id),
    report,
  );
}
