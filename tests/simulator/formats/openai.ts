import type { IncomingHttpHeaders } from 'node:http';
import type { ShapedReply } from '../text';
import {
  asString,
  BadRequest,
  contentText,
  headerValue,
  isObject,
  optionalNumber,
  optionalStrings,
  retryAfterDate,
  retryAfterSeconds,
  sse,
  type ChatCall,
  type ErrorReply,
  type HttpErrorKind,
  type SimMessage,
  type Usage,
  type WireFormat,
} from './common';

/** OpenAI's rate-limit reset durations look like Go's: `20ms`, `1.5s`, `6m0s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(3))}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Number(((ms - minutes * 60_000) / 1000).toFixed(3))}s`;
}

const finishReasons: Record<ShapedReply['finish'], string> = {
  stop: 'stop',
  stop_sequence: 'stop',
  length: 'length',
};

const errorTypes: Record<HttpErrorKind, [number, string, string]> = {
  rate_limit: [429, 'requests', 'rate_limit_exceeded'],
  rate_limit_date: [429, 'requests', 'rate_limit_exceeded'],
  rate_limit_reset: [429, 'tokens', 'rate_limit_exceeded'],
  rate_limit_bare: [429, 'requests', 'rate_limit_exceeded'],
  server_500: [500, 'server_error', 'server_error'],
  server_503: [503, 'server_error', 'service_unavailable'],
  auth: [401, 'invalid_request_error', 'invalid_api_key'],
  bad_request: [400, 'invalid_request_error', 'invalid_value'],
  not_found: [404, 'invalid_request_error', 'not_found'],
};

function parseMessages(value: unknown): SimMessage[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new BadRequest('messages must be a non-empty list');
  return value.map((m: unknown, i) => {
    if (!isObject(m)) throw new BadRequest(`messages[${i}] must be an object`);
    return {
      role: asString(m.role, `messages[${i}].role`),
      content: contentText(m.content ?? '', `messages[${i}].content`),
    };
  });
}

/** OpenAI chat completions (also Azure OpenAI and every OpenAI-compatible server). */
export const openaiFormat: WireFormat = {
  parseChat(body, path) {
    if (!isObject(body)) throw new BadRequest('the body must be a JSON object');
    // Azure names the deployment in the path and may leave `model` out of the body.
    const deployment = /\/deployments\/([^/]+)\//.exec(path)?.[1];
    const model =
      body.model === undefined && deployment
        ? decodeURIComponent(deployment)
        : asString(body.model, 'model');
    const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
    return {
      model,
      messages: parseMessages(body.messages),
      stream: body.stream === true,
      maxTokens:
        optionalNumber(body.max_completion_tokens, 'max_completion_tokens') ??
        optionalNumber(body.max_tokens, 'max_tokens'),
      stop: optionalStrings(body.stop, 'stop'),
      seed: optionalNumber(body.seed, 'seed'),
      streamUsage: streamOptions.include_usage === true,
    };
  },

  keyOf(headers: IncomingHttpHeaders) {
    const azure = headerValue(headers, 'api-key');
    if (azure) return azure;
    const auth = headerValue(headers, 'authorization');
    return auth?.startsWith('Bearer ') ? auth.slice(7) : null;
  },

  completion(call, reply, usage, id) {
    return JSON.stringify({
      id,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: call.model,
      system_fingerprint: 'fp_simulator',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: reply.text, refusal: null },
          logprobs: null,
          finish_reason: finishReasons[reply.finish],
        },
      ],
      ...(usage ? { usage: usageOf(usage) } : {}),
    });
  },

  streamStart(call, _usage, id) {
    return sse(chunk(call, id, { role: 'assistant', content: '' }, null));
  },

  streamPiece(call, piece, id) {
    return sse(chunk(call, id, { content: piece }, null));
  },

  streamEnd(call, reply, usage, id) {
    let out = sse(chunk(call, id, {}, finishReasons[reply.finish]));
    if (usage && call.streamUsage) {
      out += sse({
        id,
        object: 'chat.completion.chunk',
        created: Math.floor(Date.now() / 1000),
        model: call.model,
        choices: [],
        usage: usageOf(usage),
      });
    }
    return `${out}data: [DONE]\n\n`;
  },

  error(kind, message, retryAfterMs): ErrorReply {
    const [status, type, code] = errorTypes[kind];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (kind === 'rate_limit') {
      headers['retry-after'] = retryAfterSeconds(retryAfterMs);
      headers['retry-after-ms'] = String(retryAfterMs);
    } else if (kind === 'rate_limit_date') {
      headers['retry-after'] = retryAfterDate(retryAfterMs);
    } else if (kind === 'rate_limit_reset') {
      headers['x-ratelimit-limit-requests'] = '500';
      headers['x-ratelimit-remaining-requests'] = '412';
      headers['x-ratelimit-reset-requests'] = goDuration(retryAfterMs / 4);
      headers['x-ratelimit-limit-tokens'] = '30000';
      headers['x-ratelimit-remaining-tokens'] = '0';
      headers['x-ratelimit-reset-tokens'] = goDuration(retryAfterMs);
    }
    return {
      status,
      headers,
      body: JSON.stringify({ error: { message, type, param: null, code } }),
    };
  },
};

function usageOf(usage: Usage) {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
  };
}

function chunk(call: ChatCall, id: string, delta: object, finishReason: string | null) {
  return {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: call.model,
    system_fingerprint: 'fp_simulator',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}
