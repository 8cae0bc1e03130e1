import type { EventSourceMessage } from 'eventsource-parser';
import { z } from 'zod';
import {
  baseUrlField,
  extraHeadersField,
  maxConnectionsField,
  secretNameField,
} from './configFields';
import { missingKey, probeModels } from './connection';
import { redactKey, retryDelayFromGoogleBody } from './errors';
import {
  createAgent,
  isEventStream,
  malformed,
  parseJson,
  readEvents,
  readText,
  send,
  throwIfError,
  type ErrorBodyReader,
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
} from './types';

export const geminiConfig = z.strictObject({
  baseUrl: baseUrlField.default('https://generativelanguage.googleapis.com'),
  apiVersion: z.string().min(1).default('v1beta'),
  apiKeySecret: secretNameField.default('GEMINI_API_KEY'),
  maxConnections: maxConnectionsField,
  headers: extraHeadersField,
});
export type GeminiConfig = z.infer<typeof geminiConfig>;

interface UsageMetadata {
  promptTokenCount?: unknown;
  candidatesTokenCount?: unknown;
  thoughtsTokenCount?: unknown;
}

interface GeminiResponse {
  candidates?: unknown;
  usageMetadata?: UsageMetadata;
  promptFeedback?: { blockReason?: unknown };
  error?: { message?: unknown; code?: unknown };
}

interface Candidate {
  content?: { parts?: Array<{ text?: unknown; thought?: unknown }> };
  finishReason?: unknown;
}

/** Gemini says "bad key" with 400 INVALID_ARGUMENT and an ErrorInfo reason; that is auth. */
const errorReader: ErrorBodyReader = {
  retryDelay: retryDelayFromGoogleBody,
  errorClass(status, body) {
    const details = (body as { error?: { details?: unknown } } | null)?.error?.details;
    if (status === 400 && Array.isArray(details)) {
      for (const detail of details as Array<{ reason?: unknown }>) {
        if (detail?.reason === 'API_KEY_INVALID') return 'auth';
      }
    }
    return null;
  },
};

function modelPath(model: string): string {
  return encodeURIComponent(model.startsWith('models/') ? model.slice(7) : model);
}

/** Visible text of a candidate (thought summaries are not the answer). */
function candidateText(candidate: Candidate | undefined): string {
  let text = '';
  for (const part of candidate?.content?.parts ?? []) {
    if (part?.thought !== true && typeof part?.text === 'string') text += part.text;
  }
  return text;
}

function usageOf(usage: UsageMetadata | undefined) {
  const input = usage?.promptTokenCount;
  const output = usage?.candidatesTokenCount;
  const thoughts = typeof usage?.thoughtsTokenCount === 'number' ? usage.thoughtsTokenCount : 0;
  return {
    inputTokens: typeof input === 'number' ? input : null,
    // Thinking tokens are generated and billed as output.
    outputTokens: typeof output === 'number' ? output + thoughts : thoughts > 0 ? thoughts : null,
  };
}

interface Target extends HttpEndpoint {
  base: string;
  headers: Record<string, string>;
}

function requestBody(request: CompletionRequest): string {
  const p = request.params;
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  return JSON.stringify({
    contents: request.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({
        role: m.role === 'assistant' ? 'model' : 'user',
        parts: [{ text: m.content }],
      })),
    systemInstruction: system.length > 0 ? { parts: [{ text: system.join('\n\n') }] } : undefined,
    generationConfig: {
      temperature: p.temperature,
      topP: p.top_p,
      maxOutputTokens: p.max_tokens,
      seed: p.seed,
      stopSequences: p.stop && p.stop.length > 0 ? p.stop : undefined,
    },
  });
}

function resultOf(
  target: Target,
  body: GeminiResponse | null,
  status: number,
  clock: CallClock,
): CompletionResult {
  if (!body || typeof body !== 'object')
    throw malformed(target, 'the response is not an object', status);
  if (!Array.isArray(body.candidates)) {
    const blocked = body.promptFeedback?.blockReason;
    if (typeof blocked !== 'string')
      throw malformed(target, 'the response has no candidates', status);
    // A blocked prompt is an answer (an empty one), not a failure to retry.
    return {
      text: '',
      finishReason: `blocked:${blocked}`,
      ...usageOf(body.usageMetadata),
      timing: clock.finish(),
      httpStatus: status,
    };
  }
  const candidate = body.candidates[0] as Candidate | undefined;
  return {
    text: candidateText(candidate),
    finishReason: typeof candidate?.finishReason === 'string' ? candidate.finishReason : null,
    ...usageOf(body.usageMetadata),
    timing: clock.finish(),
    httpStatus: status,
  };
}

async function complete(target: Target, request: CompletionRequest): Promise<CompletionResult> {
  const clock = new CallClock();
  const model = modelPath(request.model);
  const url = request.stream
    ? `${target.base}/models/${model}:streamGenerateContent?alt=sse`
    : `${target.base}/models/${model}:generateContent`;
  const headers = request.requestTag
    ? { ...target.headers, 'x-yardstick-cell': request.requestTag }
    : target.headers;
  const response = await send(target, url, {
    headers,
    body: requestBody(request),
    signal: request.signal,
    wire: clock.wire,
  });
  await throwIfError(target, response, errorReader);
  const status = response.statusCode;
  if (!(request.stream && isEventStream(response))) {
    const body = parseJson(target, await readText(response), status);
    return resultOf(target, body as GeminiResponse, status, clock);
  }
  return readStream(target, response, request.signal, clock);
}

