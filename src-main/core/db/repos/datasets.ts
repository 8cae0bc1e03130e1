import type { DatasetItem, DatasetSummary, DatasetVersionSummary } from '@contract/index';
import type { Db } from '../connection';
import { bit, sql } from '../sql';

interface DatasetRow {
  id: string;
  name: string;
  description: string | null;
  is_personal: number;
  is_marked_personal: number;
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
  input_format: 'text' | 'messages';
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
  /** The metadata object as JSON text (serialised once, where the item is prepared). */
  metadataJson: string;
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

  /** Datasets with at least one frozen version (a dataset being imported for the first time is not shown). */
  list(): DatasetSummary[] {
    const rows = this.db.all<DatasetRow>(sql`
      SELECT d.*, (SELECT COUNT(*) FROM dataset_versions v WHERE v.dataset_id = d.id AND v.is_frozen = 1 AND v.removal_started_at IS NULL) AS version_count
      FROM datasets d WHERE EXISTS (SELECT 1 FROM dataset_versions v WHERE v.dataset_id = d.id AND v.is_frozen = 1 AND v.removal_started_at IS NULL)
      ORDER BY d.name`);
    return rows.map((row) => this.toSummary(row));
  }

  /** A dataset by name, including one whose first version is still a draft. */
  findByName(name: string): DatasetSummary | undefined {
    const row = this.db.get<DatasetRow>(sql`
      SELECT d.*, (SELECT COUNT(*) FROM dataset_versions v WHERE v.dataset_id = d.id AND v.is_frozen = 1 AND v.removal_started_at IS NULL) AS version_count
      FROM datasets d WHERE d.name = ${name}`);
    return row ? this.toSummary(row) : undefined;
  }

  get(datasetId: string): DatasetSummary | undefined {
    const row = this.db.get<DatasetRow>(sql`
      SELECT d.*, (SELECT COUNT(*) FROM dataset_versions v WHERE v.dataset_id = d.id AND v.is_frozen = 1 AND v.removal_started_at IS NULL) AS version_count
      FROM datasets d WHERE d.id = ${datasetId} AND d.removal_started_at IS NULL`);
    return row ? this.toSummary(row) : undefined;
  }

