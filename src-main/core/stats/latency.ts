/**
 * Latency percentiles with bootstrap intervals, plus the operational rates of a run: error rate,
 * throughput, tokens per second and cost per successful task. Cached responses and the
 * cold-start first request per provider are excluded from latency by default (they measure the
 * cache and the model load, not the model).
 */
import { bootstrapMean, type BootstrapInterval } from './bootstrap';
import { quantileSorted } from './descriptive';
import { wilsonInterval, type Interval, type ProportionEstimate } from './proportion';
import { chunkSeeds, resampleChunkSize } from './resampleKernels';
import { createRandom } from './random';

export interface ResponseTiming {
  latencyMs: number | null;
  tokensPerSecond: number | null;
  costUsd: number | null;
  isCached: boolean;
  isColdStart: boolean;
  isError: boolean;
  /** ms since epoch when the request started and when the response was stored. */
  startedAtMs: number | null;
  endedAtMs: number | null;
}

export interface QuantileEstimate extends Interval {
  estimate: number;
}

export interface LatencySummary {
  /** Responses that entered the percentiles. */
  n: number;
  excludedCached: number;
  excludedColdStart: number;
  p50: QuantileEstimate;
  p95: QuantileEstimate;
  p99: QuantileEstimate;
  mean: number;
}

export interface QuantileBootstrapOptions {
  nResamples?: number;
  confidenceLevel?: number;
  seed?: number | string;
}

/**
 * Type-7 quantiles with percentile-bootstrap intervals. Each resample is a multinomial count
 * vector over the sorted values, scanned once for all requested levels: O(n) per resample.
 */
export function bootstrapQuantiles(
  values: ArrayLike<number>,
  levels: readonly number[],
  options: QuantileBootstrapOptions = {},
): QuantileEstimate[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return levels.map(() => ({ estimate: NaN, low: NaN, high: NaN }));
  const nResamples = options.nResamples ?? 2000;
  const alpha = (1 - (options.confidenceLevel ?? 0.95)) / 2;
  const replicates = levels.map(() => new Float64Array(nResamples));
  const counts = new Int32Array(n);
  const seeds = chunkSeeds(options.seed ?? 20240601, nResamples);
  let random = createRandom(seeds[0] as number);
  for (let r = 0; r < nResamples; r++) {
    if (r % resampleChunkSize === 0) random = createRandom(seeds[r / resampleChunkSize] as number);
    counts.fill(0);
    for (let i = 0; i < n; i++) (counts[random.int(n)] as number)++;
    levels.forEach(
      (p, j) => ((replicates[j] as Float64Array)[r] = quantileFromCounts(sorted, counts, p)),
    );
  }
  return levels.map((p, j) => {
    const reps = (replicates[j] as Float64Array).sort();
    return {
      estimate: quantileSorted(sorted, p),
      low: quantileSorted(reps, alpha),
      high: quantileSorted(reps, 1 - alpha),
    };
  });
}

/** Type-7 quantile of the resample described by `counts` over `sorted`. */
function quantileFromCounts(sorted: Float64Array, counts: Int32Array, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lowRank = Math.floor(h);
  const highRank = Math.min(lowRank + 1, n - 1);
  let seen = 0;
  let lowValue = NaN;
  for (let i = 0; i < n; i++) {
    seen += counts[i] as number;
    if (Number.isNaN(lowValue) && seen > lowRank) lowValue = sorted[i] as number;
    if (seen > highRank) return lowValue + (h - lowRank) * ((sorted[i] as number) - lowValue);
  }
  return lowValue;
}

export interface LatencyFilterOptions {
  includeCached?: boolean;
  includeColdStart?: boolean;
}

/**
 * The latencies that enter the percentiles (and the latency charts): successful responses,
 * without cached answers and cold starts unless asked for.
 */
export function percentileLatencies(
  responses: readonly ResponseTiming[],
  options: LatencyFilterOptions = {},
): { latencies: number[]; excludedCached: number; excludedColdStart: number } {
  let excludedCached = 0;
  let excludedColdStart = 0;
  const latencies: number[] = [];
  for (const r of responses) {
    if (r.isError) continue;
    // Counted before the latency check: a cached answer is stored without a latency of its own.
    if (r.isCached && !options.includeCached) {
      excludedCached++;
      continue;
    }
    if (r.latencyMs === null) continue;
    if (r.isColdStart && !options.includeColdStart) {
      excludedColdStart++;
      continue;
    }
    latencies.push(r.latencyMs);
  }
  return { latencies, excludedCached, excludedColdStart };
}

