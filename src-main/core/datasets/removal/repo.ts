/**
 * The SQL of deleting a dataset or a version (removeDataset.ts): what refuses it, what goes
 * with it, the mark that hides it, and the batched delete.
 *
 * Every table that points at datasets, versions or items, from the migrations:
 * - ON DELETE CASCADE from `datasets`: dataset_versions;
 * - ON DELETE CASCADE from `dataset_versions`: items, pii_scans (→ pii_findings);
 * - ON DELETE CASCADE from `items`: item_tags, pii_findings;
 * - no action (the deletion is refused while they exist): runs.dataset_version_id,
 *   dataset_versions.parent_id (a version derived from it, in any dataset), cells.item_id
 *   (only runs make cells, so the runs refusal covers it) and, through the cells,
 *   labeling_tasks.cell_id / cell_b_id.
 * Suites and their drafts name a dataset in their text, without a key: they are listed, not
 * refused.
 */
import type { Db } from '../../db/connection';
import { sql } from '../../db/sql';

export interface VersionRow {
  id: string;
  dataset_id: string;
  version: number;
  item_count: number;
  content_hash: string;
}

export interface RunUseRow {
  id: string;
  name: string;
  version: number;
  removal_started_at: string | null;
}

export interface SessionUseRow {
  id: string;
  name: string;
  task_count: number;
}

export interface DerivedRow {
  id: string;
  dataset_id: string;
  dataset_name: string;
  version: number;
}

export interface SuiteTextRow {
  suite_id: string;
  name: string;
  text: string;
  is_draft: number;
}

export interface MarkedVersionRow {
  id: string;
  dataset_id: string;
  dataset_name: string;
  version: number;
  dataset_marked: number;
  removal_started_at: string;
}

/** A JSON array of ids, which SQLite reads with json_each (one parameter for any count). */
const idList = (ids: readonly string[]) => JSON.stringify(ids);

export class DatasetRemovalRepo {
  constructor(private readonly db: Db) {}

  dataset(datasetId: string): { id: string; name: string } | undefined {
    return this.db.get(sql`SELECT id, name FROM datasets
      WHERE id = ${datasetId} AND removal_started_at IS NULL`);
  }

  /** The dataset a target names, being deleted or not (to tell "gone" from "being deleted"). */
  datasetOfTarget(
    target: { datasetId: string } | { versionId: string },
  ): { id: string; name: string } | undefined {
    if ('datasetId' in target)
      return this.db.get(sql`SELECT id, name FROM datasets WHERE id = ${target.datasetId}`);
    return this.db.get(sql`SELECT d.id, d.name FROM dataset_versions v
      JOIN datasets d ON d.id = v.dataset_id WHERE v.id = ${target.versionId}`);
  }

  /** The dataset of that name with something of it being deleted (hidden or not). */
  datasetDeletingNamed(name: string): { id: string; name: string } | undefined {
    return this.db.get(sql`SELECT d.id, d.name FROM datasets d WHERE d.name = ${name}
      AND (d.removal_started_at IS NOT NULL OR EXISTS (SELECT 1 FROM dataset_versions v
        WHERE v.dataset_id = d.id AND v.removal_started_at IS NOT NULL))
      LIMIT 1`);
  }

  /** A frozen version not being deleted. */
  version(versionId: string): VersionRow | undefined {
    return this.db.get<VersionRow>(sql`SELECT id, dataset_id, version, item_count, content_hash
      FROM dataset_versions
      WHERE id = ${versionId} AND is_frozen = 1 AND removal_started_at IS NULL`);
  }

  /** The dataset's frozen versions not being deleted, newest first. */
  versionsOf(datasetId: string): VersionRow[] {
    return this.db.all<VersionRow>(sql`SELECT id, dataset_id, version, item_count, content_hash
      FROM dataset_versions
      WHERE dataset_id = ${datasetId} AND is_frozen = 1 AND removal_started_at IS NULL
      ORDER BY version DESC`);
  }

