import type { z } from 'zod';

/**
 * The provider adapter contract. Every adapter (hosted APIs, OpenAI-compatible servers, the
 * in-process GGUF model) implements it; the engine owns retries, limits and timing policy,
 * so adapters make exactly one attempt per call and never retry on their own.
 */

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** Sampling parameters as the suite states them (snake_case, as in the suite YAML). */
export interface SamplingParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
}

export interface CompletionRequest {
  /** The provider's model id (e.g. `gpt-4o-mini`, `claude-sonnet-4-5`, a GGUF path). */
  model: string;
  messages: ChatMessage[];
  params: SamplingParams;
  /** Stream when the adapter supports it: needed for time-to-first-token. */
  stream: boolean;
  /**
   * Aborted by the engine on timeout, pause or cancel. Adapters report `timeout` when
   * `signal.reason` is named `TimeoutError` (as `AbortSignal.timeout` makes it) or is a
   * `ProviderError('timeout')`, and `cancelled` for any other reason.
   */
  signal: AbortSignal;
  /**
   * Opaque id of the cell this call serves; HTTP adapters send it as `X-Yardstick-Cell` so
   * a server's request log can be matched to stored results. Not part of the cache key.
   */
  requestTag?: string;
}

export interface CompletionTiming {
  /** `performance.now()` values, in the thread that made the call. */
  startedAt: number;
  firstTokenAt: number | null;
  endedAt: number;
  /** Mean gap between streamed content chunks, when streaming. */
  interTokenMs: number | null;
}

export interface CompletionResult {
  text: string;
  finishReason: string | null;
  /** From the provider's usage report; null when it gave none (the engine then estimates). */
  inputTokens: number | null;
  outputTokens: number | null;
  timing: CompletionTiming;
  httpStatus: number | null;
}

/** Why a call failed, in classes the engine's retry policy and the UI understand. */
export type ProviderErrorClass =
  | 'rate_limited' // 429
  | 'server' // 5xx
  | 'timeout'
  | 'network' // reset, refused, DNS
  | 'malformed' // unparseable body or stream
  | 'truncated' // stream ended before its terminal event
  | 'auth' // 401/403
  | 'bad_request' // other 4xx: retrying will not help
  | 'cancelled'
  | 'unavailable'; // e.g. local model file missing

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly errorClass: ProviderErrorClass,
    message: string,
    readonly details: {
      httpStatus?: number | null;
      /** From Retry-After or rate-limit reset headers. */
      retryAfterMs?: number | null;
    } = {},
  ) {
    super(message);
  }

  get isRetryable(): boolean {
    return ['rate_limited', 'server', 'timeout', 'network', 'malformed', 'truncated'].includes(
      this.errorClass,
    );
  }
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** Models the endpoint lists, when it can. */
  models?: string[];
  latencyMs?: number;
}

export interface ProviderAdapter {
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** Present only where the API offers embeddings. */
  embed?(request: { model: string; inputs: string[]; signal: AbortSignal }): Promise<number[][]>;
  testConnection(signal: AbortSignal): Promise<ConnectionTest>;
  close?(): Promise<void>;
}

export interface ProviderCapabilities {
  streaming: boolean;
  embeddings: boolean;
  /** Runs on this machine (in-process or loopback): personal data may be sent to it. */
  local: boolean;
}

export interface ProviderDeps {
  /** Reads an API key by name (environment first, then the sealed store). */
  secret(name: string): string | undefined;
}

/**
 * A provider kind in the registry: looked up by exact `id`. Adding a provider = one file
 * exporting `defineProvider({...})` plus one line in the registry.
 */
export interface ProviderDefinition<C = unknown> {
  id: string;
  label: string;
  configSchema: z.ZodType<C>;
  /** Name of the secret holding the API key, if the kind needs one (e.g. OPENAI_API_KEY). */
  secretName?: string;
  capabilities(config: C): ProviderCapabilities;
  create(config: C, deps: ProviderDeps): ProviderAdapter;
}

export function defineProvider<C>(definition: ProviderDefinition<C>): ProviderDefinition<C> {
  return definition;
}
