import type { ItemInput, WrittenVersion } from '@contract/routes/datasets';
import { ApiError, notFound } from '../../apiError';
import type { CoreContext } from '../../context';
import type { NewItem } from '../versionWriter';
import { toNewItem, writeVersionFrom } from './copyItems';

function fromInput(input: ItemInput): NewItem {
  return {
    key: input.key,
    inputFormat: input.inputFormat ?? 'text',
    input: input.input,
    reference: input.reference ?? null,
    category: input.category ?? null,
    groupId: input.groupId ?? null,
    tags: input.tags ?? [],
    metadata: input.metadata ?? {},
  };
}

/**
 * A new version of the parent's dataset: the parent's items in order, minus `removeKeys`,
 * with `upserts` replacing items of the same key in place and the rest appended. The
 * parent is recorded; it is never changed.
 */
export async function editVersion(
  ctx: CoreContext,
  request: {
    parentVersionId: string;
    upserts: ItemInput[];
    removeKeys: string[];
    note?: string | null | undefined;
  },
): Promise<WrittenVersion> {
  const parent = ctx.repos.datasets.version(request.parentVersionId);
  if (!parent?.isFrozen) throw notFound('dataset version', request.parentVersionId);
  const dataset = ctx.repos.datasets.get(parent.datasetId);
  if (!dataset) throw notFound('dataset', parent.datasetId);
  const upserts = new Map<string, ItemInput>();
  for (const item of request.upserts) {
    if (upserts.has(item.key))
      throw new ApiError('bad_request', `item "${item.key}" appears twice in the edit`);
    upserts.set(item.key, item);
  }
  const removals = new Set(request.removeKeys);
  const seenRemovals = new Set<string>();
  let replaced = 0;
  const items = function* (): Generator<NewItem> {
    for (const item of ctx.repos.datasets.iterateItems(parent.id)) {
      if (removals.has(item.key)) {
        seenRemovals.add(item.key);
        continue;
      }
      const replacement = upserts.get(item.key);
      if (replacement) {
        upserts.delete(item.key);
        replaced++;
        yield fromInput(replacement);
      } else {
        yield toNewItem(item);
      }
    }
    const missing = [...removals].filter((key) => !seenRemovals.has(key));
    if (missing.length > 0) {
      throw new ApiError(
        'bad_request',
        `cannot remove items that are not in version ${parent.version}: ${missing.slice(0, 10).join(', ')}`,
      );
    }
    for (const item of upserts.values()) yield fromInput(item);
  };
  const parentRef = {
    versionId: parent.id,
    version: parent.version,
    contentHash: parent.contentHash,
  };
  return writeVersionFrom(
    ctx,
    {
      datasetName: dataset.name,
      parentId: parent.id,
      source: { kind: 'edit', parent: parentRef },
      note: request.note ?? null,
    },
    items(),
    {
      finalSource: () => ({
        kind: 'edit',
        parent: parentRef,
        replaced,
        added: request.upserts.length - replaced,
        removed: removals.size,
      }),
    },
  );
}