  /** Versions being written into the dataset right now (an import or derive, any process). */
  draftCount(datasetId: string): number {
    return (
      this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM dataset_versions
        WHERE dataset_id = ${datasetId} AND is_frozen = 0`)?.n ?? 0
    );
  }

  /** Runs (those being deleted too) that evaluated one of the versions: the first `limit`, and how many. */
  runsUsing(versionIds: readonly string[], limit: number): { total: number; first: RunUseRow[] } {
    const ids = idList(versionIds);
    const total =
      this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM runs
        WHERE dataset_version_id IN (SELECT value FROM json_each(${ids}))`)?.n ?? 0;
    const first = this.db.all<RunUseRow>(sql`
      SELECT r.id, r.name, v.version, r.removal_started_at FROM runs r
      JOIN dataset_versions v ON v.id = r.dataset_version_id
      WHERE r.dataset_version_id IN (SELECT value FROM json_each(${ids}))
      ORDER BY r.created_at DESC, r.id LIMIT ${limit}`);
    return { total, first };
  }

  /** Labeling sessions with tasks on outputs for the versions' items (either side of a pair). */
  sessionsUsing(versionIds: readonly string[]): SessionUseRow[] {
    const ids = idList(versionIds);
    return this.db.all<SessionUseRow>(sql`
      WITH version_runs AS (SELECT id FROM runs
             WHERE dataset_version_id IN (SELECT value FROM json_each(${ids}))),
           tasks AS (
             SELECT t.id, t.session_id FROM labeling_tasks t JOIN cells c ON c.id = t.cell_id
             WHERE c.run_id IN version_runs
             UNION
             SELECT t.id, t.session_id FROM labeling_tasks t JOIN cells c ON c.id = t.cell_b_id
             WHERE c.run_id IN version_runs)
      SELECT s.id, s.name, COUNT(*) AS task_count
      FROM tasks t JOIN labeling_sessions s ON s.id = t.session_id
      GROUP BY s.id ORDER BY s.name, s.id`);
  }

  /** Versions (of any dataset) whose parent is one of these and that are not deleted with them. */
  derivedFrom(versionIds: readonly string[]): DerivedRow[] {
    const ids = idList(versionIds);
    return this.db.all<DerivedRow>(sql`
      SELECT v.id, v.dataset_id, d.name AS dataset_name, v.version FROM dataset_versions v
      JOIN datasets d ON d.id = v.dataset_id
      WHERE v.parent_id IN (SELECT value FROM json_each(${ids}))
        AND v.id NOT IN (SELECT value FROM json_each(${ids}))
      ORDER BY d.name, v.version`);
  }

  /** Privacy scans and their findings stored for the versions (keyed: cheap for any size). */
  privacyCounts(versionIds: readonly string[]): { scans: number; findings: number } {
    const ids = idList(versionIds);
    const row = this.db.get<{ scans: number; findings: number }>(sql`
      WITH scans AS (SELECT id FROM pii_scans WHERE version_id IN (SELECT value FROM json_each(${ids})))
      SELECT (SELECT COUNT(*) FROM scans) AS scans,
             (SELECT COUNT(*) FROM pii_findings WHERE scan_id IN scans) AS findings`);
    return row ?? { scans: 0, findings: 0 };
  }

