/**
 * Bodies of the non-chat endpoints: model lists in each API's shape, embeddings, and the
 * endpoints by which local servers (Ollama, LM Studio, llama.cpp, vLLM, LiteLLM) identify
 * themselves, so detection can be tested against the simulator.
 */
import { createRandom } from '../../src-main/core/stats/random';
import { BadRequest, isObject } from './formats/common';
import { fnv1a } from './text';
import type { SimulatedServer } from './types';

export const defaultModelList = ['sim-small', 'sim-large', 'sim-judge'];

const ownedBy: Record<SimulatedServer, string> = {
  openai: 'system',
  ollama: 'library',
  lmstudio: 'organization_owner',
  llamacpp: 'llamacpp',
  vllm: 'vllm',
  litellm: 'openai',
};

export function openaiModels(models: string[], server: SimulatedServer): string {
  return JSON.stringify({
    object: 'list',
    data: models.map((id) => ({
      id,
      object: 'model',
      created: 1_700_000_000,
      owned_by: ownedBy[server],
    })),
  });
}

export function anthropicModels(models: string[]): string {
  return JSON.stringify({
    data: models.map((id) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: '2025-01-01T00:00:00Z',
    })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  });
}

export function geminiModels(models: string[]): string {
  return JSON.stringify({
    models: models.map((id) => ({
      name: `models/${id}`,
      displayName: id,
      supportedGenerationMethods: ['generateContent', 'countTokens', 'embedContent'],
    })),
  });
}

/** A deterministic unit vector for a text: the same input always embeds the same way. */
export function embedding(text: string, dimensions: number): number[] {
  const random = createRandom(fnv1a(text));
  const vector = Array.from({ length: dimensions }, () => random.next() * 2 - 1);
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

/** The identifying endpoints each kind of local server answers (GET path → JSON body). */
export function identityResponse(server: SimulatedServer, path: string, models: string[]) {
  switch (server) {
    case 'ollama':
      if (path === '/api/version') return JSON.stringify({ version: '0.6.5' });
      if (path === '/api/tags')
        return JSON.stringify({
          models: models.map((name) => ({ name, model: name, size: 1_000_000, details: {} })),
        });
      return null;
    case 'lmstudio':
      if (path === '/api/v0/models')
        return JSON.stringify({
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', type: 'llm', state: 'not-loaded' })),
        });
      return null;
    case 'llamacpp':
      if (path === '/health') return JSON.stringify({ status: 'ok' });
      if (path === '/props')
        return JSON.stringify({ total_slots: 1, default_generation_settings: { n_ctx: 4096 } });
      return null;
    case 'vllm':
      if (path === '/version') return JSON.stringify({ version: '0.8.4' });
      return null;
    case 'litellm':
      if (path === '/health/liveliness') return JSON.stringify("I'm alive!");
      return null;
    case 'openai':
      return null;
  }
}

export function geminiEmbeddings(body: Record<string, unknown>, dims: number): string {
  const batch = Array.isArray(body.requests);
  const requests = batch ? (body.requests as unknown[]) : [body];
  const vectors = requests.map((r) => {
    const parts =
      isObject(r) && isObject(r.content) && Array.isArray(r.content.parts) ? r.content.parts : [];
    const text = parts
      .map((p: unknown) => (isObject(p) && typeof p.text === 'string' ? p.text : ''))
      .join('');
    return { values: embedding(text, dims) };
  });
  return JSON.stringify(batch ? { embeddings: vectors } : { embedding: vectors[0] });
}

export function openaiEmbeddings(
  body: Record<string, unknown>,
  model: string | null,
  dims: number,
): string {
  const input = body.input;
  const texts =
    typeof input === 'string' ? [input] : Array.isArray(input) ? input.map(String) : null;
  if (!texts) throw new BadRequest('input must be a string or a list of strings');
  const tokens = texts.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
  return JSON.stringify({
    object: 'list',
    data: texts.map((t, index) => ({ object: 'embedding', index, embedding: embedding(t, dims) })),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
