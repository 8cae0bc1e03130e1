import { z } from 'zod';
import {
  baseUrlField,
  extraHeadersField,
  maxConnectionsField,
  secretNameField,
} from './configFields';
import { isLoopbackUrl, trimBaseUrl } from './http/loopback';
import { createOpenAiLikeAdapter } from './openaiLike';
import { defineProvider } from './types';

const defaultBaseUrl = 'https://api.openai.com/v1';

export const openaiConfig = z.strictObject({
  baseUrl: baseUrlField.default(defaultBaseUrl),
  apiKeySecret: secretNameField.default('OPENAI_API_KEY'),
  organization: z.string().min(1).optional().describe('OpenAI organization id (optional)'),
  maxConnections: maxConnectionsField,
  maxTokensField: z
    .enum(['max_completion_tokens', 'max_tokens'])
    .default('max_completion_tokens')
    .describe('Field that carries max_tokens; reasoning models accept only max_completion_tokens'),
  headers: extraHeadersField,
});
export type OpenAiConfig = z.infer<typeof openaiConfig>;

/** OpenAI chat completions (streaming), model list and embeddings. */
export const openaiProvider = defineProvider({
  id: 'openai',
  label: 'OpenAI',
  configSchema: openaiConfig,
  secretName: 'OPENAI_API_KEY',
  capabilities: (config) => ({
    streaming: true,
    embeddings: true,
    local: isLoopbackUrl(config.baseUrl),
  }),
  create(config, deps) {
    const base = trimBaseUrl(config.baseUrl);
    return createOpenAiLikeAdapter({
      label: 'OpenAI',
      key: deps.secret(config.apiKeySecret),
      secretName: config.apiKeySecret,
      keyRequired: true,
      authHeaders: (key) => ({
        authorization: `Bearer ${key}`,
        ...(config.organization ? { 'openai-organization': config.organization } : {}),
      }),
      extraHeaders: config.headers,
      maxConnections: config.maxConnections,
      maxTokensField: config.maxTokensField,
      streamUsage: true,
      chatUrl: () => `${base}/chat/completions`,
      modelsUrl: `${base}/models`,
      embeddingsUrl: () => `${base}/embeddings`,
    });
  },
});
