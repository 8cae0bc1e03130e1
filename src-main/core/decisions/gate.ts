/**
 * The CI gate. It fails only on a statistically credible drop: for each scorer the paired
 * interval of (candidate − baseline), at a Bonferroni-adjusted level across the compared
 * scorers, must lie entirely below −threshold — a bare difference of pass rates never fails
 * it. It also fails when a hard-gate criterion of the suite is not met by the candidate.
 */
import type { Comparison, CriterionEvaluation, Decision } from '@contract/routes/scoring';
import type { CoreContext } from '../context';
import { compareLoaded } from '../scoring/analysis/compare';
import { evaluateDecision } from './decide';

export interface GateInput {
  baselineRunId: string;
  candidateRunId: string;
  baselineModel?: string | undefined;
  candidateModel?: string | undefined;
  /** Largest drop tolerated, in the metric's own units (0.02 = two points of pass rate). */
  threshold?: number;
  /** Family-wise error rate of the regression checks (default 0.05). */
  alpha?: number;
  /** Only these scorer ids (default: every scorer both runs share). */
  scorers?: readonly string[] | undefined;
}

export interface RegressionCheck {
  scorerKey: string;
  difference: { estimate: number | null; low: number | null; high: number | null; method: string };
  confidenceLevel: number;
  threshold: number;
  /** The whole interval lies below −threshold. */
  isCredibleRegression: boolean;
  pairedItems: number;
  regressionCount: number;
  message: string;
}

export interface GateResult {
  passed: boolean;
  regressions: RegressionCheck[];
  hardGates: CriterionEvaluation[];
  comparison: Comparison;
  decision: Omit<Decision, 'id' | 'createdAt'>;
  reasons: string[];
}

function fmt(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(4);
}

export function runGate(ctx: Pick<CoreContext, 'db'>, input: GateInput): GateResult {
  const threshold = input.threshold ?? 0;
  const alpha = input.alpha ?? 0.05;
  const evaluated = evaluateDecision(ctx, {
    runId: input.candidateRunId,
    modelKey: input.candidateModel,
    baselineRunId: input.baselineRunId,
    baselineModel: input.baselineModel,
    confidenceLevel: 1 - alpha,
  });
  const base = evaluated.baseline!;
  const first = compareLoaded(base, evaluated.data, {
    baselineRunId: input.baselineRunId,
    candidateRunId: input.candidateRunId,
    baselineModel: input.baselineModel,
    candidateModel: evaluated.decision.modelKey ?? undefined,
    confidenceLevel: 1 - alpha,
  });
  const selected = first.scorers.filter(
    (s) => !input.scorers || input.scorers.includes(s.scorerKey),
  );
  const m = Math.max(1, selected.length);
  const level = 1 - alpha / m;
  const comparison =
    m === 1
      ? first
      : compareLoaded(base, evaluated.data, {
          baselineRunId: input.baselineRunId,
          candidateRunId: input.candidateRunId,
          baselineModel: input.baselineModel,
          candidateModel: evaluated.decision.modelKey ?? undefined,
          confidenceLevel: level,
        });
  const regressions = comparison.scorers
    .filter((s) => !input.scorers || input.scorers.includes(s.scorerKey))
    .map((s): RegressionCheck => {
      const credible = s.difference.high !== null && s.difference.high < -threshold;
      return {
        scorerKey: s.scorerKey,
        difference: s.difference,
        confidenceLevel: level,
        threshold,
        isCredibleRegression: credible,
        pairedItems: s.pairedItems,
        regressionCount: s.regressionCount,
        message: `${s.scorerKey}: candidate − baseline = ${fmt(s.difference.estimate)}, ${(level * 100).toFixed(2)}% interval [${fmt(s.difference.low)}, ${fmt(s.difference.high)}] (${s.difference.method}); ${credible ? `credible drop beyond ${threshold}` : `no credible drop beyond ${threshold}`}`,
      };
    });
  const hardGates = evaluated.decision.criteria.filter((c) => c.gate);
  const failedGates = hardGates.filter((c) => c.status !== 'met' && c.status !== 'met_ideal');
  const reasons = [
    ...regressions.filter((r) => r.isCredibleRegression).map((r) => r.message),
    ...failedGates.map((g) => `hard gate: ${g.explanation}`),
  ];
  return {
    passed: reasons.length === 0,
    regressions,
    hardGates,
    comparison,
    decision: evaluated.decision,
    reasons,
  };
}