  private toSummary(row: DatasetRow): DatasetSummary {
    const latest = this.db.get<VersionRow>(sql`
      SELECT * FROM dataset_versions WHERE dataset_id = ${row.id} AND is_frozen = 1
        AND removal_started_at IS NULL
      ORDER BY version DESC LIMIT 1`);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      isPersonal: row.is_personal === 1 || row.is_marked_personal === 1,
      isMarkedPersonal: row.is_marked_personal === 1,
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
        sql`SELECT * FROM dataset_versions WHERE dataset_id = ${datasetId} AND is_frozen = 1 AND removal_started_at IS NULL ORDER BY version DESC`,
      )
      .map(toVersion);
  }

  version(versionId: string): (DatasetVersionSummary & { datasetId: string }) | undefined {
    const row = this.db.get<VersionRow>(
      sql`SELECT * FROM dataset_versions WHERE id = ${versionId} AND removal_started_at IS NULL`,
    );
    return row ? { ...toVersion(row), datasetId: row.dataset_id } : undefined;
  }

  /** The number the next frozen version gets (drafts hold negative placeholders). */
  nextVersionNumber(datasetId: string): number {
    const row = this.db.get<{ n: number | null }>(
      sql`SELECT MAX(version) AS n FROM dataset_versions WHERE dataset_id = ${datasetId} AND is_frozen = 1`,
    );
    return Math.max(0, row?.n ?? 0) + 1;
  }

  /** A unique placeholder number for a draft, below every real version number. */
  nextDraftNumber(datasetId: string): number {
    const row = this.db.get<{ n: number | null }>(
      sql`SELECT MIN(version) AS n FROM dataset_versions WHERE dataset_id = ${datasetId}`,
    );
    return Math.min(0, row?.n ?? 0) - 1;
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

  /** Inserts an item and its tags; returns its row id, or null when the key is already taken. */
  insertItem(versionId: string, item: NewItemRow): number | null {
    const result = this.db.run(sql`INSERT INTO items
      (version_id, item_key, position, input_format, input, reference, category, group_id, metadata, content_hash, has_personal_data)
      VALUES (${versionId}, ${item.key}, ${item.position}, ${item.inputFormat}, ${item.input}, ${item.reference},
        ${item.category}, ${item.groupId}, ${item.metadataJson}, ${item.contentHash}, ${bit(item.hasPersonalData)})
      ON CONFLICT (version_id, item_key) DO NOTHING`);
    if (result.changes === 0) return null;
    const itemId = Number(result.lastInsertRowid);
    for (const tag of item.tags) {
      this.db.run(sql`INSERT OR IGNORE INTO item_tags (item_id, tag) VALUES (${itemId}, ${tag})`);
    }
    return itemId;
  }

  /**
   * Inserts a batch given as the JSON text of an array of prepared rows (`PreparedRow` fields),
   * the i-th at position `base + i`, letting SQLite parse it: no JavaScript object per row.
   * Rows whose key is taken are skipped; returns the batch indexes that were inserted.
   */
  insertItemsJson(versionId: string, base: number, batchJson: string): number[] {
    const inserted = this.db.all<{ position: number }>(sql`
      INSERT INTO items (version_id, item_key, position, input_format, input, reference, category, group_id,
        metadata, content_hash, has_personal_data)
      SELECT ${versionId}, j.value->>'key', ${base} + j.key, j.value->>'inputFormat', j.value->>'input',
        j.value->>'reference', j.value->>'category', j.value->>'groupId', j.value->>'metadataJson',
        j.value->>'contentHash', iif(j.value->>'hasPersonalData', 1, 0)
      FROM json_each(${batchJson}) j WHERE true
      ON CONFLICT (version_id, item_key) DO NOTHING
      RETURNING position`);
    return inserted.map((row) => row.position - base);
  }

  /**
   * Tags of the rows of a JSON batch inserted at `base + i` (see insertItemsJson). CROSS JOIN
   * fixes the join order: batch rows first, each finding its item by the position index.
   */
  insertTagsJson(versionId: string, base: number, batchJson: string): void {
    this.db.run(sql`
      INSERT OR IGNORE INTO item_tags (item_id, tag)
      SELECT i.id, t.value FROM json_each(${batchJson}) j
      CROSS JOIN items i ON i.version_id = ${versionId} AND i.position = ${base} + j.key
        AND i.item_key = j.value->>'key'
      CROSS JOIN json_each(j.value->'tags') t`);
  }

  /** Items flagged as personal among positions [from, to). */
  countPersonalBetween(versionId: string, from: number, to: number): number {
    return (
      this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM items
        WHERE version_id = ${versionId} AND position >= ${from} AND position < ${to} AND has_personal_data = 1`)
        ?.n ?? 0
    );
  }

  /** Item hashes ordered by key as UTF-8 bytes (SQLite BINARY collation): the hash order. */
  itemHashesByKey(versionId: string): IterableIterator<{ content_hash: string }> {
    return this.db.iterate<{ content_hash: string }>(
      sql`SELECT content_hash FROM items WHERE version_id = ${versionId} ORDER BY item_key COLLATE BINARY`,
    );
  }

  /** Freezes a draft: gives it the next version number, its hash and count. Irreversible (trigger). */
  /**
   * The item hashes of a version in key order, each followed by "\n", concatenated in chunks of
   * `size` items (keyset pages on the unique key index): the exact bytes the version hash
   * covers, without one JavaScript object per item.
   */
  *itemHashChunks(versionId: string, size = 20_000): Generator<string> {
    let after = '';
    for (;;) {
      const row = this.db.get<{ chunk: string | null; last: string | null }>(sql`
        SELECT group_concat(content_hash || char(10), '' ORDER BY item_key) AS chunk, MAX(item_key) AS last
        FROM (SELECT item_key, content_hash FROM items WHERE version_id = ${versionId} AND item_key > ${after}
          ORDER BY item_key LIMIT ${size})`);
      if (!row?.chunk || row.last === null) return;
      yield row.chunk;
      after = row.last;
    }
  }

  freezeVersion(versionId: string, version: number, contentHash: string, itemCount: number) {
    this.db.run(sql`UPDATE dataset_versions
      SET version = ${version}, content_hash = ${contentHash}, item_count = ${itemCount}, is_frozen = 1
      WHERE id = ${versionId} AND is_frozen = 0`);
  }

  /** Records a draft's provenance once it is known (a frozen version's source never changes). */
  setSource(versionId: string, source: Record<string, unknown>): void {
    this.db.run(sql`UPDATE dataset_versions SET source = ${JSON.stringify(source)}
      WHERE id = ${versionId} AND is_frozen = 0`);
  }

  /** Removes one draft and everything in it (never a frozen version). */
  deleteDraft(versionId: string): void {
    this.db.run(sql`DELETE FROM dataset_versions WHERE id = ${versionId} AND is_frozen = 0`);
  }

  /** Removes a dataset that has no version at all (one whose first import failed). */
  deleteIfEmpty(datasetId: string): void {
    this.db.run(sql`DELETE FROM datasets WHERE id = ${datasetId}
      AND NOT EXISTS (SELECT 1 FROM dataset_versions v WHERE v.dataset_id = ${datasetId})`);
  }

  /** Drafts left by an interrupted import: never visible, removed at start-up with their empty datasets. */
  deleteDrafts(): number {
    const removed = this.db.run(sql`DELETE FROM dataset_versions WHERE is_frozen = 0`).changes;
    this.db.run(sql`DELETE FROM datasets
      WHERE NOT EXISTS (SELECT 1 FROM dataset_versions v WHERE v.dataset_id = datasets.id)`);
    return removed;
  }

  markPersonal(datasetId: string): void {
    this.db.run(
      sql`UPDATE datasets SET is_personal = 1 WHERE id = ${datasetId} AND is_personal = 0`,
    );
  }

  setPolicy(datasetId: string, policy: { allowCloud?: boolean; markedPersonal?: boolean }): void {
    if (policy.allowCloud !== undefined) {
      this.db.run(
        sql`UPDATE datasets SET allow_cloud = ${bit(policy.allowCloud)} WHERE id = ${datasetId}`,
      );
    }
    if (policy.markedPersonal !== undefined) {
      this.db.run(
        sql`UPDATE datasets SET is_marked_personal = ${bit(policy.markedPersonal)} WHERE id = ${datasetId}`,
      );
    }
  }

  countItems(versionId: string): number {
    return (
      this.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM items WHERE version_id = ${versionId}`,
      )?.n ?? 0
    );
  }

  /**
   * Every item of a version in stored order, fetched in pages by position (so the caller may
   * write between items: no statement stays open across a yield).
   */
  *iterateItems(versionId: string, pageSize = 500): Generator<DatasetItem> {
    let from = 0;
    for (;;) {
      const rows = this.db.all<ItemRow>(sql`
        SELECT i.*, (SELECT json_group_array(tag) FROM (SELECT tag FROM item_tags t WHERE t.item_id = i.id ORDER BY tag)) AS tags
        FROM items i WHERE i.version_id = ${versionId} AND i.position >= ${from}
        ORDER BY i.position LIMIT ${pageSize}`);
      for (const row of rows) yield toItem(row);
      const last = rows.at(-1);
      if (!last || rows.length < pageSize) return;
      from = last.position + 1;
    }
  }

  /** Keys and categories only, in stored order (sampling and folds need nothing more). */
  itemKeys(versionId: string): Array<{ key: string; category: string | null }> {
    return this.db.all<{ key: string; category: string | null }>(
      sql`SELECT item_key AS key, category FROM items WHERE version_id = ${versionId} ORDER BY position`,
    );
  }

  /** The stored provenance of a version (`source` JSON). */
  versionSource(versionId: string): Record<string, unknown> {
    const row = this.db.get<{ source: string }>(
      sql`SELECT source FROM dataset_versions WHERE id = ${versionId}`,
    );
    return row ? (JSON.parse(row.source) as Record<string, unknown>) : {};
  }

  /** A frozen version by dataset name and number (latest when `version` is omitted). */
  findVersion(
    datasetName: string,
    version?: number,
  ): (DatasetVersionSummary & { datasetId: string }) | undefined {
    const row =
      version === undefined
        ? this.db
            .get<VersionRow>(sql`SELECT v.* FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
            WHERE d.name = ${datasetName} AND v.is_frozen = 1 AND v.removal_started_at IS NULL ORDER BY v.version DESC LIMIT 1`)
        : this.db
            .get<VersionRow>(sql`SELECT v.* FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
            WHERE d.name = ${datasetName} AND v.is_frozen = 1 AND v.removal_started_at IS NULL AND v.version = ${version}`);
    return row ? { ...toVersion(row), datasetId: row.dataset_id } : undefined;
  }

  /** How two versions differ, by item key: added, removed, changed (different content hash). */
  diffCounts(
    fromId: string,
    toId: string,
  ): { added: number; removed: number; changed: number; unchanged: number } {
    const row = this.db.get<{
      added: number;
      removed: number;
      changed: number;
      unchanged: number;
    }>(sql`SELECT
      (SELECT COUNT(*) FROM items b WHERE b.version_id = ${toId}
        AND NOT EXISTS (SELECT 1 FROM items a WHERE a.version_id = ${fromId} AND a.item_key = b.item_key)) AS added,
      (SELECT COUNT(*) FROM items a WHERE a.version_id = ${fromId}
        AND NOT EXISTS (SELECT 1 FROM items b WHERE b.version_id = ${toId} AND b.item_key = a.item_key)) AS removed,
      (SELECT COUNT(*) FROM items a JOIN items b ON b.version_id = ${toId} AND b.item_key = a.item_key
        WHERE a.version_id = ${fromId} AND a.content_hash <> b.content_hash) AS changed,
      (SELECT COUNT(*) FROM items a JOIN items b ON b.version_id = ${toId} AND b.item_key = a.item_key
        WHERE a.version_id = ${fromId} AND a.content_hash = b.content_hash) AS unchanged`);
    return row ?? { added: 0, removed: 0, changed: 0, unchanged: 0 };
  }

  /** One page of the differences, ordered by key (as UTF-8 bytes). */
  diffPage(fromId: string, toId: string, offset: number, limit: number) {
    const rows = this.db.all<{
      key: string;
      change: 'added' | 'removed' | 'changed';
      before_id: number | null;
      after_id: number | null;
    }>(sql`
      SELECT key, change, before_id, after_id FROM (
        SELECT b.item_key AS key, 'added' AS change, NULL AS before_id, b.id AS after_id FROM items b
          WHERE b.version_id = ${toId}
          AND NOT EXISTS (SELECT 1 FROM items a WHERE a.version_id = ${fromId} AND a.item_key = b.item_key)
        UNION ALL
        SELECT a.item_key, 'removed', a.id, NULL FROM items a
          WHERE a.version_id = ${fromId}
          AND NOT EXISTS (SELECT 1 FROM items b WHERE b.version_id = ${toId} AND b.item_key = a.item_key)
        UNION ALL
        SELECT a.item_key, 'changed', a.id, b.id FROM items a JOIN items b ON b.version_id = ${toId} AND b.item_key = a.item_key
          WHERE a.version_id = ${fromId} AND a.content_hash <> b.content_hash
      ) ORDER BY key COLLATE BINARY LIMIT ${limit} OFFSET ${offset}`);
    return rows.map((row) => ({
      key: row.key,
      change: row.change,
      before: row.before_id === null ? null : this.itemById(row.before_id),
      after: row.after_id === null ? null : this.itemById(row.after_id),
    }));
  }

  itemById(itemId: number): DatasetItem | null {
    const row = this.db.get<ItemRow>(sql`
      SELECT i.*, (SELECT json_group_array(tag) FROM (SELECT tag FROM item_tags t WHERE t.item_id = i.id ORDER BY tag)) AS tags
      FROM items i WHERE i.id = ${itemId}`);
    return row ? toItem(row) : null;
  }

  items(versionId: string, offset: number, limit: number): DatasetItem[] {
    const rows = this.db.all<ItemRow>(sql`
      SELECT i.*, (SELECT json_group_array(tag) FROM (SELECT tag FROM item_tags t WHERE t.item_id = i.id ORDER BY tag)) AS tags
      FROM items i WHERE i.version_id = ${versionId}
      ORDER BY i.position LIMIT ${limit} OFFSET ${offset}`);
    return rows.map(toItem);
  }
}

function toItem(row: ItemRow): DatasetItem {
  return {
    id: row.id,
    key: row.item_key,
    position: row.position,
    inputFormat: row.input_format,
    input: row.input,
    reference: row.reference,
    category: row.category,
    groupId: row.group_id,
    tags: row.tags ? (JSON.parse(row.tags) as string[]) : [],
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    contentHash: row.content_hash,
    hasPersonalData: row.has_personal_data === 1,
  };
}
