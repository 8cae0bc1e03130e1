import type { CompletionResult } from '../providers/types';
import type { Measured } from './measure';
import type { CellOutcome } from './protocol';

/** Who an outcome is about: the cell, its model, and how its attempts went. */
export interface OutcomeSubject {
  cellId: string;
  modelKey: string;
  attempts: number;
  isColdStart: boolean;
}

/** The abort reason of the engine's per-request timeout (adapters check its name). */
export function timeoutReason(ms: number): Error {
  const error = new Error(`no complete response within ${ms} ms`);
  error.name = 'TimeoutError';
  return error;
}

/** The abort reason of a cancelled run. */
export function cancelReason(): Error {
  const error = new Error('the run was cancelled');
  error.name = 'AbortError';
  return error;
}

export function successOutcome(
  subject: OutcomeSubject,
  result: CompletionResult,
  measured: Measured,
  startedAtMs: number,
): CellOutcome {
  return {
    ...subject,
    ok: true,
    text: result.text,
    finishReason: result.finishReason,
    ...measured,
    errorClass: null,
    errorMessage: null,
    httpStatus: result.httpStatus,
    startedAtMs,
  };
}

export function failureOutcome(
  subject: OutcomeSubject,
  failure: { errorClass: string; message: string; httpStatus: number | null },
  latencyMs: number | null,
  startedAtMs: number | null,
): CellOutcome {
  return {
    ...subject,
    ok: false,
    text: null,
    finishReason: null,
    inputTokens: null,
    outputTokens: null,
    isTokenEstimate: false,
    latencyMs,
    ttftMs: null,
    interTokenMs: null,
    tokensPerSecond: null,
    errorClass: failure.errorClass,
    errorMessage: failure.message,
    httpStatus: failure.httpStatus,
    startedAtMs,
  };
}
