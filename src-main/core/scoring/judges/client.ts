/**
 * Judge calls go through the same provider adapters as the run itself. A resolver turns a
 * judge spec (a provider kind, preset or configured provider label, plus an optional base URL
 * and config, exactly like a suite model) into an adapter; each call is one attempt at
 * temperature 0, and its cost comes from the workspace's pricing table (local providers cost
 * nothing; an unknown price stays unknown rather than guessed).
 */
import type { ProviderAdapter } from '../../providers/types';
import { nowIso } from '../../util/time';
import type { ScoringRepo } from '../repo';
import type { JudgeCompletion } from '../types';

export interface JudgeTarget {
  provider: string;
  model: string;
  base_url?: string | undefined;
  config?: Record<string, unknown> | undefined;
}

export interface ResolvedJudgeProvider {
  adapter: ProviderAdapter;
  /** The provider kind, for the pricing table. */
  kind: string;
  isLocal: boolean;
}

/** Finds the adapter for a judge; throws a clear error when it cannot. */
export type JudgeProviderResolver = (
  target: JudgeTarget,
) => ResolvedJudgeProvider | Promise<ResolvedJudgeProvider>;

export function judgeCompletion(
  resolve: JudgeProviderResolver,
  repo: ScoringRepo,
): JudgeCompletion {
  const cache = new Map<string, Promise<ResolvedJudgeProvider>>();
  return async (request) => {
    const target = request.judge;
    const key = JSON.stringify([target.provider, target.base_url ?? null, target.config ?? null]);
    let resolved = cache.get(key);
    if (!resolved) {
      resolved = Promise.resolve().then(() => resolve(target));
      cache.set(key, resolved);
    }
    const { adapter, kind, isLocal } = await resolved;
    const result = await adapter.complete({
      model: target.model,
      messages: [
        { role: 'system', content: request.system },
        { role: 'user', content: request.user },
      ],
      params: { temperature: 0, max_tokens: request.maxTokens },
      stream: false,
      signal: request.signal,
      requestTag: 'judge',
    });
    const price = isLocal
      ? { input_usd_per_mtok: 0, output_usd_per_mtok: 0 }
      : repo.price(kind, target.model, nowIso());
    const costUsd =
      price && result.inputTokens !== null && result.outputTokens !== null
        ? (result.inputTokens * price.input_usd_per_mtok +
            result.outputTokens * price.output_usd_per_mtok) /
          1e6
        : null;
    return {
      text: result.text,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      costUsd,
    };
  };
}
