import {
  ProviderError,
  type ChatMessage,
  type CompletionResult,
  type ProviderErrorClass,
} from '../providers/types';

/** Counts tokens where a provider reported no usage (results are then marked estimated). */
export interface TokenEstimator {
  messages(messages: readonly ChatMessage[]): number;
  text(text: string): number;
}

/** Token counts of one response: the provider's, or estimated for what it did not report. */
export interface Usage {
  inputTokens: number | null;
  outputTokens: number | null;
  isTokenEstimate: boolean;
}

/** Completes a response's usage (may load a tokenizer the first time it is needed). */
export type UsageCompleter = (
  model: string,
  messages: readonly ChatMessage[],
  result: CompletionResult,
) => Promise<Usage>;

export interface Measured {
  inputTokens: number | null;
  outputTokens: number | null;
  isTokenEstimate: boolean;
  latencyMs: number;
  ttftMs: number | null;
  interTokenMs: number | null;
  tokensPerSecond: number | null;
}

/**
 * Per-response measurements from the adapter's `performance.now()` timestamps: wall latency,
 * time to first token and mean inter-token gap when streaming, and output tokens per second —
 * decode speed after the first token when streamed ((n − 1) / (end − first token)), else
 * n / wall latency.
 */
export function measure(result: CompletionResult, usage: Usage): Measured {
  const { startedAt, firstTokenAt, endedAt, interTokenMs } = result.timing;
  const { inputTokens, outputTokens, isTokenEstimate } = usage;
  const latencyMs = Math.max(0, endedAt - startedAt);
  const ttftMs = firstTokenAt === null ? null : Math.max(0, firstTokenAt - startedAt);
  let tokensPerSecond: number | null = null;
  if (outputTokens !== null && outputTokens > 0) {
    const decodeMs = firstTokenAt === null ? 0 : endedAt - firstTokenAt;
    if (firstTokenAt !== null && outputTokens > 1 && decodeMs > 0)
      tokensPerSecond = ((outputTokens - 1) * 1000) / decodeMs;
    else if (latencyMs > 0) tokensPerSecond = (outputTokens * 1000) / latencyMs;
  }
  return {
    inputTokens,
    outputTokens,
    isTokenEstimate,
    latencyMs,
    ttftMs,
    interTokenMs,
    tokensPerSecond,
  };
}

/** Error classes as stored: the provider classes plus `internal` (a bug, never retried). */
export type EngineErrorClass = ProviderErrorClass | 'internal';

const retryable = new Set<EngineErrorClass>([
  'rate_limited',
  'server',
  'timeout',
  'network',
  'malformed',
  'truncated',
]);

export function isRetryable(errorClass: EngineErrorClass): boolean {
  return retryable.has(errorClass);
}

const socketCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

export interface ClassifiedError {
  errorClass: EngineErrorClass;
  message: string;
  httpStatus: number | null;
  retryAfterMs: number | null;
}

/**
 * Classifies a failed attempt. The engine knows better than the adapter why a signal fired:
 * its own timeout is `timeout` and a cancel is `cancelled`, whatever the adapter threw.
 */
export function classifyError(error: unknown, signal: AbortSignal): ClassifiedError {
  const reason: unknown = signal.aborted ? signal.reason : undefined;
  const reasonName = reason instanceof Error ? reason.name : '';
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const details = error instanceof ProviderError ? error.details : {};
  const httpStatus = details.httpStatus ?? null;
  const retryAfterMs = details.retryAfterMs ?? null;
  if (reasonName === 'TimeoutError')
    return {
      errorClass: 'timeout',
      message: reason instanceof Error ? reason.message : message,
      httpStatus,
      retryAfterMs,
    };
  if (signal.aborted) return { errorClass: 'cancelled', message, httpStatus, retryAfterMs };
  if (error instanceof ProviderError)
    return { errorClass: error.errorClass, message, httpStatus, retryAfterMs };
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = (error as { code?: unknown } | null)?.code ?? cause?.code;
  if (typeof code === 'string' && socketCodes.has(code))
    return { errorClass: 'network', message, httpStatus, retryAfterMs };
  return { errorClass: 'internal', message, httpStatus, retryAfterMs };
}
