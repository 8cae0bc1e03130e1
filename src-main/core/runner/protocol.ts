import type { ChatMessage, SamplingParams } from '../providers/types';
import type { BackoffOptions } from './backoff';
import type { CircuitBreakerOptions, CircuitState } from './circuitBreaker';
import type { LimiterOptions } from './limiter';

/**
 * Messages between the main thread (planner, single writer, progress) and the engine worker
 * (scheduler, limiters, adapters). Everything here is structured-clone safe.
 */

/** One provider as the engine sees it: adapter config plus its limits. */
export interface LaneSpec {
  key: string;
  kind: string;
  config: unknown;
  /** Secret values the adapter may ask for by name (resolved by the main thread). */
  secrets: Record<string, string>;
  limits: LimiterOptions;
}

export interface EngineModelSpec {
  modelKey: string;
  laneKey: string;
  /** The provider's model id. */
  model: string;
  stream: boolean;
}

export interface EngineSettings {
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  breaker: CircuitBreakerOptions;
  backoff: BackoffOptions;
  /** Seeds the retry jitter (reproducible schedules in tests). */
  seed: number;
}

/** A cell ready to send: messages rendered and params resolved by the main thread. */
export interface WorkCell {
  cellId: string;
  ordinal: number;
  modelKey: string;
  messages: ChatMessage[];
  params: SamplingParams;
  /** Estimated input + maximum output tokens (for TPM limits). */
  estTokens: number;
}

/** How one cell ended in this session. Cancelled cells produce none: they stay pending. */
export interface CellOutcome {
  cellId: string;
  modelKey: string;
  ok: boolean;
  text: string | null;
  finishReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  isTokenEstimate: boolean;
  latencyMs: number | null;
  ttftMs: number | null;
  interTokenMs: number | null;
  tokensPerSecond: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  httpStatus: number | null;
  attempts: number;
  isColdStart: boolean;
  /** Epoch ms when the final attempt started. */
  startedAtMs: number | null;
}

export interface LaneStatus {
  key: string;
  circuit: CircuitState | 'tripped';
  inFlight: number;
  concurrency: number;
  pausedUntilMs: number | null;
}

export type ToWorker =
  | { type: 'init'; lanes: LaneSpec[]; models: EngineModelSpec[]; settings: EngineSettings }
  | { type: 'cells'; modelKey: string; cells: WorkCell[]; exhausted: boolean }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'need'; modelKey: string; count: number }
  | { type: 'outcomes'; outcomes: CellOutcome[] }
  | { type: 'lanes'; lanes: LaneStatus[] }
  | { type: 'paused' }
  | { type: 'drained' }
  | { type: 'cancelled' }
  | { type: 'fatal'; message: string };
