import { ApiError } from '../../apiError';
import type { CoreContext } from '../../context';
import { throwIfCancelled } from '../../jobs/jobManager';
import { providerRegistry } from '../../providers/registry';
import type { ProviderAdapter } from '../../providers/types';
import { providerDeps, resolveProviderRef } from '../../providers/workspaceProviders';
import { assertPrivacyAllows } from '../privacyGuard';
import { tokenize } from './ngramIndex';

export interface EmbeddingRequest {
  provider: string;
  model: string;
  threshold: number;
  maxPassages: number;
  passageWords: number;
}

export interface EmbeddingResult {
  passages: number;
  isTruncated: boolean;
  items: Array<{ key: string; similarity: number; passage: string }>;
}

const batch = 64;
const itemChars = 4000;

/**
 * Resolves the embedding provider and checks it may receive this version (the privacy guard
 * applies: items are sent to it). Throws a clear ApiError otherwise; called before the job.
 */
export function embeddingAdapter(
  ctx: CoreContext,
  versionId: string,
  request: EmbeddingRequest,
): { adapter: ProviderAdapter; label: string } {
  let resolved;
  try {
    resolved = resolveProviderRef(ctx, request.provider);
  } catch (error) {
    throw new ApiError('bad_request', error instanceof Error ? error.message : String(error));
  }
  const capabilities = providerRegistry.capabilities(resolved.kind, resolved.config);
  if (!capabilities.embeddings) {
    throw new ApiError(
      'bad_request',
      `provider "${request.provider}" (${resolved.kind}) offers no embeddings`,
    );
  }
  assertPrivacyAllows(ctx, versionId, [{ label: request.provider, isLocal: capabilities.local }]);
  return {
    adapter: providerRegistry.create(resolved.kind, resolved.config, providerDeps(ctx)),
    label: request.provider,
  };
}

function normalise(vector: number[]): Float64Array {
  const out = Float64Array.from(vector);
  const norm = Math.hypot(...out) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** Passages of `words` words from the corpus documents, at most `max` of them. */
export async function* passagesOf(
  documents: AsyncIterable<{ text: string; newDocument: boolean }>,
  words: number,
  max: number,
): AsyncGenerator<string> {
  let current: string[] = [];
  let count = 0;
  for await (const doc of documents) {
    if (doc.newDocument && current.length > 0) {
      yield current.join(' ');
      if (++count >= max) return;
      current = [];
    }
    for (const token of tokenize(doc.text)) {
      current.push(doc.text.slice(token.start, token.end));
      if (current.length >= words) {
        yield current.join(' ');
        if (++count >= max) return;
        current = [];
      }
    }
  }
  if (current.length > 0) yield current.join(' ');
}

/**
 * Cosine similarity between each item's text and corpus passages, by a configured embedding
 * provider: the best-matching passage per item, reported when at or above the threshold. A
 * paraphrase can score high where no 13-gram is shared; it is a hint to inspect, not proof.
 */
export async function embeddingSimilarity(
  adapter: ProviderAdapter,
  request: EmbeddingRequest,
  items: Array<{ key: string; text: string }>,
  passages: AsyncIterable<string>,
  signal: AbortSignal,
): Promise<EmbeddingResult> {
  const embed = adapter.embed?.bind(adapter);
  if (!embed)
    throw new ApiError('bad_request', `provider "${request.provider}" offers no embeddings`);
  const itemVectors: Float64Array[] = [];
  for (let i = 0; i < items.length; i += batch) {
    throwIfCancelled(signal);
    const inputs = items.slice(i, i + batch).map((item) => item.text.slice(0, itemChars) || ' ');
    for (const vector of await embed({ model: request.model, inputs, signal }))
      itemVectors.push(normalise(vector));
  }
  const best = items.map(() => ({ similarity: -1, passage: '' }));
  let count = 0;
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    throwIfCancelled(signal);
    const vectors = await embed({ model: request.model, inputs: pending, signal });
    vectors.forEach((raw, p) => {
      const vector = normalise(raw);
      itemVectors.forEach((itemVector, i) => {
        const similarity = dot(itemVector, vector);
        const entry = best[i] as { similarity: number; passage: string };
        if (similarity > entry.similarity) {
          entry.similarity = similarity;
          entry.passage = pending[p] ?? '';
        }
      });
    });
    pending = [];
  };
  for await (const passage of passages) {
    pending.push(passage);
    count++;
    if (pending.length >= batch) await flush();
  }
  await flush();
  return {
    passages: count,
    isTruncated: count >= request.maxPassages,
    items: items
      .map((item, i) => ({
        key: item.key,
        similarity: best[i]?.similarity ?? -1,
        passage: (best[i]?.passage ?? '').slice(0, 300),
      }))
      .filter((entry) => entry.similarity >= request.threshold)
      .sort((a, b) => b.similarity - a.similarity || (a.key < b.key ? -1 : 1)),
  };
}
