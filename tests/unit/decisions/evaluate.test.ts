import { describe, expect, it } from 'vitest';
import type { CriterionEvaluation, Estimate, ModelSummary } from '@contract/routes/scoring';
import {
  defaultThresholds,
  evaluateCriterion,
  verdictOf,
  weightSensitivity,
} from '@core/decisions/evaluate';
import { metricProblem, resolveMetric } from '@core/decisions/metrics';
import type { CriterionSpec } from '@core/suites/schema';

const est = (estimate: number, low: number, high: number): Estimate => ({
  estimate,
  low,
  high,
  method: 'test',
  n: 100,
});

function model(passRate: Estimate, p95: Estimate): ModelSummary {
  return {
    modelKey: 'm',
    cells: 100,
    responses: 100,
    errors: 2,
    scorers: [
      {
        scorerKey: 'label',
        scorerType: 'exact-match',
        valueType: 'binary',
        n: 100,
        items: 100,
        errors: 0,
        unscored: 0,
        passRate,
        mean: passRate,
        passAtK: [{ k: 1, estimate: passRate.estimate! }],
        overridden: 0,
        judgeCostUsd: null,
        warning: null,
      },
    ],
    latency: {
      n: 100,
      excludedCached: 0,
      excludedColdStart: 1,
      p50: est(300, 280, 320),
      p95: p95,
      p99: est(900, 800, 1000),
      meanMs: 350,
    },
    operational: {
      errorRate: est(0.02, 0.005, 0.07),
      throughputPerSecond: 12,
      tokensPerSecond: null,
      totalCostUsd: 1.5,
      costPerSuccessUsd: est(0.015, 0.014, 0.016),
      successes: 98,
    },
    promptSensitivity: [],
    repeatVariance: [],
  };
}

const criterion = (c: Partial<CriterionSpec> & { metric: string }): CriterionSpec => ({
  weight: 1,
  gate: false,
  ...c,
});

describe('criteria are met only when the interval clears the bound', () => {
  const m = model(est(0.85, 0.78, 0.91), est(700, 600, 820));

  it('holds a minimum against the lower end and a maximum against the upper end', () => {
    expect(
      evaluateCriterion(
        criterion({ metric: 'label.pass_rate', acceptable: { min: 0.75 } }),
        m,
        null,
      ),
    ).toMatchObject({ status: 'met', score: 1, boundUsed: 'lower end vs min' });
    expect(
      evaluateCriterion(
        criterion({ metric: 'label.pass_rate', acceptable: { min: 0.8 } }),
        m,
        null,
      ),
    ).toMatchObject({ status: 'uncertain', score: 0.25 });
    expect(
      evaluateCriterion(
        criterion({ metric: 'label.pass_rate', acceptable: { min: 0.9 } }),
        m,
        null,
      ),
    ).toMatchObject({ status: 'not_met', score: 0 });
    expect(
      evaluateCriterion(criterion({ metric: 'latency.p95_ms', acceptable: { max: 800 } }), m, null),
    ).toMatchObject({ status: 'uncertain', boundUsed: 'upper end vs max' });
    expect(
      evaluateCriterion(criterion({ metric: 'latency.p95_ms', acceptable: { max: 900 } }), m, null)
        .status,
    ).toBe('met');
  });

  it('distinguishes ideal from acceptable and reports missing data', () => {
    expect(
      evaluateCriterion(
        criterion({ metric: 'label.pass_rate', acceptable: { min: 0.7 }, ideal: { min: 0.75 } }),
        m,
        null,
      ),
    ).toMatchObject({ status: 'met_ideal', score: 1 });
    expect(
      evaluateCriterion(
        criterion({ metric: 'label.pass_rate', acceptable: { min: 0.7 }, ideal: { min: 0.95 } }),
        m,
        null,
      ),
    ).toMatchObject({ status: 'met', score: 0.75 });
    expect(
      evaluateCriterion(criterion({ metric: 'label.delta', acceptable: { min: 0 } }), m, null),
    ).toMatchObject({ status: 'no_data', score: 0 });
  });
});

describe('verdicts and weight sensitivity', () => {
  const ev = (
    status: CriterionEvaluation['status'],
    score: number,
    weight = 1,
    gate = false,
  ): CriterionEvaluation => ({
    metric: `metric-${status}-${weight}`,
    acceptable: { min: 0 },
    ideal: null,
    weight,
    gate,
    value: est(1, 1, 1),
    boundUsed: 'lower end vs min',
    status,
    score,
    explanation: status,
  });

  it('ships only when every weighted criterion is met, with caveats in between, never past a failed gate', () => {
    expect(verdictOf([ev('met', 1), ev('met_ideal', 1)], defaultThresholds).verdict).toBe('ship');
    expect(verdictOf([ev('met', 1, 3), ev('uncertain', 0.25, 1)], defaultThresholds).verdict).toBe(
      'ship_with_caveats',
    );
    expect(verdictOf([ev('not_met', 0, 3), ev('met', 1, 1)], defaultThresholds).verdict).toBe(
      'dont_ship',
    );
    const gated = verdictOf([ev('uncertain', 0.25, 1, true), ev('met', 1, 10)], defaultThresholds);
    expect(gated.verdict).toBe('dont_ship');
    expect(gated.reasons[0]).toMatch(/hard gate failed/);
  });

  it('says which change of weight would flip the verdict', () => {
    const evaluations = [ev('met', 1, 3), ev('not_met', 0, 2)];
    expect(verdictOf(evaluations, defaultThresholds)).toMatchObject({
      verdict: 'ship_with_caveats',
      score: 0.6,
    });
    const [strong, weak] = weightSensitivity(evaluations, defaultThresholds);
    // Score = 3/(3 + w): below 0.5 once w > 3, so the unmet criterion flips the verdict at weight 3.
    expect(weak!.flipsTo).toBe('dont_ship');
    expect(weak!.flipsAtWeight!).toBeCloseTo(3, 6);
    // Score = w/(w + 2): below 0.5 once w < 2.
    expect(strong!.flipsTo).toBe('dont_ship');
    expect(strong!.flipsAtWeight!).toBeCloseTo(2, 6);
    expect(
      weightSensitivity([ev('not_met', 0, 1, true)], defaultThresholds)[0]!.flipsAtWeight,
    ).toBeNull();
  });
});

describe('metric references', () => {
  it('accepts scorer metrics and built-ins, and explains mistakes', () => {
    expect(metricProblem('label.pass_rate', ['label'])).toBeNull();
    expect(metricProblem('label.pass_at_5', ['label'])).toBeNull();
    expect(metricProblem('latency.p95_ms', [])).toBeNull();
    expect(metricProblem('lable.pass_rate', ['label'])).toMatch(/no scorer "lable"/);
    expect(metricProblem('latency.p90', ['label'])).toMatch(/is not a metric/);
  });

  it('resolves pass@k and point metrics', () => {
    const m = model(est(0.85, 0.78, 0.91), est(700, 600, 820));
    expect(resolveMetric('label.pass_at_1', m, null)).toMatchObject({
      estimate: 0.85,
      low: 0.85,
      high: 0.85,
    });
    expect(resolveMetric('cost.total_usd', m, null)).toMatchObject({
      estimate: 1.5,
      method: 'point estimate (no interval)',
    });
    expect(resolveMetric('error_rate', m, null)).toMatchObject({ estimate: 0.02 });
  });
});
