import type { RunEstimate } from '@contract/routes/runs';
import type { CoreContext } from '../context';
import type { ChatMessage } from '../providers/types';
import { compilePrompt, renderMessages } from '../suites/template';
import type { CheckedSuite } from '../suites/validate';
import type { CostFn } from './execution';
import { effectiveParams } from './manifest';
import type { TokenEstimator } from './measure';
import { shardOf, type PlanOptions } from './planner';

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
export function estimateRun(
  ctx: Pick<CoreContext, 'repos'>,
  checked: CheckedSuite,
  options: PlanOptions,
  estimator: TokenEstimator | null,
  cost: CostFn | null,
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
  const models = suite.models.map((model) => {
    const params = effectiveParams(suite.params, model.params);
    const modelInput = inputTokens * suite.repeats;
    const maxOutputTokens = cellsPerModel * (params.max_tokens ?? defaultMaxOutputTokens);
    const provider = checked.providers.get(model.id);
    const usd =
      provider && cost ? cost(provider.kind, model.model, modelInput, maxOutputTokens) : null;
    total = usd === null || total === null ? null : total + usd;
    return {
      modelKey: model.id,
      cells: cellsPerModel,
      inputTokens: modelInput,
      maxOutputTokens,
      maxCostUsd: usd,
    };
  });
  return {
    itemCount,
    cellCount: cellsPerModel * suite.models.length,
    models,
    maxCostUsd: total,
    isTokenEstimate: true,
  };
}
