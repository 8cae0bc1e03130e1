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
  type ErrorReply,
  type HttpErrorKind,
  type SimMessage,
  type WireFormat,
} from './common';

const stopReasons: Record<ShapedReply['finish'], string> = {
  stop: 'end_turn',
  stop_sequence: 'stop_sequence',
  length: 'max_tokens',
};

const errorTypes: Record<HttpErrorKind, [number, string]> = {
  rate_limit: [429, 'rate_limit_error'],
  rate_limit_date: [429, 'rate_limit_error'],
  rate_limit_reset: [429, 'rate_limit_error'],
  rate_limit_bare: [429, 'rate_limit_error'],
  server_500: [500, 'api_error'],
  server_503: [503, 'overloaded_error'],
  auth: [401, 'authentication_error'],
  bad_request: [400, 'invalid_request_error'],
  not_found: [404, 'not_found_error'],
};

/** Anthropic Messages API (`/v1/messages`), with its named SSE events. */
export const anthropicFormat: WireFormat = {
  parseChat(body) {
    if (!isObject(body)) throw new BadRequest('the body must be a JSON object');
    const maxTokens = optionalNumber(body.max_tokens, 'max_tokens');
    if (maxTokens === null) throw new BadRequest('max_tokens: Field required');
    if (!Array.isArray(body.messages) || body.messages.length === 0)
      throw new BadRequest('messages: at least one message is required');
    const messages: SimMessage[] = [];
    if (body.system !== undefined)
      messages.push({ role: 'system', content: contentText(body.system, 'system') });
    body.messages.forEach((m: unknown, i) => {
      if (!isObject(m)) throw new BadRequest(`messages.${i}: must be an object`);
      const role = asString(m.role, `messages.${i}.role`);
      if (role !== 'user' && role !== 'assistant')
        throw new BadRequest(`messages.${i}.role: must be "user" or "assistant"`);
      messages.push({ role, content: contentText(m.content, `messages.${i}.content`) });
    });
    return {
      model: asString(body.model, 'model'),
      messages,
      stream: body.stream === true,
      maxTokens,
      stop: optionalStrings(body.stop_sequences, 'stop_sequences'),
      seed: null,
      streamUsage: true,
    };
  },

  keyOf(headers) {
    return headerValue(headers, 'x-api-key');
  },

  completion(call, reply, usage, id) {
    return JSON.stringify({
      id,
      type: 'message',
      role: 'assistant',
      model: call.model,
      content: [{ type: 'text', text: reply.text }],
      stop_reason: stopReasons[reply.finish],
      stop_sequence: reply.finish === 'stop_sequence' ? (call.stop[0] ?? null) : null,
      ...(usage ? { usage: { input_tokens: usage.input, output_tokens: usage.output } } : {}),
    });
  },

  streamStart(call, usage, id) {
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model: call.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      ...(usage ? { usage: { input_tokens: usage.input, output_tokens: 1 } } : {}),
    };
    return (
      sse({ type: 'message_start', message }, 'message_start') +
      sse(
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        'content_block_start',
      ) +
      sse({ type: 'ping' }, 'ping')
    );
  },

  streamPiece(_call, piece) {
    return sse(
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } },
      'content_block_delta',
    );
  },

  streamEnd(call, reply, usage) {
    return (
      sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop') +
      sse(
        {
          type: 'message_delta',
          delta: {
            stop_reason: stopReasons[reply.finish],
            stop_sequence: reply.finish === 'stop_sequence' ? (call.stop[0] ?? null) : null,
          },
          ...(usage ? { usage: { output_tokens: usage.output } } : {}),
        },
        'message_delta',
      ) +
      sse({ type: 'message_stop' }, 'message_stop')
    );
  },

  error(kind, message, retryAfterMs): ErrorReply {
    const [status, type] = errorTypes[kind];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (kind === 'rate_limit') {
      headers['retry-after'] = retryAfterSeconds(retryAfterMs);
    } else if (kind === 'rate_limit_date') {
      headers['retry-after'] = retryAfterDate(retryAfterMs);
    } else if (kind === 'rate_limit_reset') {
      const at = (ms: number) => new Date(Date.now() + ms).toISOString();
      headers['anthropic-ratelimit-requests-limit'] = '50';
      headers['anthropic-ratelimit-requests-remaining'] = '0';
      headers['anthropic-ratelimit-requests-reset'] = at(retryAfterMs);
      headers['anthropic-ratelimit-tokens-limit'] = '40000';
      headers['anthropic-ratelimit-tokens-remaining'] = '12000';
      headers['anthropic-ratelimit-tokens-reset'] = at(retryAfterMs / 4);
    }
    return {
      status,
      headers,
      body: JSON.stringify({ type: 'error', error: { type, message } }),
    };
  },
};