export function latencySummary(
  responses: readonly ResponseTiming[],
  options: QuantileBootstrapOptions & LatencyFilterOptions = {},
): LatencySummary {
  const { latencies, excludedCached, excludedColdStart } = percentileLatencies(responses, options);
  const [p50, p95, p99] = bootstrapQuantiles(latencies, [0.5, 0.95, 0.99], options) as [
    QuantileEstimate,
    QuantileEstimate,
    QuantileEstimate,
  ];
  const meanLatency = latencies.length
    ? latencies.reduce((a, b) => a + b, 0) / latencies.length
    : NaN;
  return {
    n: latencies.length,
    excludedCached,
    excludedColdStart,
    p50,
    p95,
    p99,
    mean: meanLatency,
  };
}

export interface OperationalSummary {
  responses: number;
  errorRate: ProportionEstimate;
  /** Completed responses per second of wall time between the first start and the last end. */
  throughputPerSecond: number | null;
  tokensPerSecond: BootstrapInterval | null;
  totalCostUsd: number;
  /**
   * Total cost divided by successful cells, with a bootstrap interval over cells; null when
   * nothing succeeded or some answered cell has no price (an unpriced model's cost is unknown,
   * not zero).
   */
  costPerSuccessUsd: (Interval & { estimate: number }) | null;
  successes: number;
}

/** Error rate, throughput, tokens/s and cost per success. `isSuccess[i]` says whether cell i succeeded. */
export function operationalSummary(
  responses: readonly ResponseTiming[],
  isSuccess: readonly boolean[],
  options: QuantileBootstrapOptions = {},
): OperationalSummary {
  const errors = responses.filter((r) => r.isError).length;
  const starts = responses.map((r) => r.startedAtMs).filter((v): v is number => v !== null);
  const ends = responses.map((r) => r.endedAtMs).filter((v): v is number => v !== null);
  const spanMs = starts.length && ends.length ? Math.max(...ends) - Math.min(...starts) : 0;
  const completed = responses.length - errors;
  const speeds = responses
    .filter((r) => !r.isError && !r.isCached && r.tokensPerSecond !== null)
    .map((r) => r.tokensPerSecond as number);
  const costs = responses.map((r) => r.costUsd ?? 0);
  const totalCostUsd = costs.reduce((a, b) => a + b, 0);
  const successes = isSuccess.filter(Boolean).length;
  const isPriced = responses.every((r) => r.isError || r.costUsd !== null);
  return {
    responses: responses.length,
    errorRate: wilsonInterval(errors, responses.length, {
      confidenceLevel: options.confidenceLevel ?? 0.95,
    }),
    throughputPerSecond: spanMs > 0 ? (completed * 1000) / spanMs : null,
    tokensPerSecond: speeds.length
      ? bootstrapMean(speeds, {
          ...options,
          method: speeds.length > 1 ? 'bca' : 'percentile',
          nResamples: options.nResamples ?? 2000,
        })
      : null,
    totalCostUsd,
    costPerSuccessUsd:
      successes > 0 && isPriced ? costPerSuccessInterval(costs, isSuccess, options) : null,
    successes,
  };
}

/** Ratio of sums Σcost / Σsuccess, percentile bootstrap over cells. */
function costPerSuccessInterval(
  costs: readonly number[],
  isSuccess: readonly boolean[],
  options: QuantileBootstrapOptions,
): Interval & { estimate: number } {
  const n = costs.length;
  const nResamples = options.nResamples ?? 2000;
  const random = createRandom(options.seed ?? 20240601);
  const alpha = (1 - (options.confidenceLevel ?? 0.95)) / 2;
  const ratios: number[] = [];
  for (let r = 0; r < nResamples; r++) {
    let cost = 0;
    let wins = 0;
    for (let i = 0; i < n; i++) {
      const j = random.int(n);
      cost += costs[j] as number;
      if (isSuccess[j]) wins++;
    }
    if (wins > 0) ratios.push(cost / wins);
  }
  const sorted = Float64Array.from(ratios).sort();
  const estimate = costs.reduce((a, b) => a + b, 0) / isSuccess.filter(Boolean).length;
  return { estimate, low: quantileSorted(sorted, alpha), high: quantileSorted(sorted, 1 - alpha) };
}
