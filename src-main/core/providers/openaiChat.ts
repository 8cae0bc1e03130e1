/**
 * The OpenAI chat-completions protocol, shared by OpenAI, Azure OpenAI and every
 * OpenAI-compatible server. This is the engine's hot path (thousands of calls a second against
 * local servers), so responses are not schema-parsed: only the few fields read are checked.
 */
import type { EventSourceMessage } from 'eventsource-parser';
import {
  isEventStream,
  malformed,
  parseJson,
  readEvents,
  readText,
  send,
  throwIfError,
  type HttpEndpoint,
  type HttpResponse,
} from './http/client';
import { classOfStatus, redactKey } from './errors';
import { CallClock } from './timing';
import { ProviderError, type CompletionRequest, type CompletionResult } from './types';

export interface OpenAiChatTarget extends HttpEndpoint {
  /** Full URL of the chat-completions endpoint for a model. */
  chatUrl: (model: string) => string;
  /** Auth and content-type headers, built once per adapter. */
  headers: Record<string, string>;
  /** Newer OpenAI models only accept `max_completion_tokens`; most servers `max_tokens`. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Ask for usage in streams (`stream_options.include_usage`). */
  streamUsage: boolean;
}

interface ChatUsage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
}

function tokenCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function requestBody(target: OpenAiChatTarget, request: CompletionRequest): string {
  const p = request.params;
  return JSON.stringify({
    model: request.model,
    messages: request.messages,
    temperature: p.temperature,
    top_p: p.top_p,
    [target.maxTokensField]: p.max_tokens,
    seed: p.seed,
    stop: p.stop && p.stop.length > 0 ? p.stop : undefined,
    stream: request.stream ? true : undefined,
    stream_options: request.stream && target.streamUsage ? { include_usage: true } : undefined,
  });
}

function headersFor(target: OpenAiChatTarget, tag: string | undefined): Record<string, string> {
  return tag === undefined ? target.headers : { ...target.headers, 'x-yardstick-cell': tag };
}

/** An error object inside a 200 body or a stream event (OpenRouter and some servers do this). */
function embeddedError(target: OpenAiChatTarget, error: unknown, status: number): ProviderError {
  const e = error as { message?: unknown; code?: unknown };
  const code = typeof e?.code === 'number' ? e.code : null;
  const message =
    typeof e?.message === 'string' ? redactKey(e.message, target.key) : 'unknown error';
  return new ProviderError(
    code !== null ? classOfStatus(code) : 'server',
    `${target.label} reported an error: ${message.slice(0, 500)}`,
    { httpStatus: code ?? status },
  );
}

export async function completeOpenAiChat(
  target: OpenAiChatTarget,
  request: CompletionRequest,
): Promise<CompletionResult> {
  const clock = new CallClock();
  const response = await send(target, target.chatUrl(request.model), {
    headers: headersFor(target, request.requestTag),
    body: requestBody(target, request),
    signal: request.signal,
    wire: clock.wire,
  });
  await throwIfError(target, response);
  if (request.stream && isEventStream(response))
    return readStream(target, response, request, clock);
  const text = await readText(response);
  return resultOfBody(
    target,
    parseJson(target, text, response.statusCode),
    response.statusCode,
    clock,
  );
}

function resultOfBody(
  target: OpenAiChatTarget,
  body: unknown,
  status: number,
  clock: CallClock,
): CompletionResult {
  const json = body as { choices?: unknown; usage?: ChatUsage; error?: unknown } | null;
  if (json && json.error !== undefined && json.choices === undefined)
    throw embeddedError(target, json.error, status);
  const choice = Array.isArray(json?.choices)
    ? (json.choices[0] as { message?: { content?: unknown }; finish_reason?: unknown } | undefined)
    : undefined;
  if (!choice || typeof choice !== 'object')
    throw malformed(target, 'the response has no choices', status);
  const content = choice.message?.content;
  if (content !== null && content !== undefined && typeof content !== 'string')
    throw malformed(target, 'choices[0].message.content is not text', status);
  const timing = clock.finish();
  return {
    text: content ?? '',
    finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
    inputTokens: tokenCount(json?.usage?.prompt_tokens),
    outputTokens: tokenCount(json?.usage?.completion_tokens),
    timing,
    httpStatus: status,
  };
}

async function readStream(
  target: OpenAiChatTarget,
  response: HttpResponse,
  request: CompletionRequest,
  clock: CallClock,
): Promise<CompletionResult> {
  const status = response.statusCode;
  let text = '';
  let finishReason: string | null = null;
  let usage: ChatUsage | null = null;
  const onEvent = (event: EventSourceMessage): boolean => {
    const data = event.data;
    if (data === '[DONE]') return true;
    let chunk: { choices?: unknown; usage?: ChatUsage | null; error?: unknown };
    try {
      chunk = JSON.parse(data) as typeof chunk;
    } catch {
      throw malformed(
        target,
        `a stream event is not valid JSON: ${JSON.stringify(data.slice(0, 40))}`,
        status,
      );
    }
    if (chunk.error !== undefined) throw embeddedError(target, chunk.error, status);
    if (chunk.usage) usage = chunk.usage;
    const choice = Array.isArray(chunk.choices)
      ? (chunk.choices[0] as { delta?: { content?: unknown }; finish_reason?: unknown } | undefined)
      : undefined;
    if (choice) {
      const piece = choice.delta?.content;
      if (typeof piece === 'string' && piece.length > 0) {
        clock.chunk(piece);
        text += piece;
      }
      if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason;
    }
    return false;
  };
  // Some servers close the stream after the finish reason without `[DONE]`; that is complete.
  await readEvents(target, response, onEvent, () => finishReason !== null, clock);
  const timing = clock.finish();
  const finalUsage = usage as ChatUsage | null;
  return {
    text,
    finishReason,
    inputTokens: tokenCount(finalUsage?.prompt_tokens),
    outputTokens: tokenCount(finalUsage?.completion_tokens),
    timing,
    httpStatus: status,
  };
}
