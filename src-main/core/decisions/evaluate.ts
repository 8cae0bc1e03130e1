/**
 * Criteria → verdict, conservatively. A bound is met only when the whole confidence interval
 * clears it: `min` is held against the interval's LOWER end, `max` against its UPPER end.
 * Each criterion scores 1 (ideal met), 0.75 (acceptable met, an ideal exists but is not met),
 * 1 (acceptable met, no ideal), 0.25 (uncertain: the point estimate is acceptable, the interval
 * is not) or 0 (not met, or no data). The weighted score is Σ w·s / Σ w.
 * Verdict: a hard gate that is not met (uncertain counts as not met) → don't ship; otherwise
 * ship when the weighted score reaches the ship threshold and every weighted criterion is met;
 * ship with caveats when it reaches the caveat threshold; else don't ship.
 */
import type { Comparison, CriterionEvaluation, ModelSummary } from '@contract/routes/scoring';
import type { CriterionSpec } from '../suites/schema';
import { resolveMetric } from './metrics';

export type VerdictName = 'ship' | 'ship_with_caveats' | 'dont_ship';

export interface Thresholds {
  ship: number;
  caveats: number;
}

export const defaultThresholds: Thresholds = { ship: 0.75, caveats: 0.5 };

type Bound = { min?: number | undefined; max?: number | undefined };

function clears(bound: Bound, low: number, high: number): boolean {
  return (
    (bound.min === undefined || low >= bound.min) && (bound.max === undefined || high <= bound.max)
  );
}

function describeBound(bound: Bound): string {
  return [
    bound.min !== undefined ? `≥ ${bound.min}` : '',
    bound.max !== undefined ? `≤ ${bound.max}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

function boundUsed(bound: Bound): string {
  return (
    [
      bound.min !== undefined ? 'lower end vs min' : '',
      bound.max !== undefined ? 'upper end vs max' : '',
    ]
      .filter(Boolean)
      .join(', ') || 'none'
  );
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

export function evaluateCriterion(
  spec: CriterionSpec,
  model: ModelSummary,
  comparison: Comparison | null,
  weight = spec.weight,
): CriterionEvaluation {
  const value = resolveMetric(spec.metric, model, comparison);
  const acceptable = spec.acceptable ?? null;
  const ideal = spec.ideal ?? null;
  const base = {
    metric: spec.metric,
    acceptable,
    ideal,
    weight,
    gate: spec.gate,
    value,
    boundUsed: boundUsed(acceptable ?? ideal ?? {}),
  };
  if (!value || value.estimate === null || value.low === null || value.high === null) {
    return {
      ...base,
      status: 'no_data',
      score: 0,
      explanation: `${spec.metric}: no data to judge`,
    };
  }
  const { estimate, low, high } = value;
  const interval = `${fmt(estimate)} [${fmt(low)}, ${fmt(high)}]`;
  const target = acceptable ?? ideal ?? {};
  if (clears(target, low, high)) {
    if (ideal && acceptable && clears(ideal, low, high))
      return {
        ...base,
        status: 'met_ideal',
        score: 1,
        explanation: `${spec.metric} ${interval} clears the ideal ${describeBound(ideal)}`,
      };
    const score = ideal && acceptable ? 0.75 : 1;
    return {
      ...base,
      status: acceptable || !ideal ? 'met' : 'met_ideal',
      score,
      explanation: `${spec.metric} ${interval} clears ${describeBound(target)}`,
    };
  }
  if (clears(target, estimate, estimate)) {
    return {
      ...base,
      status: 'uncertain',
      score: 0.25,
      explanation: `${spec.metric} ${interval}: the estimate meets ${describeBound(target)} but the interval does not clear it`,
    };
  }
  return {
    ...base,
    status: 'not_met',
    score: 0,
    explanation: `${spec.metric} ${interval} does not meet ${describeBound(target)}`,
  };
}

export function weightedScore(evaluations: readonly CriterionEvaluation[]): number | null {
  const total = evaluations.reduce((s, e) => s + e.weight, 0);
  return total > 0 ? evaluations.reduce((s, e) => s + e.weight * e.score, 0) / total : null;
}

const isMet = (e: CriterionEvaluation) => e.status === 'met' || e.status === 'met_ideal';

export function verdictOf(
  evaluations: readonly CriterionEvaluation[],
  thresholds: Thresholds,
): { verdict: VerdictName; score: number | null; reasons: string[] } {
  const failedGates = evaluations.filter((e) => e.gate && !isMet(e));
  const score = weightedScore(evaluations);
  if (failedGates.length)
    return {
      verdict: 'dont_ship',
      score,
      reasons: failedGates.map((e) => `hard gate failed: ${e.explanation}`),
    };
  if (evaluations.length === 0)
    return { verdict: 'ship_with_caveats', score, reasons: ['the suite has no decision criteria'] };
  const unmet = evaluations.filter((e) => e.weight > 0 && !isMet(e));
  const scoreText = score === null ? 'no weighted score' : `weighted score ${score.toFixed(3)}`;
  if (score !== null && score >= thresholds.ship && unmet.length === 0)
    return {
      verdict: 'ship',
      score,
      reasons: [`every criterion is met; ${scoreText} ≥ ${thresholds.ship}`],
    };
  if (score !== null && score >= thresholds.caveats) {
    return {
      verdict: 'ship_with_caveats',
      score,
      reasons: [
        `${scoreText} ≥ ${thresholds.caveats}`,
        ...unmet.map((e) => `caveat: ${e.explanation}`),
      ],
    };
  }
  return {
    verdict: 'dont_ship',
    score,
    reasons: [`${scoreText} < ${thresholds.caveats}`, ...unmet.map((e) => e.explanation)],
  };
}

/**
 * For each criterion, the weight (others held fixed) nearest to its current one at which the
 * verdict changes, and to what; null when no weight changes it (e.g. a failed hard gate).
 */
export function weightSensitivity(
  evaluations: readonly CriterionEvaluation[],
  thresholds: Thresholds,
) {
  const current = verdictOf(evaluations, thresholds).verdict;
  return evaluations.map((e, i) => {
    const others = evaluations.filter((_, j) => j !== i);
    const a = others.reduce((s, o) => s + o.weight * o.score, 0);
    const b = others.reduce((s, o) => s + o.weight, 0);
    const candidates = new Set<number>([0]);
    for (const t of [thresholds.ship, thresholds.caveats]) {
      if (e.score !== t) {
        const root = (t * b - a) / (e.score - t);
        if (Number.isFinite(root) && root >= 0)
          for (const c of [root, root * (1 + 1e-9) + 1e-12, Math.max(0, root * (1 - 1e-9) - 1e-12)])
            candidates.add(c);
      }
    }
    for (const c of [e.weight * 10, e.weight * 100 + 100]) candidates.add(c);
    let best: { weight: number; verdict: VerdictName } | null = null;
    for (const c of [...candidates].sort(
      (x, y) => Math.abs(x - e.weight) - Math.abs(y - e.weight),
    )) {
      const verdict = verdictOf(
        evaluations.map((o, j) => (j === i ? { ...o, weight: c } : o)),
        thresholds,
      ).verdict;
      if (verdict !== current) {
        best = { weight: c, verdict };
        break;
      }
    }
    return {
      metric: e.metric,
      weight: e.weight,
      flipsAtWeight: best ? Number(best.weight.toPrecision(6)) : null,
      flipsTo: best?.verdict ?? null,
    };
  });
}
