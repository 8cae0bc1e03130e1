import type { Repos } from '../db/repos';
import type { CachedResponse } from '../db/repos/responseCache';
import type { RunPromptRow } from '../db/repos/runs';
import type { ChatMessage } from '../providers/types';
import { compilePrompt, renderMessages, type CompiledPrompt } from '../suites/template';
import { paramsForRepeat, type ManifestModel, type RunManifest } from './manifest';
import type { WorkCell } from './protocol';
import { requestHash } from './requestHash';

/** A pending cell the response cache can answer. */
export interface CacheHit {
  cellId: string;
  modelKey: string;
  requestHash: string;
  response: CachedResponse;
}

export interface FeedBatch {
  cells: WorkCell[];
  hits: CacheHit[];
  /** No pending cell of this model is left after these. */
  exhausted: boolean;
}

/** Output tokens assumed for TPM limits when a suite sets no max_tokens. */
const defaultOutputAllowance = 512;

function estimateTokens(messages: readonly ChatMessage[], maxTokens: number | undefined): number {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  // ~4 characters per token in English; TPM accounting is corrected by usage afterwards.
  return Math.ceil(chars / 4) + (maxTokens ?? defaultOutputAllowance);
}

/**
 * Streams a run's pending cells to the engine, model by model, in run order: renders each
 * cell's messages from its item and prompt, computes its request hash, and answers it from
 * the response cache when allowed. A cursor per model makes sure no cell is handed out twice
 * in one session, whether or not its result has been written yet.
 */
export class CellFeed {
  private readonly cursors = new Map<string, number>();
  private readonly prompts = new Map<string, CompiledPrompt>();
  private readonly models = new Map<string, ManifestModel>();
  /** Request hash of every cell handed out, for storing its result. */
  readonly hashes = new Map<string, string>();

  constructor(
    private readonly repos: Pick<Repos, 'cells' | 'responseCache'>,
    private readonly runId: string,
    manifest: RunManifest,
    prompts: readonly RunPromptRow[],
    private readonly useCache: boolean,
  ) {
    for (const row of prompts) {
      const messages = JSON.parse(row.content) as Array<{
        role: ChatMessage['role'];
        content: string;
      }>;
      this.prompts.set(row.prompt_key, compilePrompt({ id: row.prompt_key, messages }));
    }
    for (const model of manifest.models) {
      this.models.set(model.id, model);
      this.cursors.set(model.id, -1);
    }
  }

  /** Up to `count` cells of a model to send, plus any the cache answered on the way. */
  next(modelKey: string, count: number): FeedBatch {
    const model = this.models.get(modelKey);
    if (!model) throw new Error(`unknown model ${modelKey}`);
    const batch: FeedBatch = { cells: [], hits: [], exhausted: false };
    const chunk = Math.max(count, 64);
    while (batch.cells.length < count) {
      const cursor = this.cursors.get(modelKey) ?? -1;
      const rows = this.repos.cells.pending(this.runId, modelKey, cursor, chunk);
      for (const row of rows) {
        const prompt = this.prompts.get(row.prompt_key);
        if (!prompt) throw new Error(`cell ${row.id}: unknown prompt ${row.prompt_key}`);
        const messages = renderMessages(prompt, {
          key: row.item_key,
          inputFormat: row.input_format,
          input: row.input,
          reference: row.reference,
          category: row.category,
          metadata: JSON.parse(row.metadata) as Record<string, unknown>,
        });
        const params = paramsForRepeat(model.params, row.repeat);
        const hash = requestHash({
          providerKind: model.provider.kind,
          baseUrl: model.provider.baseUrl,
          model: model.model,
          params,
          messages,
          repeat: row.repeat,
        });
        this.cursors.set(modelKey, row.ordinal);
        const cached = this.useCache ? this.repos.responseCache.get(hash) : undefined;
        if (cached) {
          batch.hits.push({ cellId: row.id, modelKey, requestHash: hash, response: cached });
          continue;
        }
        this.hashes.set(row.id, hash);
        batch.cells.push({
          cellId: row.id,
          ordinal: row.ordinal,
          modelKey,
          messages,
          params,
          estTokens: estimateTokens(messages, params.max_tokens),
        });
      }
      if (rows.length < chunk) {
        batch.exhausted = true;
        break;
      }
    }
    return batch;
  }
}
