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

// Outcomes are built property by property, in CellOutcome's order, rather than by spreading
// their parts: one object shape for every outcome (the engine thread builds thousands a second,
// and the spread version showed as 2 % of its time in the engine benchmark's profile).

export function successOutcome(
  subject: OutcomeSubject,
  result: CompletionResult,
  measured: Measured,
  startedAtMs: number,
): CellOutcome {
  return {
    cellId: subject.cellId,
    modelKey: subject.modelKey,
    ok: true,
    text: result.text,
    finishReason: result.finishReason,
    inputTokens: measured.inputTokens,
    outputTokens: measured.outputTokens,
    isTokenEstimate: measured.isTokenEstimate,
    latencyMs: measured.latencyMs,
    ttftMs: measured.ttftMs,
    interTokenMs: measured.interTokenMs,
    tokensPerSecond: measured.tokensPerSecond,
    errorClass: null,
    errorMessage: null,
    httpStatus: result.httpStatus,
    attempts: subject.attempts,
    isColdStart: subject.isColdStart,
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
    cellId: subject.cellId,
    modelKey: subject.modelKey,
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
    attempts: subject.attempts,
    isColdStart: subject.isColdStart,
    startedAtMs,
  };
}
