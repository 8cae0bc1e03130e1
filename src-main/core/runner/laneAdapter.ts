import { ProviderConfigError, providerRegistry } from '../providers/registry';
import type { ProviderAdapter } from '../providers/types';
import { completeUsage } from '../tokens/estimate';
import type { UsageCompleter } from './measure';
import type { LaneSpec } from './protocol';

/**
 * The adapter of one lane, created in the engine worker. Its keep-alive connection pool is
 * sized to the lane's concurrency where the kind has that setting (HTTP kinds), so the pool
 * is never the bottleneck and never opens more sockets than requests in flight.
 */
export function createLaneAdapter(spec: LaneSpec): ProviderAdapter {
  const deps = { secret: (name: string) => spec.secrets[name] };
  const config = (spec.config ?? {}) as Record<string, unknown>;
  const sized = { ...config, maxConnections: config.maxConnections ?? spec.limits.concurrency };
  try {
    return providerRegistry.create(spec.kind, sized, deps);
  } catch (error) {
    // Kinds without a connection pool (in-process models) refuse the extra field.
    if (!(error instanceof ProviderConfigError)) throw error;
    return providerRegistry.create(spec.kind, config, deps);
  }
}

/**
 * Fills token counts a provider did not report with a real tokenizer (core/tokens), loaded
 * the first time a response needs it; such counts are marked as estimates.
 */
export const completeUsageWithTokenizer: UsageCompleter = async (model, messages, result) => {
  const usage = await completeUsage({
    model,
    messages,
    outputText: result.text,
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
  });
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    isTokenEstimate: usage.isEstimate,
  };
};
