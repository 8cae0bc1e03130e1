import type { EventSourceMessage } from 'eventsource-parser';
import { z } from 'zod';
import {
  baseUrlField,
  extraHeadersField,
  maxConnectionsField,
  secretNameField,
} from './configFields';
import { missingKey, modelIdsOfDataList, probeModels } from './connection';
import { redactKey } from './errors';
import {
  createAgent,
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
import { isLoopbackUrl, trimBaseUrl } from './http/loopback';
import { CallClock } from './timing';
import {
  defineProvider,
  ProviderError,
  type CompletionRequest,
  type CompletionResult,
  type ProviderErrorClass,
} from './types';

export const anthropicConfig = z.strictObject({
  baseUrl: baseUrlField.default('https://api.anthropic.com'),
  apiKeySecret: secretNameField.default('ANTHROPIC_API_KEY'),
  anthropicVersion: z.string().min(1).default('2023-06-01'),
  defaultMaxTokens: z
    .number()
    .int()
    .min(1)
    .default(1024)
    .describe('max_tokens sent when the suite sets none (the Messages API requires one)'),
  maxConnections: maxConnectionsField,
  headers: extraHeadersField,
});
export type AnthropicConfig = z.infer<typeof anthropicConfig>;

interface AnthropicUsage {
  input_tokens?: unknown;
  output_tokens?: unknown;
  cache_creation_input_tokens?: unknown;
  cache_read_input_tokens?: unknown;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Input tokens include those written to and read from the prompt cache. */
function inputTokensOf(usage: AnthropicUsage | undefined): number | null {
  if (!usage || typeof usage.input_tokens !== 'number') return null;
  return (
    usage.input_tokens +
    count(usage.cache_creation_input_tokens) +
    count(usage.cache_read_input_tokens)
  );
}

const streamErrorClasses: Record<string, ProviderErrorClass> = {
  rate_limit_error: 'rate_limited',
  overloaded_error: 'server',
  api_error: 'server',
  authentication_error: 'auth',
  permission_error: 'auth',
};

interface Target extends HttpEndpoint {
  url: string;
  headers: Record<string, string>;
  defaultMaxTokens: number;
}

function requestBody(target: Target, request: CompletionRequest): string {
  const p = request.params;
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  return JSON.stringify({
    model: request.model,
    max_tokens: p.max_tokens ?? target.defaultMaxTokens,
    system: system.length > 0 ? system.join('\n\n') : undefined,
    messages: request.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role, content: m.content })),
    temperature: p.temperature,
    top_p: p.top_p,
    stop_sequences: p.stop && p.stop.length > 0 ? p.stop : undefined,
    stream: request.stream ? true : undefined,
  });
}

async function complete(target: Target, request: CompletionRequest): Promise<CompletionResult> {
  const clock = new CallClock();
  const headers = request.requestTag
    ? { ...target.headers, 'x-yardstick-cell': request.requestTag }
    : target.headers;
  const response = await send(target, target.url, {
    headers,
    body: requestBody(target, request),
    signal: request.signal,
    wire: clock.wire,
  });
  await throwIfError(target, response);
  if (request.stream && isEventStream(response))
    return readStream(target, response, request.signal, clock);
  const status = response.statusCode;
  const body = parseJson(target, await readText(response), status) as {
    content?: unknown;
    stop_reason?: unknown;
    usage?: AnthropicUsage;
  } | null;
  if (!Array.isArray(body?.content))
    throw malformed(target, 'the response has no content list', status);
  let text = '';
  for (const block of body.content as Array<{ type?: unknown; text?: unknown }>) {
    if (block?.type === 'text' && typeof block.text === 'string') text += block.text;
  }
  const output = body.usage?.output_tokens;
  return {
    text,
    finishReason: typeof body.stop_reason === 'string' ? body.stop_reason : null,
    inputTokens: inputTokensOf(body.usage),
    outputTokens: typeof output === 'number' ? output : null,
    timing: clock.finish(),
    httpStatus: status,
  };
}

