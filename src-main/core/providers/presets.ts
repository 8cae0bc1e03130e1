/**
 * Presets of the `openai-compatible` kind: a preset fills the base URL and the name of the
 * key's secret. Local presets name the server's default loopback port, which detection probes.
 */
export interface OpenAiCompatiblePreset {
  id: string;
  label: string;
  baseUrl: string;
  /** Secret holding the key; servers that need none leave it unset. */
  secretName?: string;
  /** Default loopback port, for presets that are local servers. */
  defaultPort?: number;
  /** Extra GET path (relative to the origin) whose answer identifies the server. */
  identifyPath?: string;
}

export const openAiCompatiblePresets = [
  {
    id: 'ollama',
    label: 'Ollama',
    baseUrl: 'http://127.0.0.1:11434/v1',
    defaultPort: 11434,
    identifyPath: '/api/version',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    baseUrl: 'http://127.0.0.1:1234/v1',
    defaultPort: 1234,
    identifyPath: '/api/v0/models',
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    baseUrl: 'http://127.0.0.1:8080/v1',
    defaultPort: 8080,
    identifyPath: '/props',
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://127.0.0.1:8000/v1',
    secretName: 'VLLM_API_KEY',
    defaultPort: 8000,
    identifyPath: '/version',
  },
  {
    id: 'litellm',
    label: 'LiteLLM proxy',
    baseUrl: 'http://127.0.0.1:4000/v1',
    secretName: 'LITELLM_API_KEY',
    defaultPort: 4000,
    identifyPath: '/health/liveliness',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    secretName: 'OPENROUTER_API_KEY',
  },
] as const satisfies readonly OpenAiCompatiblePreset[];

export type PresetId = (typeof openAiCompatiblePresets)[number]['id'];

export const presetIds = openAiCompatiblePresets.map((p) => p.id) as [PresetId, ...PresetId[]];

export function presetById(id: string): OpenAiCompatiblePreset | undefined {
  return openAiCompatiblePresets.find((p) => p.id === id);
}
