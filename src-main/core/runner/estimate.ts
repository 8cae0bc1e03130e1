import type { RunEstimate } from '@contract/routes/runs';
import type { CoreContext } from '../context';
import type { ChatMessage } from '../providers/types';
import { compilePrompt, renderMessages } from '../suites/template';
import type { CheckedSuite } from '../suites/validate';
import type { CostFn } from './execution';
import { effectiveParams } from './manifest';
import type { TokenEstimator } from './measure';
import { limitsWithProviderDefaults } from './laneLimits';
import { shardOf, type PlanOptions } from './planner';
import { quantileSorted } from '../stats/descriptive';
import type { ResolvedProvider } from '../suites/validate';

/** Output tokens assumed per cell when a suite sets no max_tokens. */
export const defaultMaxOutputTokens = 512;

const charsPerToken = 4;

function countTokens(messages: readonly ChatMessage[], estimator: TokenEstimator | null): number {
  if (estimator) return estimator.messages(messages);
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return Math.ceil(chars / charsPerToken);
}

/**
 * What a run of this suite would send: cells, input tokens (rendered prompts, counted with a
 * tokenizer when one is given, else ~4 characters per token) and an upper bound on output
 * tokens and cost (every cell producing max_tokens).
 */
/** Earlier latencies of a model on a provider, newest first (see `ResponsesRepo.recentLatencies`). */
export type LatencyHistory = (provider: ResolvedProvider, model: string) => number[];

/** Responses of history a time estimate uses at most. */
export const latencyHistoryLimit = 500;

export function latencyHistoryFrom(ctx: Pick<CoreContext, 'repos'>): LatencyHistory {
  return (provider, model) =>
    ctx.repos.responses.recentLatencies(
      provider.kind,
      provider.providerId,
      provider.resolvedModel ?? model,
      latencyHistoryLimit,
    );
}

/**
 * How long one model's cells take alone: the median earlier latency per request, spread over
 * the lane's concurrency, unless the RPM limit is slower. Null without history.
 */
function durationOf(
  cells: number,
  latencies: readonly number[],
  limits: { concurrency: number; rpm: number | undefined },
): number | null {
  if (latencies.length === 0 || cells === 0) return latencies.length === 0 ? null : 0;
  const median = quantileSorted(
    [...latencies].sort((a, b) => a - b),
    0.5,
  );
  const byLatency = (cells * median) / limits.concurrency;
  const byRpm = limits.rpm ? (cells / limits.rpm) * 60_000 : 0;
  return Math.max(byLatency, byRpm);
}

/** The lane limits the engine will use (`lanes.ts`): by provider key, suite name, then kind. */
function laneLimits(
  checked: CheckedSuite,
  byProvider: CheckedSuite['suite']['run']['providers'],
  provider: ResolvedProvider,
  providerName: string,
) {
  const run = checked.suite.run;
  const limits =
    byProvider[provider.key] ?? byProvider[providerName] ?? byProvider[provider.kind] ?? {};
  return {
    concurrency: Math.min(
      limits.concurrency ?? run.concurrency,
      provider.maxConcurrency ?? Infinity,
    ),
    rpm: limits.rpm,
  };
}

export function estimateRun(
  ctx: Pick<CoreContext, 'repos'>,
  checked: CheckedSuite,
  options: PlanOptions,
  estimator: TokenEstimator | null,
  cost: CostFn | null,
  history: LatencyHistory | null = null,
): RunEstimate {
  const suite = checked.suite;
  const prompts = suite.prompts.map(compilePrompt);
  const limit = Math.min(checked.itemCount, options.limit ?? Infinity);
  let itemCount = 0;
  let inputTokens = 0;
  for (const row of ctx.repos.runInputs.templateItems(checked.version.id, limit)) {
    if (options.shard && shardOf(row.item_key, options.shard.count) !== options.shard.index)
      continue;
    itemCount += 1;
    const item = {
      key: row.item_key,
      inputFormat: row.input_format,
      input: row.input,
      reference: row.reference,
      category: row.category,
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    };
    for (const prompt of prompts)
      inputTokens += countTokens(renderMessages(prompt, item), estimator);
  }
  const cellsPerModel = itemCount * prompts.length * suite.repeats;
  let total: number | null = 0;
  let pricedTotal = 0;
  const unpricedModelKeys: string[] = [];
  const laneMs = new Map<string, number | null>();
  const byProvider = limitsWithProviderDefaults(ctx, checked);
  const models = suite.models.map((model) => {
    const params = effectiveParams(suite.params, model.params);
    const modelInput = inputTokens * suite.repeats;
    const maxOutputTokens = cellsPerModel * (params.max_tokens ?? defaultMaxOutputTokens);
    const provider = checked.providers.get(model.id);
    const usd =
      provider && cost ? cost(provider.kind, model.model, modelInput, maxOutputTokens) : null;
    total = usd === null || total === null ? null : total + usd;
    if (usd === null) unpricedModelKeys.push(model.id);
    else pricedTotal += usd;
    const latencies = provider && history ? history(provider, model.model) : [];
    const estimatedMs = provider
      ? durationOf(
          cellsPerModel,
          latencies,
          laneLimits(checked, byProvider, provider, model.provider),
        )
      : null;
    // Models on one lane share its concurrency: their times add up.
    const lane = provider?.key ?? model.id;
    const sofar = laneMs.has(lane) ? (laneMs.get(lane) ?? null) : 0;
    laneMs.set(lane, estimatedMs === null || sofar === null ? null : sofar + estimatedMs);
    return {
      modelKey: model.id,
      cells: cellsPerModel,
      inputTokens: modelInput,
      maxOutputTokens,
      maxCostUsd: usd,
      estimatedMs,
      latencySamples: latencies.length,
    };
  });
  const lanes = [...laneMs.values()];
  return {
    itemCount,
    cellCount: cellsPerModel * suite.models.length,
    models,
    maxCostUsd: total,
    pricedMaxCostUsd: pricedTotal,
    unpricedModelKeys,
    estimatedMs: lanes.some((ms) => ms === null) ? null : Math.max(0, ...(lanes as number[])),
    isTokenEstimate: true,
  };
}