/** An `error` event inside a stream (overloaded, rate limited…) as a ProviderError. */
function streamError(target: Target, data: Record<string, unknown>, status: number) {
  const error = data.error as { type?: unknown; message?: unknown } | undefined;
  const type = typeof error?.type === 'string' ? error.type : 'api_error';
  const message = typeof error?.message === 'string' ? redactKey(error.message, target.key) : type;
  return new ProviderError(
    streamErrorClasses[type] ?? 'bad_request',
    `${target.label} stream error (${type}): ${message}`,
    { httpStatus: status },
  );
}

/** Named events: message_start (input usage), text deltas, message_delta, message_stop. */
async function readStream(
  target: Target,
  response: HttpResponse,
  signal: AbortSignal,
  clock: CallClock,
): Promise<CompletionResult> {
  const status = response.statusCode;
  let text = '';
  let stopReason: string | null = null;
  let inputTokens: number | null = null;
  let outputTokens: number | null = null;
  const onEvent = (event: EventSourceMessage): boolean => {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(event.data) as Record<string, unknown>;
    } catch {
      const start = JSON.stringify(event.data.slice(0, 40));
      throw malformed(target, `a stream event is not valid JSON: ${start}`, status);
    }
    switch (data.type) {
      case 'message_start':
        inputTokens = inputTokensOf(
          (data.message as { usage?: AnthropicUsage } | undefined)?.usage,
        );
        return false;
      case 'content_block_delta': {
        const delta = data.delta as { type?: unknown; text?: unknown } | undefined;
        if (delta?.type === 'text_delta' && typeof delta.text === 'string') {
          clock.chunk(delta.text);
          text += delta.text;
        }
        return false;
      }
      case 'message_delta': {
        const reason = (data.delta as { stop_reason?: unknown } | undefined)?.stop_reason;
        if (typeof reason === 'string') stopReason = reason;
        const out = (data.usage as AnthropicUsage | undefined)?.output_tokens;
        if (typeof out === 'number') outputTokens = out;
        return false;
      }
      case 'message_stop':
        return true;
      case 'error':
        throw streamError(target, data, status);
      default:
        return false;
    }
  };
  await readEvents(target, response, onEvent, undefined, clock);
  return {
    text,
    finishReason: stopReason,
    inputTokens,
    outputTokens,
    timing: clock.finish(),
    httpStatus: status,
  };
}

/** Anthropic Messages API (streaming), and the model list for "test connection". */
export const anthropicProvider = defineProvider({
  id: 'anthropic',
  label: 'Anthropic',
  configSchema: anthropicConfig,
  secretName: 'ANTHROPIC_API_KEY',
  capabilities: (config) => ({
    streaming: true,
    embeddings: false,
    local: isLoopbackUrl(config.baseUrl),
  }),
  create(config, deps) {
    const base = trimBaseUrl(config.baseUrl);
    const key = deps.secret(config.apiKeySecret);
    const target: Target = {
      label: 'Anthropic',
      key,
      agent: createAgent(config.maxConnections),
      url: `${base}/v1/messages`,
      defaultMaxTokens: config.defaultMaxTokens,
      headers: {
        'content-type': 'application/json',
        'anthropic-version': config.anthropicVersion,
        ...config.headers,
        ...(key ? { 'x-api-key': key } : {}),
      },
    };
    const noKey = () =>
      new ProviderError('auth', `Anthropic needs an API key: ${config.apiKeySecret} is not set`);
    return {
      complete: (request) => (key ? complete(target, request) : Promise.reject(noKey())),
      testConnection: (signal) =>
        key
          ? probeModels(
              target,
              `${base}/v1/models`,
              target.headers,
              signal,
              modelIdsOfDataList,
              config.apiKeySecret,
            )
          : Promise.resolve(missingKey(config.apiKeySecret, 'Anthropic')),
      close: () => target.agent.close(),
    };
  },
});