  /** Tags on the versions' items (a walk over every item: callers keep it to small versions). */
  tagCount(versionIds: readonly string[]): number {
    return (
      this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM item_tags WHERE item_id IN
        (SELECT id FROM items WHERE version_id IN (SELECT value FROM json_each(${idList(versionIds)})))`)
        ?.n ?? 0
    );
  }

  /** The newest saved text of every suite name, and every unsaved draft. */
  suiteTexts(): SuiteTextRow[] {
    return this.db.all<SuiteTextRow>(sql`
      SELECT s.id AS suite_id, s.name, s.yaml AS text, 0 AS is_draft FROM suites s
      WHERE s.created_at = (SELECT MAX(created_at) FROM suites t WHERE t.name = s.name)
      UNION ALL
      SELECT d.suite_id, s.name, d.text, 1 AS is_draft FROM suite_drafts d
      JOIN suites s ON s.id = d.suite_id
      ORDER BY name, is_draft`);
  }

  /** Hides the versions (and the dataset) from every reader; false when one was already gone. */
  mark(versionIds: readonly string[], datasetId: string | null, at: string): boolean {
    const ids = idList(versionIds);
    const marked = this.db.run(sql`UPDATE dataset_versions SET removal_started_at = ${at}
      WHERE id IN (SELECT value FROM json_each(${ids})) AND removal_started_at IS NULL`).changes;
    if (datasetId !== null)
      this.db.run(sql`UPDATE datasets SET removal_started_at = ${at}
        WHERE id = ${datasetId} AND removal_started_at IS NULL`);
    return marked === versionIds.length;
  }

  /** Versions whose removal started and did not finish (going on now, cancelled, or cut short). */
  allMarked(): MarkedVersionRow[] {
    return this.db.all<MarkedVersionRow>(sql`
      SELECT v.id, v.dataset_id, d.name AS dataset_name, v.version,
             (d.removal_started_at IS NOT NULL) AS dataset_marked, v.removal_started_at
      FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
      WHERE v.removal_started_at IS NOT NULL ORDER BY d.name, v.version`);
  }

  itemCount(versionIds: readonly string[]): number {
    return (
      this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM items
        WHERE version_id IN (SELECT value FROM json_each(${idList(versionIds)}))`)?.n ?? 0
    );
  }

  /**
   * Deletes up to `limit` of the versions' items (their tags and findings cascade) and says
   * how many of each went.
   */
  deleteItemBatch(
    versionIds: readonly string[],
    limit: number,
  ): { items: number; tags: number; findings: number } {
    const batch = this.db
      .all<{ id: number }>(
        sql`SELECT id FROM items
        WHERE version_id IN (SELECT value FROM json_each(${idList(versionIds)})) LIMIT ${limit}`,
      )
      .map((r) => r.id);
    if (batch.length === 0) return { items: 0, tags: 0, findings: 0 };
    const ids = JSON.stringify(batch);
    const counted = this.db.get<{ tags: number; findings: number }>(sql`
      WITH batch AS (SELECT value AS id FROM json_each(${ids}))
      SELECT (SELECT COUNT(*) FROM item_tags WHERE item_id IN batch) AS tags,
             (SELECT COUNT(*) FROM pii_findings WHERE item_id IN batch) AS findings`);
    const items = this.db.run(
      sql`DELETE FROM items WHERE id IN (SELECT value FROM json_each(${ids}))`,
    ).changes;
    return { items, tags: counted?.tags ?? 0, findings: counted?.findings ?? 0 };
  }

  /**
   * Deletes the versions (what is left of their rows cascades) and then the dataset when it
   * was marked and no other version is left (an import may have added one meanwhile: the
   * dataset then stays, unmarked). Returns the scans and findings deleted here and whether
   * the dataset went.
   */
  finish(
    versionIds: readonly string[],
    datasetId: string,
  ): { scans: number; findings: number; datasetDeleted: boolean } {
    const { scans, findings } = this.privacyCounts(versionIds);
    this.db.run(sql`DELETE FROM dataset_versions
      WHERE id IN (SELECT value FROM json_each(${idList(versionIds)}))`);
    const marked = this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM datasets
      WHERE id = ${datasetId} AND removal_started_at IS NOT NULL`);
    if (!marked?.n) return { scans, findings, datasetDeleted: false };
    const deleted = this.db.run(sql`DELETE FROM datasets WHERE id = ${datasetId}
      AND NOT EXISTS (SELECT 1 FROM dataset_versions v WHERE v.dataset_id = ${datasetId})`).changes;
    // A version not being deleted (a new import) keeps the dataset; versions another removal
    // is still deleting keep it marked, and that removal takes it.
    if (deleted === 0)
      this.db.run(sql`UPDATE datasets SET removal_started_at = NULL WHERE id = ${datasetId}
        AND EXISTS (SELECT 1 FROM dataset_versions v
          WHERE v.dataset_id = ${datasetId} AND v.removal_started_at IS NULL)`);
    return { scans, findings, datasetDeleted: deleted === 1 };
  }
}
