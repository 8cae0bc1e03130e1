/**
 * An adapter over the OpenAI protocol (chat completions, models, embeddings), configured with
 * the URLs and auth header of one flavour: OpenAI itself, Azure OpenAI, or a compatible server.
 */
import { modelIdsOfDataList, missingKey, probeModels } from './connection';
import { createAgent, malformed, parseJson, readText, send, throwIfError } from './http/client';
import { completeOpenAiChat, type OpenAiChatTarget } from './openaiChat';
import { ProviderError, type ProviderAdapter } from './types';

export interface OpenAiLikeSettings {
  label: string;
  key: string | undefined;
  /** Name of the secret the key comes from, for messages; unset when no key is needed. */
  secretName: string | undefined;
  keyRequired: boolean;
  authHeaders: (key: string) => Record<string, string>;
  extraHeaders?: Record<string, string> | undefined;
  maxConnections?: number | undefined;
  maxTokensField: OpenAiChatTarget['maxTokensField'];
  streamUsage: boolean;
  chatUrl: (model: string) => string;
  modelsUrl: string;
  embeddingsUrl: (model: string) => string;
}

export function createOpenAiLikeAdapter(settings: OpenAiLikeSettings): ProviderAdapter {
  const { key, label } = settings;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...settings.extraHeaders,
    ...(key ? settings.authHeaders(key) : {}),
  };
  const target: OpenAiChatTarget = {
    label,
    key,
    agent: createAgent(settings.maxConnections),
    headers,
    chatUrl: settings.chatUrl,
    maxTokensField: settings.maxTokensField,
    streamUsage: settings.streamUsage,
  };
  const keyIsMissing = settings.keyRequired && !key;
  const noKey = () =>
    new ProviderError(
      'auth',
      `${label} needs an API key: ${settings.secretName ?? 'the key'} is not set`,
    );

  return {
    complete(request) {
      if (keyIsMissing) return Promise.reject(noKey());
      return completeOpenAiChat(target, request);
    },

    async embed({ model, inputs, signal }) {
      if (keyIsMissing) throw noKey();
      const response = await send(target, settings.embeddingsUrl(model), {
        headers,
        body: JSON.stringify({ model, input: inputs }),
        signal,
      });
      await throwIfError(target, response);
      const body = parseJson(target, await readText(response), response.statusCode);
      const data = (body as { data?: unknown } | null)?.data;
      if (!Array.isArray(data) || data.length !== inputs.length)
        throw malformed(target, `expected ${inputs.length} embeddings`, response.statusCode);
      const vectors: number[][] = new Array<number[]>(inputs.length);
      for (const [position, item] of (
        data as Array<{ index?: unknown; embedding?: unknown }>
      ).entries()) {
        const index = typeof item?.index === 'number' ? item.index : position;
        if (!Array.isArray(item?.embedding) || index < 0 || index >= inputs.length)
          throw malformed(target, 'an embedding is missing or misplaced', response.statusCode);
        vectors[index] = item.embedding as number[];
      }
      return vectors;
    },

    testConnection(signal) {
      if (keyIsMissing) return Promise.resolve(missingKey(settings.secretName ?? 'the key', label));
      return probeModels(
        target,
        settings.modelsUrl,
        headers,
        signal,
        modelIdsOfDataList,
        settings.secretName,
      );
    },

    close() {
      return target.agent.close();
    },
  };
}
