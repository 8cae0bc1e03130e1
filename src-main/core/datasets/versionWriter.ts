import type { Db } from '../db/connection';
import type { DatasetsRepo } from '../db/repos/datasets';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import { itemContentHash, normaliseTags, versionContentHash, type HashedItem } from './contentHash';

export interface NewItem extends Omit<HashedItem, 'inputFormat' | 'tags' | 'metadata'> {
  inputFormat?: 'text' | 'messages';
  tags?: readonly string[];
  metadata?: Record<string, unknown>;
  hasPersonalData?: boolean;
}

export interface WrittenVersion {
  datasetId: string;
  versionId: string;
  version: number;
  contentHash: string;
  itemCount: number;
}

export class DuplicateItemKeyError extends Error {
  override name = 'DuplicateItemKeyError';
  constructor(readonly key: string) {
    super(`duplicate item id "${key}"`);
  }
}

/**
 * Writes a new frozen version of a dataset (creating the dataset if needed) in one
 * transaction: either the whole version exists, frozen and hashed, or nothing does.
 */
export function writeFrozenVersion(
  db: Db,
  repo: DatasetsRepo,
  request: {
    datasetName: string;
    description?: string | null;
    parentId?: string | null;
    source: Record<string, unknown>;
    note?: string | null;
    items: Iterable<NewItem>;
  },
): WrittenVersion {
  return db.transaction(() => {
    const createdAt = nowIso();
    let datasetId = repo.findByName(request.datasetName)?.id;
    if (!datasetId) {
      datasetId = newId('dataset');
      repo.insertDataset({
        id: datasetId,
        name: request.datasetName,
        description: request.description ?? null,
        createdAt,
      });
    }
    const versionId = newId('datasetVersion');
    const version = repo.nextVersionNumber(datasetId);
    repo.insertDraftVersion({
      id: versionId,
      datasetId,
      version,
      parentId: request.parentId ?? null,
      source: JSON.stringify(request.source),
      note: request.note ?? null,
      createdAt,
    });
    const seen = new Set<string>();
    let position = 0;
    for (const item of request.items) {
      if (seen.has(item.key)) throw new DuplicateItemKeyError(item.key);
      seen.add(item.key);
      const hashed: HashedItem = {
        key: item.key,
        inputFormat: item.inputFormat ?? 'text',
        input: item.input,
        reference: item.reference,
        category: item.category,
        groupId: item.groupId,
        tags: normaliseTags(item.tags ?? []),
        metadata: item.metadata ?? {},
      };
      repo.insertItem(versionId, {
        ...hashed,
        position: position++,
        contentHash: itemContentHash(hashed),
        hasPersonalData: item.hasPersonalData ?? false,
      });
    }
    const hashes = [...repo.itemHashesByKey(versionId)].map((row) => row.content_hash);
    const contentHash = versionContentHash(hashes);
    repo.freezeVersion(versionId, contentHash, position);
    return { datasetId, versionId, version, contentHash, itemCount: position };
  });
}
