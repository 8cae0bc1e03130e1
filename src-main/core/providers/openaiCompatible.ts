import { z } from 'zod';
import {
  baseUrlField,
  extraHeadersField,
  maxConnectionsField,
  secretNameField,
} from './configFields';
import { isLoopbackUrl, trimBaseUrl } from './http/loopback';
import { createOpenAiLikeAdapter } from './openaiLike';
import { presetById, presetIds } from './presets';
import { defineProvider } from './types';

export const openAiCompatibleConfig = z
  .strictObject({
    preset: z
      .enum(presetIds)
      .optional()
      .describe('Fills the base URL and key secret of a known server'),
    baseUrl: baseUrlField.optional().describe('Base URL of the API, usually ending in /v1'),
    apiKeySecret: secretNameField.optional(),
    maxConnections: maxConnectionsField,
    maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
    streamUsage: z
      .boolean()
      .default(true)
      .describe('Ask for token usage in streams (stream_options.include_usage)'),
    headers: extraHeadersField,
  })
  .refine((c) => c.preset !== undefined || c.baseUrl !== undefined, {
    message: 'give a preset or a baseUrl',
    path: ['baseUrl'],
  });
export type OpenAiCompatibleConfig = z.infer<typeof openAiCompatibleConfig>;

/** The base URL and secret a config resolves to, presets filled in. */
export function resolveCompatible(config: OpenAiCompatibleConfig) {
  const preset = config.preset ? presetById(config.preset) : undefined;
  const baseUrl = config.baseUrl ?? preset?.baseUrl ?? '';
  return {
    baseUrl,
    secretName: config.apiKeySecret ?? preset?.secretName,
    label: preset ? `${preset.label} (${baseUrl})` : `OpenAI-compatible server at ${baseUrl}`,
  };
}

/**
 * Any server speaking the OpenAI chat-completions API: Ollama, LM Studio, llama.cpp server,
 * vLLM, OpenRouter, LiteLLM and the like. The key is optional: local servers need none.
 */
export const openAiCompatibleProvider = defineProvider({
  id: 'openai-compatible',
  label: 'OpenAI-compatible server',
  configSchema: openAiCompatibleConfig,
  capabilities: (config) => ({
    streaming: true,
    embeddings: true,
    local: isLoopbackUrl(resolveCompatible(config).baseUrl),
  }),
  create(config, deps) {
    const { baseUrl, secretName, label } = resolveCompatible(config);
    const base = trimBaseUrl(baseUrl);
    return createOpenAiLikeAdapter({
      label,
      key: secretName ? deps.secret(secretName) : undefined,
      secretName,
      // Hosted gateways need a key; a local server usually does not, and says so with a 401.
      keyRequired: config.preset === 'openrouter',
      authHeaders: (key) => ({ authorization: `Bearer ${key}` }),
      extraHeaders: config.headers,
      maxConnections: config.maxConnections,
      maxTokensField: config.maxTokensField,
      streamUsage: config.streamUsage,
      chatUrl: () => `${base}/chat/completions`,
      modelsUrl: `${base}/models`,
      embeddingsUrl: () => `${base}/embeddings`,
    });
  },
});
