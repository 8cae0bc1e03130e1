import type { DatasetItem, DatasetSummary, DatasetVersionSummary } from '@contract/index';
import type { Db } from '../connection';
import { bit, sql } from '../sql';

interface DatasetRow {
  id: string;
  name: string;
  description: string | null;
  is_personal: number;
  allow_cloud: number;
  created_at: string;
  version_count: number;
}

interface VersionRow {
  id: string;
  dataset_id: string;
  version: number;
  parent_id: string | null;
  content_hash: string;
  item_count: number;
  is_frozen: number;
  created_at: string;
  note: string | null;
}

interface ItemRow {
  id: number;
  item_key: string;
  position: number;
  input: string;
  reference: string | null;
  category: string | null;
  group_id: string | null;
  metadata: string;
  content_hash: string;
  has_personal_data: number;
  tags: string | null;
}

export interface NewItemRow {
  key: string;
  position: number;
  inputFormat: 'text' | 'messages';
  input: string;
  reference: string | null;
  category: string | null;
  groupId: string | null;
  tags: readonly string[];
  metadata: Record<string, unknown>;
  contentHash: string;
  hasPersonalData: boolean;
}

function toVersion(row: VersionRow): DatasetVersionSummary {
  return {
    id: row.id,
    version: row.version,
    parentId: row.parent_id,
    contentHash: row.content_hash,
    itemCount: row.item_count,
    isFrozen: row.is_frozen === 1,
    createdAt: row.created_at,
    note: row.note,
  };
}

/** The only SQL for datasets, versions and items. */
export class DatasetsRepo {
  constructor(private readonly db: Db) {}

  list(): DatasetSummary[] {
    const rows = this.db.all<DatasetRow>(sql`
      SELECT d.*, (SELECT COUNT(*) FROM dataset_versions v WHERE v.dataset_id = d.id AND v.is_frozen = 1) AS version_count
      FROM datasets d ORDER BY d.name`);
    return rows.map((row) => this.toSummary(row));
  }

  findByName(name: string): DatasetSummary | undefined {
    const row = this.db.get<DatasetRow>(sql`
      SELECT d.*, (SELECT COUNT(*) FROM dataset_versions v WHERE v.dataset_id = d.id AND v.is_frozen = 1) AS version_count
      FROM datasets d WHERE d.name = ${name}`);
    return row ? this.toSummary(row) : undefined;
  }

  private toSummary(row: DatasetRow): DatasetSummary {
    const latest = this.db.get<VersionRow>(sql`
      SELECT * FROM dataset_versions WHERE dataset_id = ${row.id} AND is_frozen = 1
      ORDER BY version DESC LIMIT 1`);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      isPersonal: row.is_personal === 1,
      allowCloud: row.allow_cloud === 1,
      createdAt: row.created_at,
      versionCount: row.version_count,
      latestVersion: latest ? toVersion(latest) : null,
    };
  }

  insertDataset(row: { id: string; name: string; description: string | null; createdAt: string }) {
    this.db.run(sql`INSERT INTO datasets (id, name, description, created_at)
      VALUES (${row.id}, ${row.name}, ${row.description}, ${row.createdAt})`);
  }

  versions(datasetId: string): DatasetVersionSummary[] {
    return this.db
      .all<VersionRow>(
        sql`SELECT * FROM dataset_versions WHERE dataset_id = ${datasetId} AND is_frozen = 1 ORDER BY version DESC`,
      )
      .map(toVersion);
  }

  version(versionId: string): (DatasetVersionSummary & { datasetId: string }) | undefined {
    const row = this.db.get<VersionRow>(
      sql`SELECT * FROM dataset_versions WHERE id = ${versionId}`,
    );
    return row ? { ...toVersion(row), datasetId: row.dataset_id } : undefined;
  }

  nextVersionNumber(datasetId: string): number {
    const row = this.db.get<{ n: number | null }>(
      sql`SELECT MAX(version) AS n FROM dataset_versions WHERE dataset_id = ${datasetId}`,
    );
    return (row?.n ?? 0) + 1;
  }

  insertDraftVersion(row: {
    id: string;
    datasetId: string;
    version: number;
    parentId: string | null;
    source: string;
    note: string | null;
    createdAt: string;
  }) {
    this.db.run(sql`INSERT INTO dataset_versions
      (id, dataset_id, version, parent_id, content_hash, item_count, is_frozen, source, note, created_at)
      VALUES (${row.id}, ${row.datasetId}, ${row.version}, ${row.parentId}, '', 0, 0, ${row.source}, ${row.note}, ${row.createdAt})`);
  }

  insertItem(versionId: string, item: NewItemRow): number {
    const result = this.db.run(sql`INSERT INTO items
      (version_id, item_key, position, input_format, input, reference, category, group_id, metadata, content_hash, has_personal_data)
      VALUES (${versionId}, ${item.key}, ${item.position}, ${item.inputFormat}, ${item.input}, ${item.reference},
        ${item.category}, ${item.groupId}, ${JSON.stringify(item.metadata)}, ${item.contentHash}, ${bit(item.hasPersonalData)})`);
    const itemId = Number(result.lastInsertRowid);
    for (const tag of item.tags) {
      this.db.run(sql`INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES (${itemId}, ${tag})`);
    }
    return itemId;
  }

  /** Item hashes ordered by key as UTF-8 bytes (SQLite BINARY collation): the hash order. */
  itemHashesByKey(versionId: string): IterableIterator<{ content_hash: string }> {
    return this.db.iterate<{ content_hash: string }>(
      sql`SELECT content_hash FROM items WHERE version_id = ${versionId} ORDER BY item_key COLLATE BINARY`,
    );
  }

  freezeVersion(versionId: string, contentHash: string, itemCount: number) {
    this.db
      .run(sql`UPDATE dataset_versions SET content_hash = ${contentHash}, item_count = ${itemCount}, is_frozen = 1
      WHERE id = ${versionId}`);
  }

  /** Drafts left by an interrupted import: never visible, removed at start-up. */
  deleteDrafts(): number {
    return this.db.run(sql`DELETE FROM dataset_versions WHERE is_frozen = 0`).changes;
  }

  countItems(versionId: string): number {
    return (
      this.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM items WHERE version_id = ${versionId}`,
      )?.n ?? 0
    );
  }

  items(versionId: string, offset: number, limit: number): DatasetItem[] {
    const rows = this.db.all<ItemRow>(sql`
      SELECT i.*, (SELECT json_group_array(tag) FROM (SELECT tag FROM item_tags t WHERE t.item_id = i.id ORDER BY tag)) AS tags
      FROM items i WHERE i.version_id = ${versionId}
      ORDER BY i.position LIMIT ${limit} OFFSET ${offset}`);
    return rows.map((row) => ({
      id: row.id,
      key: row.item_key,
      position: row.position,
      input: row.input,
      reference: row.reference,
      category: row.category,
      groupId: row.group_id,
      tags: row.tags ? (JSON.parse(row.tags) as string[]) : [],
      metadata: JSON.parse(row.metadata) as Record<string, unknown>,
      contentHash: row.content_hash,
      hasPersonalData: row.has_personal_data === 1,
    }));
  }
}
