import { createServer } from 'node:net';
import { providerRegistry } from '@core/providers/registry';
import type { CompletionRequest, ProviderAdapter } from '@core/providers/types';
import type { SimRoute } from '../../simulator';

/** A key long enough to look real; the simulator echoes wrong keys back in its 401 bodies. */
export const simKey = 'sk-sim-9f8e7d6c5b4a39281706';

export interface HttpKindCase {
  kind: string;
  /** The adapter config for a simulator at `url`. */
  config: (url: string) => Record<string, unknown>;
  secretName: string;
  chatRoute: (stream: boolean) => SimRoute;
  /** How this API names "stopped at max_tokens". */
  lengthReason: string;
  hasEmbeddings: boolean;
}

export const httpKindCases: HttpKindCase[] = [
  {
    kind: 'openai',
    config: (url) => ({ baseUrl: `${url}/v1` }),
    secretName: 'OPENAI_API_KEY',
    chatRoute: () => 'openai.chat',
    lengthReason: 'length',
    hasEmbeddings: true,
  },
  {
    kind: 'openai-compatible',
    config: (url) => ({ baseUrl: `${url}/v1`, apiKeySecret: 'SIM_API_KEY' }),
    secretName: 'SIM_API_KEY',
    chatRoute: () => 'openai.chat',
    lengthReason: 'length',
    hasEmbeddings: true,
  },
  {
    kind: 'azure-openai',
    config: (url) => ({ endpoint: url }),
    secretName: 'AZURE_OPENAI_API_KEY',
    chatRoute: () => 'azure.chat',
    lengthReason: 'length',
    hasEmbeddings: true,
  },
  {
    kind: 'anthropic',
    config: (url) => ({ baseUrl: url }),
    secretName: 'ANTHROPIC_API_KEY',
    chatRoute: () => 'anthropic.messages',
    lengthReason: 'max_tokens',
    hasEmbeddings: false,
  },
  {
    kind: 'gemini',
    config: (url) => ({ baseUrl: url }),
    secretName: 'GEMINI_API_KEY',
    chatRoute: (stream) => (stream ? 'gemini.stream' : 'gemini.generate'),
    lengthReason: 'MAX_TOKENS',
    hasEmbeddings: true,
  },
];

export function adapterFor(
  c: HttpKindCase,
  url: string,
  key: string | null = simKey,
  extra: Record<string, unknown> = {},
): ProviderAdapter {
  return providerRegistry.create(
    c.kind,
    { ...c.config(url), ...extra },
    {
      secret: (name) => (name === c.secretName && key !== null ? key : undefined),
    },
  );
}

export function chatRequest(overrides: Partial<CompletionRequest> = {}): CompletionRequest {
  return {
    model: 'sim-small',
    messages: [
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'The quick brown fox jumps over the lazy dog' },
    ],
    params: { temperature: 0, max_tokens: 64 },
    stream: false,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs `promise`, expecting a rejection; returns the error for inspection. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Polls `check` until it holds (server-side effects of a client abort arrive a moment later). */
export async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
