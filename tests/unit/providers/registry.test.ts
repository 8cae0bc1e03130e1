import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ProviderConfigError,
  ProviderRegistry,
  providerRegistry,
  resolveProviderName,
  UnknownProviderError,
} from '@core/providers/registry';
import { defineProvider } from '@core/providers/types';

const dummy = (id: string) =>
  defineProvider({
    id,
    label: id,
    configSchema: z.strictObject({ url: z.string() }),
    capabilities: () => ({ streaming: false, embeddings: false, local: false }),
    create: () => ({
      complete: () => Promise.reject(new Error('not used')),
      testConnection: () => Promise.resolve({ ok: true, message: 'ok' }),
    }),
  });

describe('provider registry', () => {
  it('holds every built-in kind under its exact id', () => {
    expect(providerRegistry.ids().sort()).toEqual(
      ['anthropic', 'azure-openai', 'gemini', 'local', 'openai', 'openai-compatible'].sort(),
    );
  });

  it('refuses a duplicate id', () => {
    expect(() => new ProviderRegistry([dummy('x'), dummy('x')])).toThrow(
      'provider kind "x" is registered twice',
    );
  });

  it('names the known kinds when asked for an unknown one, and never matches a prefix', () => {
    const registry = new ProviderRegistry([dummy('openai'), dummy('anthropic')]);
    expect(() => registry.get('open')).toThrow(UnknownProviderError);
    expect(() => registry.get('open')).toThrow(
      'unknown provider kind "open"; known kinds: openai, anthropic',
    );
  });

  it('resolves preset names to the openai-compatible kind', () => {
    expect(resolveProviderName('ollama')).toEqual({
      kind: 'openai-compatible',
      presetConfig: { preset: 'ollama' },
    });
    expect(resolveProviderName('openai')).toEqual({ kind: 'openai', presetConfig: {} });
    expect(() => resolveProviderName('olama')).toThrow(/known kinds: .*openai.*ollama/);
  });

  it('validates configs against the kind schema, naming each bad field', () => {
    try {
      providerRegistry.parseConfig('openai', { baseUrl: 'ftp://x', extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProviderConfigError);
      const paths = (error as ProviderConfigError).issues.map((i) => i.path);
      expect(paths).toContain('baseUrl');
      expect(paths).toContain('(config)');
      expect((error as ProviderConfigError).message).toMatch(/baseUrl: must be an http\(s\) URL/);
    }
    expect(() => providerRegistry.parseConfig('openai-compatible', {})).toThrow(
      /baseUrl: give a preset or a baseUrl/,
    );
  });

  it('refuses credentials in extra headers: keys belong in the secret store', () => {
    expect(() =>
      providerRegistry.parseConfig('openai', { headers: { Authorization: 'Bearer sk-abc' } }),
    ).toThrow(/headers\.Authorization: keys go in a secret/);
    expect(
      providerRegistry.parseConfig('openai', { headers: { 'X-Title': 'Yardstick' } }),
    ).toMatchObject({
      headers: { 'X-Title': 'Yardstick' },
    });
  });

  it('fills defaults: OpenAI base URL and key secret, presets, local model options', () => {
    expect(providerRegistry.parseConfig('openai', {})).toMatchObject({
      baseUrl: 'https://api.openai.com/v1',
      apiKeySecret: 'OPENAI_API_KEY',
    });
    expect(providerRegistry.parseConfig('local', {})).toMatchObject({
      contextSize: 4096,
      parallel: 1,
    });
  });

  it('marks loopback base URLs (and the in-process kind) local, and nothing else', () => {
    const local = (kind: string, config: object) =>
      providerRegistry.capabilities(kind, config).local;
    expect(local('local', {})).toBe(true);
    expect(local('openai-compatible', { preset: 'ollama' })).toBe(true);
    expect(local('openai-compatible', { baseUrl: 'http://localhost:8000/v1' })).toBe(true);
    expect(local('openai-compatible', { baseUrl: 'http://[::1]:8000/v1' })).toBe(true);
    expect(local('openai-compatible', { baseUrl: 'http://127.8.9.10:8000/v1' })).toBe(true);
    expect(local('openai-compatible', { preset: 'openrouter' })).toBe(false);
    expect(local('openai-compatible', { baseUrl: 'http://192.168.1.5:8000/v1' })).toBe(false);
    expect(local('openai-compatible', { baseUrl: 'http://127.0.0.1.evil.com/v1' })).toBe(false);
    expect(local('openai', {})).toBe(false);
    expect(local('anthropic', { baseUrl: 'http://127.0.0.1:9999' })).toBe(true);
    expect(local('gemini', {})).toBe(false);
    expect(local('azure-openai', { endpoint: 'https://x.openai.azure.com' })).toBe(false);
  });

  it('describes each kind for the UI with a JSON Schema of its config', () => {
    const meta = providerRegistry.metadata();
    const openai = meta.find((m) => m.id === 'openai');
    expect(openai?.secretName).toBe('OPENAI_API_KEY');
    expect(openai?.configSchema).toMatchObject({
      type: 'object',
      properties: { baseUrl: { type: 'string', format: 'uri' } },
      additionalProperties: false,
    });
    const compatible = meta.find((m) => m.id === 'openai-compatible');
    expect(compatible?.presets.map((p) => [p.id, p.defaultPort])).toEqual([
      ['ollama', 11434],
      ['lmstudio', 1234],
      ['llamacpp', 8080],
      ['vllm', 8000],
      ['litellm', 4000],
      ['openrouter', null],
    ]);
    expect(JSON.stringify(meta)).not.toMatch(/sk-|secret value/);
  });
});