/** SSE chunks of candidates; the last one carries the finish reason and the usage. */
async function readStream(
  target: Target,
  response: HttpResponse,
  signal: AbortSignal,
  clock: CallClock,
): Promise<CompletionResult> {
  const status = response.statusCode;
  let text = '';
  let finishReason: string | null = null;
  let usage: UsageMetadata | undefined;
  const onEvent = (event: EventSourceMessage): boolean => {
    let chunk: GeminiResponse;
    try {
      chunk = JSON.parse(event.data) as GeminiResponse;
    } catch {
      throw malformed(
        target,
        `a stream event is not valid JSON: ${JSON.stringify(event.data.slice(0, 40))}`,
        status,
      );
    }
    if (chunk.error) {
      const message =
        typeof chunk.error.message === 'string'
          ? redactKey(chunk.error.message, target.key)
          : 'error';
      throw new ProviderError('server', `${target.label} stream error: ${message}`, {
        httpStatus: status,
      });
    }
    if (chunk.usageMetadata) usage = chunk.usageMetadata;
    const candidate = Array.isArray(chunk.candidates)
      ? (chunk.candidates[0] as Candidate | undefined)
      : undefined;
    const piece = candidateText(candidate);
    if (piece) {
      clock.chunk(piece);
      text += piece;
    }
    if (typeof candidate?.finishReason === 'string') finishReason = candidate.finishReason;
    else if (typeof chunk.promptFeedback?.blockReason === 'string')
      finishReason = `blocked:${chunk.promptFeedback.blockReason}`;
    return false;
  };
  // Gemini has no end-of-stream event: the stream is whole when a chunk carried a finish reason.
  await readEvents(target, response, onEvent, () => finishReason !== null, clock);
  return { text, finishReason, ...usageOf(usage), timing: clock.finish(), httpStatus: status };
}

async function embed(target: Target, model: string, inputs: string[], signal: AbortSignal) {
  const name = `models/${decodeURIComponent(modelPath(model))}`;
  const response = await send(
    target,
    `${target.base}/models/${modelPath(model)}:batchEmbedContents`,
    {
      headers: target.headers,
      body: JSON.stringify({
        requests: inputs.map((text) => ({ model: name, content: { parts: [{ text }] } })),
      }),
      signal,
    },
  );
  await throwIfError(target, response, errorReader);
  const status = response.statusCode;
  const body = parseJson(target, await readText(response), status);
  const embeddings = (body as { embeddings?: unknown } | null)?.embeddings;
  if (!Array.isArray(embeddings) || embeddings.length !== inputs.length)
    throw malformed(target, `expected ${inputs.length} embeddings`, status);
  return embeddings.map((e: { values?: unknown }) => {
    if (!Array.isArray(e?.values)) throw malformed(target, 'an embedding has no values', status);
    return e.values as number[];
  });
}

/** `{ models: [{ name: 'models/gemini-…' }] }` → bare model ids. */
function modelNamesOf(body: unknown): string[] | null {
  const models = (body as { models?: unknown } | null)?.models;
  if (!Array.isArray(models)) return null;
  return models
    .map((m: { name?: unknown }) => m?.name)
    .filter((n): n is string => typeof n === 'string')
    .map((n) => (n.startsWith('models/') ? n.slice(7) : n));
}

/** Google Gemini API (generateContent, streaming over SSE), embeddings and the model list. */
export const geminiProvider = defineProvider({
  id: 'gemini',
  label: 'Google Gemini',
  configSchema: geminiConfig,
  secretName: 'GEMINI_API_KEY',
  capabilities: (config) => ({
    streaming: true,
    embeddings: true,
    local: isLoopbackUrl(config.baseUrl),
  }),
  create(config, deps) {
    const key = deps.secret(config.apiKeySecret);
    const target: Target = {
      label: 'Gemini',
      key,
      agent: createAgent(config.maxConnections),
      base: `${trimBaseUrl(config.baseUrl)}/${config.apiVersion}`,
      headers: {
        'content-type': 'application/json',
        ...config.headers,
        ...(key ? { 'x-goog-api-key': key } : {}),
      },
    };
    const noKey = () =>
      new ProviderError('auth', `Gemini needs an API key: ${config.apiKeySecret} is not set`);
    return {
      complete: (request) => (key ? complete(target, request) : Promise.reject(noKey())),

      embed: ({ model, inputs, signal }) =>
        key ? embed(target, model, inputs, signal) : Promise.reject(noKey()),

      testConnection: (signal) =>
        key
          ? probeModels(
              target,
              `${target.base}/models`,
              target.headers,
              signal,
              modelNamesOf,
              config.apiKeySecret,
              errorReader,
            )
          : Promise.resolve(missingKey(config.apiKeySecret, 'Gemini')),

      close: () => target.agent.close(),
    };
  },
});
