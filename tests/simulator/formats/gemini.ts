import type { ShapedReply } from '../text';
import {
  BadRequest,
  contentText,
  headerValue,
  isObject,
  optionalNumber,
  optionalStrings,
  retryAfterDate,
  retryAfterSeconds,
  type ErrorReply,
  type HttpErrorKind,
  type SimMessage,
  type Usage,
  type WireFormat,
} from './common';

const finishReasons: Record<ShapedReply['finish'], string> = {
  stop: 'STOP',
  stop_sequence: 'STOP',
  length: 'MAX_TOKENS',
};

// Gemini answers a bad key with 400 INVALID_ARGUMENT and an ErrorInfo reason, not 401.
const errorTypes: Record<HttpErrorKind, [number, string]> = {
  rate_limit: [429, 'RESOURCE_EXHAUSTED'],
  rate_limit_date: [429, 'RESOURCE_EXHAUSTED'],
  rate_limit_reset: [429, 'RESOURCE_EXHAUSTED'],
  rate_limit_bare: [429, 'RESOURCE_EXHAUSTED'],
  server_500: [500, 'INTERNAL'],
  server_503: [503, 'UNAVAILABLE'],
  auth: [400, 'INVALID_ARGUMENT'],
  bad_request: [400, 'INVALID_ARGUMENT'],
  not_found: [404, 'NOT_FOUND'],
};

function partsText(value: unknown, field: string): string {
  if (!isObject(value) || !Array.isArray(value.parts))
    throw new BadRequest(`${field}.parts must be a list`);
  return contentText(value.parts, `${field}.parts`);
}

/** The model named in `/v1beta/models/{model}:generateContent`. */
export function geminiModelOf(path: string): string {
  const match = /\/models\/([^/:]+):/.exec(path);
  if (!match?.[1]) throw new BadRequest('no model in the path');
  return decodeURIComponent(match[1]);
}

function usageMetadata(usage: Usage) {
  return {
    promptTokenCount: usage.input,
    candidatesTokenCount: usage.output,
    totalTokenCount: usage.input + usage.output,
  };
}

/** Google Gemini `generateContent` / `streamGenerateContent?alt=sse`. */
export const geminiFormat: WireFormat = {
  parseChat(body, path) {
    if (!isObject(body)) throw new BadRequest('the body must be a JSON object');
    if (!Array.isArray(body.contents) || body.contents.length === 0)
      throw new BadRequest('contents must be a non-empty list');
    const messages: SimMessage[] = [];
    if (body.systemInstruction !== undefined)
      messages.push({
        role: 'system',
        content: partsText(body.systemInstruction, 'systemInstruction'),
      });
    body.contents.forEach((c: unknown, i) => {
      const role = isObject(c) && c.role === 'model' ? 'assistant' : 'user';
      messages.push({ role, content: partsText(c, `contents[${i}]`) });
    });
    const config = isObject(body.generationConfig) ? body.generationConfig : {};
    return {
      model: geminiModelOf(path),
      messages,
      stream: path.includes(':streamGenerateContent'),
      maxTokens: optionalNumber(config.maxOutputTokens, 'generationConfig.maxOutputTokens'),
      stop: optionalStrings(config.stopSequences, 'generationConfig.stopSequences'),
      seed: optionalNumber(config.seed, 'generationConfig.seed'),
      streamUsage: true,
    };
  },

  keyOf(headers, query) {
    const header = headerValue(headers, 'x-goog-api-key');
    if (header) return header;
    const match = /(?:^|&)key=([^&]*)/.exec(query);
    return match?.[1] ? decodeURIComponent(match[1]) : null;
  },

  completion(call, reply, usage) {
    return JSON.stringify({
      candidates: [
        {
          content: { parts: [{ text: reply.text }], role: 'model' },
          finishReason: finishReasons[reply.finish],
          index: 0,
        },
      ],
      ...(usage ? { usageMetadata: usageMetadata(usage) } : {}),
      modelVersion: call.model,
    });
  },

  streamStart() {
    return '';
  },

  streamPiece(call, piece) {
    const data = {
      candidates: [{ content: { parts: [{ text: piece }], role: 'model' }, index: 0 }],
      modelVersion: call.model,
    };
    return `data: ${JSON.stringify(data)}\r\n\r\n`;
  },

  streamEnd(call, reply, usage) {
    const data = {
      candidates: [
        {
          content: { parts: [{ text: '' }], role: 'model' },
          finishReason: finishReasons[reply.finish],
          index: 0,
        },
      ],
      ...(usage ? { usageMetadata: usageMetadata(usage) } : {}),
      modelVersion: call.model,
    };
    return `data: ${JSON.stringify(data)}\r\n\r\n`;
  },

  error(kind, message, retryAfterMs): ErrorReply {
    const [status, statusName] = errorTypes[kind];
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
    const details: object[] = [];
    const retryInfo = {
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: `${retryAfterMs / 1000}s`,
    };
    if (kind === 'rate_limit') {
      headers['retry-after'] = retryAfterSeconds(retryAfterMs);
      details.push(retryInfo);
    } else if (kind === 'rate_limit_date') {
      headers['retry-after'] = retryAfterDate(retryAfterMs);
    } else if (kind === 'rate_limit_reset') {
      details.push(retryInfo);
    } else if (kind === 'auth') {
      details.push({
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
      });
    }
    return {
      status,
      headers,
      body: JSON.stringify({
        error: {
          code: status,
          message,
          status: statusName,
          ...(details.length ? { details } : {}),
        },
      }),
    };
  },
};
