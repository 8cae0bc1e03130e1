/**
 * Configuration and log shapes of the provider simulator. Everything here is plain JSON so a
 * benchmark can send it over `POST /__sim/config` to a simulator in another process.
 */

/** A latency distribution in milliseconds; sampled from the simulator's seeded stream. */
export type LatencySpec =
  | number
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /** Log-normal with the given median; `sigma` is the standard deviation of ln(latency). */
  | { kind: 'lognormal'; medianMs: number; sigma: number };

/** What a request may be made to suffer instead of (or on the way to) a normal reply. */
export type FaultKind =
  | 'ok'
  /** 429 with `Retry-After` in seconds (and `retry-after-ms` / Gemini RetryInfo). */
  | 'rate_limit'
  /** 429 with `Retry-After` as an HTTP date. */
  | 'rate_limit_date'
  /** 429 with only the provider's rate-limit reset headers (x-ratelimit-*, anthropic-ratelimit-*). */
  | 'rate_limit_reset'
  /** 429 with no hint of when to retry. */
  | 'rate_limit_bare'
  | 'server_500'
  | 'server_503'
  | 'auth'
  | 'bad_request'
  /** The connection is reset before any response byte. */
  | 'reset'
  /** 200 with a body (or a stream event) that is not JSON. */
  | 'malformed'
  /** The stream (or body) stops half-way without its terminal event. */
  | 'truncated'
  /** Headers (and for streams the first event) are sent, then nothing until `stallMs`. */
  | 'slow_loris'
  /** Nothing is sent until `stallMs`: the client's timeout has to fire. */
  | 'timeout';

export interface FaultSpec {
  /** Probability of each fault per request (seeded); the rest are `ok`. */
  rates?: Partial<Record<Exclude<FaultKind, 'ok'>, number>>;
  /** The n-th request the simulator receives gets `script[n]` (then rates apply). */
  script?: FaultKind[];
  /**
   * The n-th request carrying the same `X-Yardstick-Cell` tag gets `perCell[n]`: e.g.
   * `['rate_limit', 'ok']` makes every cell's first attempt a 429 and its retry succeed.
   */
  perCell?: FaultKind[];
  /** Retry hint sent with 429s (default 1000 ms). */
  retryAfterMs?: number;
  /** How long slow-loris and timeout faults stall before the server gives up (default 10 min). */
  stallMs?: number;
}

export type ResponderSpec =
  /** The last user message, verbatim. */
  | { kind: 'echo' }
  | { kind: 'fixed'; text: string }
  /** Seeded pseudo-random words; the same request gives the same text. */
  | { kind: 'random'; words?: number }
  /**
   * A deterministic LLM judge. Pointwise prompts get `{"score": n, "reasoning": "…"}`;
   * prompts holding two labelled answers (A and B) get `{"winner": "A"|"B"|"tie", …}`.
   */
  | {
      kind: 'judge';
      /** `auto` picks pairwise when the prompt holds answers A and B. */
      mode?: 'auto' | 'pointwise' | 'pairwise';
      /** Inclusive score range for pointwise verdicts (default 1..5). */
      scale?: [number, number];
      /** Probability (deterministic per prompt) of preferring the first answer regardless. */
      positionBias?: number;
      /** Quality difference below which the verdict is a tie (default 0.05). */
      tieMargin?: number;
      /** Wrap the JSON in a ```json fence, as chatty models do. */
      fenced?: boolean;
    };

/** Behaviour that can differ per model name. */
export interface ModelBehaviour {
  /** Time to the response (non-streaming) or to the first token (streaming). Default 0. */
  latency?: LatencySpec;
  /** Generation speed; 0 means instant. Adds output/tps to non-streaming latency too. */
  tokensPerSecond?: number;
  responder?: ResponderSpec;
  faults?: FaultSpec;
  /** Leave the usage block out of responses (to exercise token estimation). */
  omitUsage?: boolean;
}

/** Server identity for local-server detection tests: which extra endpoints it answers. */
export type SimulatedServer = 'openai' | 'ollama' | 'lmstudio' | 'llamacpp' | 'vllm' | 'litellm';

export interface SimulatorConfig extends ModelBehaviour {
  /** Overrides per model name (merged over the defaults above). */
  models?: Record<string, ModelBehaviour>;
  /** When set, requests must carry this key (Bearer / x-api-key / api-key / x-goog-api-key). */
  apiKey?: string | null;
  /** Models listed by the list-models endpoints. */
  modelList?: string[];
  /** Length of embedding vectors (default 8). */
  embeddingDimensions?: number;
  server?: SimulatedServer;
  /** Seed of every random choice (latency samples, fault rates, random text). */
  seed?: number;
  /** Keep at most this many log entries (oldest dropped first; default 1,000,000). */
  logLimit?: number;
}

export interface SimulatorOptions extends SimulatorConfig {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
}

export type SimRoute =
  | 'openai.chat'
  | 'openai.embeddings'
  | 'openai.models'
  | 'azure.chat'
  | 'azure.embeddings'
  | 'azure.models'
  | 'anthropic.messages'
  | 'anthropic.models'
  | 'gemini.generate'
  | 'gemini.stream'
  | 'gemini.embed'
  | 'gemini.models'
  | 'server.identity'
  | 'not_found';

/** One request as the simulator saw it. */
export interface SimLogEntry {
  seq: number;
  /** `Date.now()` when the request's headers arrived. */
  receivedAt: number;
  route: SimRoute;
  method: string;
  path: string;
  /** The `X-Yardstick-Cell` header, if sent. */
  tag: string | null;
  model: string | null;
  stream: boolean;
  status: number | null;
  fault: FaultKind;
  /** Server-measured: request headers received → last byte written (or connection closed). */
  latencyMs: number | null;
  /** High-resolution epoch times (`performance.timeOrigin + performance.now()`, comparable
   * across processes on one machine) of the request handler starting and the reply's last byte
   * handed to the socket: where a client's extra latency arose, on the way in or out. */
  startedAtEpoch: number;
  finishedAtEpoch: number | null;
  /** The client went away before the response was complete. */
  clientAborted: boolean;
}

export interface Simulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43123`. */
  url: string;
  port: number;
  /** A copy of the request log, oldest first. */
  log(): SimLogEntry[];
  clearLog(): void;
  /** Merges `patch` into the running configuration (faults, latency, responders…). */
  setConfig(patch: SimulatorConfig): void;
  config(): SimulatorConfig;
  close(): Promise<void>;
}
