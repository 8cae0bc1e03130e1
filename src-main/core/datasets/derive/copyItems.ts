import type { DatasetItem } from '@contract/routes/datasets';
import { ApiError } from '../../apiError';
import type { CoreContext } from '../../context';
import { throwIfCancelled } from '../../jobs/jobManager';
import {
  VersionDraft,
  type DraftRequest,
  type NewItem,
  type WrittenVersion,
} from '../versionWriter';

export function toNewItem(item: DatasetItem): NewItem {
  return {
    key: item.key,
    inputFormat: item.inputFormat,
    input: item.input,
    reference: item.reference,
    category: item.category,
    groupId: item.groupId,
    tags: item.tags,
    metadata: item.metadata,
  };
}

/**
 * Writes a new version from a stream of items through a draft, in batches, yielding to the
 * event loop between them (cancel is honoured there). The draft is removed on any failure.
 */
export async function writeVersionFrom(
  ctx: CoreContext,
  request: DraftRequest,
  items: Iterable<NewItem>,
  options: {
    signal?: AbortSignal;
    onProgress?: (written: number) => void;
    /** Provenance known only once every item went through (counts); replaces `request.source`. */
    finalSource?: () => Record<string, unknown>;
  } = {},
): Promise<WrittenVersion> {
  const draft = VersionDraft.open(ctx.db, ctx.repos.datasets, request);
  try {
    let batch: NewItem[] = [];
    const flush = async () => {
      const duplicates = draft.addBatch(batch);
      const first = duplicates[0];
      if (first !== undefined)
        throw new Error(`duplicate item id "${(batch[first] as NewItem).key}"`);
      batch = [];
      options.onProgress?.(draft.itemCount);
      await new Promise((resolve) => setImmediate(resolve));
      if (options.signal) throwIfCancelled(options.signal);
    };
    for (const item of items) {
      batch.push(item);
      if (batch.length >= 500) await flush();
    }
    await flush();
    if (draft.itemCount === 0)
      throw new ApiError('bad_request', 'a version needs at least one item');
    if (options.finalSource) ctx.repos.datasets.setSource(draft.versionId, options.finalSource());
    const { signal } = options;
    return await draft.freezeInChunks({
      afterChunk: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        if (signal) throwIfCancelled(signal);
      },
    });
  } catch (error) {
    draft.discard();
    throw error;
  }
}
