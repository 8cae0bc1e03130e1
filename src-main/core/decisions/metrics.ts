/**
 * Metric references used by decision criteria, resolved against a run's score summary (and,
 * for `.delta`, a comparison with a baseline):
 *   <scorer>.pass_rate  <scorer>.mean  <scorer>.pass_at_<k>  <scorer>.delta
 *   latency.p50_ms  latency.p95_ms  latency.p99_ms  latency.mean_ms
 *   cost.per_success_usd  cost.total_usd  error_rate  throughput.rps  tokens_per_second
 * Metrics without an interval (pass@k, totals, means of latency, throughput) carry a point
 * estimate only; the decision says so.
 */
import type { Comparison, Estimate, ModelSummary } from '@contract/routes/scoring';

const builtins = [
  'latency.p50_ms',
  'latency.p95_ms',
  'latency.p99_ms',
  'latency.mean_ms',
  'cost.per_success_usd',
  'cost.total_usd',
  'error_rate',
  'throughput.rps',
  'tokens_per_second',
] as const;

const scorerMetric = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})\.(pass_rate|mean|delta|pass_at_(\d+))$/;

export function describeMetricSyntax(): string {
  return `<scorer id>.pass_rate, <scorer id>.mean, <scorer id>.pass_at_<k>, <scorer id>.delta, or one of ${builtins.join(', ')}`;
}

/** Why a metric reference is not valid for these scorer ids, or null when it is. */
export function metricProblem(metric: string, scorerIds: readonly string[]): string | null {
  if ((builtins as readonly string[]).includes(metric)) return null;
  const m = scorerMetric.exec(metric);
  if (!m) return `"${metric}" is not a metric: use ${describeMetricSyntax()}`;
  const scorer = m[1] as string;
  if (!scorerIds.includes(scorer))
    return `no scorer "${scorer}" in this suite (scorers: ${scorerIds.join(', ') || 'none'})`;
  if (m[3] !== undefined && Number(m[3]) < 1) return 'pass_at_<k> needs k ≥ 1';
  return null;
}

const point = (
  value: number | null,
  n: number,
  method = 'point estimate (no interval)',
): Estimate => ({ estimate: value, low: value, high: value, method, n });

export function resolveMetric(
  metric: string,
  model: ModelSummary,
  comparison: Comparison | null,
): Estimate | null {
  switch (metric) {
    case 'latency.p50_ms':
      return model.latency.p50;
    case 'latency.p95_ms':
      return model.latency.p95;
    case 'latency.p99_ms':
      return model.latency.p99;
    case 'latency.mean_ms':
      return point(model.latency.meanMs, model.latency.n);
    case 'cost.per_success_usd':
      return model.operational.costPerSuccessUsd;
    case 'cost.total_usd':
      return point(model.operational.totalCostUsd, model.responses);
    case 'error_rate':
      return model.operational.errorRate;
    case 'throughput.rps':
      return point(model.operational.throughputPerSecond, model.responses);
    case 'tokens_per_second':
      return model.operational.tokensPerSecond;
  }
  const m = scorerMetric.exec(metric);
  if (!m) return null;
  const key = m[1] as string;
  if (m[2] === 'delta')
    return comparison?.scorers.find((s) => s.scorerKey === key)?.difference ?? null;
  const scorer = model.scorers.find((s) => s.scorerKey === key);
  if (!scorer) return null;
  if (m[2] === 'pass_rate') return scorer.passRate;
  if (m[2] === 'mean') return scorer.mean;
  const k = Number(m[3]);
  const found = scorer.passAtK?.find((p) => p.k === k);
  if (found) return point(found.estimate, scorer.items, 'pass@k (unbiased estimator; no interval)');
  return k === 1 ? scorer.passRate : null;
}
