import type { Db } from '../connection';
import { sql } from '../sql';

export interface FrozenVersionRow {
  id: string;
  dataset_id: string;
  version: number;
  content_hash: string;
  item_count: number;
}

export interface TemplateItemRow {
  item_key: string;
  input_format: 'text' | 'messages';
  input: string;
  reference: string | null;
  category: string | null;
  metadata: string;
}

export interface PlanItemRow {
  id: number;
  item_key: string;
}

/**
 * What a run reads of the datasets: frozen versions by number, hash or recency, the items to
 * plan, and checks that prompt variables exist in every item. Read-only.
 */
export class RunInputsRepo {
  constructor(private readonly db: Db) {}

  latestVersion(datasetId: string): FrozenVersionRow | undefined {
    return this.db
      .get<FrozenVersionRow>(sql`SELECT id, dataset_id, version, content_hash, item_count
      FROM dataset_versions WHERE dataset_id = ${datasetId} AND is_frozen = 1 AND removal_started_at IS NULL ORDER BY version DESC LIMIT 1`);
  }

  versionByNumber(datasetId: string, version: number): FrozenVersionRow | undefined {
    return this.db
      .get<FrozenVersionRow>(sql`SELECT id, dataset_id, version, content_hash, item_count
      FROM dataset_versions WHERE dataset_id = ${datasetId} AND is_frozen = 1 AND removal_started_at IS NULL AND version = ${version}`);
  }

  versionByHash(datasetId: string, contentHash: string): FrozenVersionRow | undefined {
    return this.db
      .get<FrozenVersionRow>(sql`SELECT id, dataset_id, version, content_hash, item_count
      FROM dataset_versions WHERE dataset_id = ${datasetId} AND is_frozen = 1 AND removal_started_at IS NULL AND content_hash = ${contentHash}
      ORDER BY version DESC LIMIT 1`);
  }

  versionById(versionId: string): FrozenVersionRow | undefined {
    return this.db
      .get<FrozenVersionRow>(sql`SELECT id, dataset_id, version, content_hash, item_count
      FROM dataset_versions WHERE id = ${versionId} AND is_frozen = 1 AND removal_started_at IS NULL`);
  }

  /** Items of a version in stored order (the first `limit` when given). */
  planItems(versionId: string, limit: number): PlanItemRow[] {
    return this.db
      .all<PlanItemRow>(sql`SELECT id, item_key FROM items WHERE version_id = ${versionId}
      ORDER BY position LIMIT ${limit}`);
  }

  /** Items (of the first `limit`) whose column is null: returns the count and one example key. */
  missingColumn(
    versionId: string,
    column: 'reference' | 'category',
    limit: number,
  ): { n: number; example: string | null } {
    const query =
      column === 'reference'
        ? sql`SELECT COUNT(*) AS n, MIN(item_key) AS example FROM (SELECT item_key, reference AS v FROM items
            WHERE version_id = ${versionId} ORDER BY position LIMIT ${limit}) WHERE v IS NULL`
        : sql`SELECT COUNT(*) AS n, MIN(item_key) AS example FROM (SELECT item_key, category AS v FROM items
            WHERE version_id = ${versionId} ORDER BY position LIMIT ${limit}) WHERE v IS NULL`;
    return this.db.get<{ n: number; example: string | null }>(query) ?? { n: 0, example: null };
  }

  /** Items (of the first `limit`) without the metadata value at `jsonPath` (e.g. `$."a"."b"`). */
  missingMetadata(
    versionId: string,
    jsonPath: string,
    limit: number,
  ): { n: number; example: string | null } {
    return (
      this.db.get<{
        n: number;
        example: string | null;
      }>(sql`SELECT COUNT(*) AS n, MIN(item_key) AS example
        FROM (SELECT item_key, metadata FROM items WHERE version_id = ${versionId} ORDER BY position LIMIT ${limit})
        WHERE json_type(metadata, ${jsonPath}) IS NULL OR json_type(metadata, ${jsonPath}) = 'null'`) ?? {
        n: 0,
        example: null,
      }
    );
  }

  /** The fields prompts read, for the first `limit` items of a version in stored order. */
  templateItems(versionId: string, limit: number): IterableIterator<TemplateItemRow> {
    return this.db
      .iterate<TemplateItemRow>(sql`SELECT item_key, input_format, input, reference, category, metadata
      FROM items WHERE version_id = ${versionId} ORDER BY position LIMIT ${limit}`);
  }
}
