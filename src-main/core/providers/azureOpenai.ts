import { z } from 'zod';
import { extraHeadersField, maxConnectionsField, secretNameField } from './configFields';
import { isLoopbackUrl, trimBaseUrl } from './http/loopback';
import { createOpenAiLikeAdapter } from './openaiLike';
import { defineProvider } from './types';

export const azureOpenAiConfig = z.strictObject({
  endpoint: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .describe('Resource endpoint, e.g. https://my-resource.openai.azure.com'),
  apiVersion: z.string().min(1).default('2024-10-21').describe('Azure OpenAI API version'),
  apiKeySecret: secretNameField.default('AZURE_OPENAI_API_KEY'),
  maxConnections: maxConnectionsField,
  maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).default('max_completion_tokens'),
  headers: extraHeadersField,
});
export type AzureOpenAiConfig = z.infer<typeof azureOpenAiConfig>;

/**
 * Azure OpenAI: the OpenAI protocol on `/openai/deployments/{deployment}/…` with an `api-key`
 * header. The suite's model id is the deployment name.
 */
export const azureOpenAiProvider = defineProvider({
  id: 'azure-openai',
  label: 'Azure OpenAI',
  configSchema: azureOpenAiConfig,
  secretName: 'AZURE_OPENAI_API_KEY',
  capabilities: (config) => ({
    streaming: true,
    embeddings: true,
    local: isLoopbackUrl(config.endpoint),
  }),
  create(config, deps) {
    const base = trimBaseUrl(config.endpoint);
    const version = `api-version=${encodeURIComponent(config.apiVersion)}`;
    const deployment = (model: string) => `${base}/openai/deployments/${encodeURIComponent(model)}`;
    return createOpenAiLikeAdapter({
      label: 'Azure OpenAI',
      key: deps.secret(config.apiKeySecret),
      secretName: config.apiKeySecret,
      keyRequired: true,
      authHeaders: (key) => ({ 'api-key': key }),
      extraHeaders: config.headers,
      maxConnections: config.maxConnections,
      maxTokensField: config.maxTokensField,
      streamUsage: true,
      chatUrl: (model) => `${deployment(model)}/chat/completions?${version}`,
      modelsUrl: `${base}/openai/models?${version}`,
      embeddingsUrl: (model) => `${deployment(model)}/embeddings?${version}`,
    });
  },
});
