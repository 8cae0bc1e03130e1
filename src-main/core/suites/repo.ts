/**
 * The suites domain's own SQL beyond the shared suites repository: what a scaffold reads of a
 * dataset version (its fields, across every item), and what deleting a suite name touches
 * (its saved texts, its draft, the runs that keep it alive).
 */
import type { Db } from '../db/connection';
import { sql } from '../db/sql';
import { perCore } from '../util/perCore';

export interface ScaffoldVersionRow {
  id: string;
  version: number;
  item_count: number;
  is_frozen: number;
  dataset_name: string;
}

/** Counts over every item of a version: which item fields are always there. */
export interface ItemFieldCounts {
  items: number;
  with_reference: number;
  with_category: number;
  messages: number;
}

/** One metadata key of a version: in how many items it has a value, and of which JSON types. */
export interface MetadataKeyRow {
  name: string;
  /** Items where the key holds a value other than JSON null. */
  present: number;
  /** Items where that value is a string or a number (what reads well inside a prompt). */
  scalars: number;
}

export interface RunUsingSuite {
  id: string;
  name: string;
  /** 1 while the run itself is being deleted (hidden from lists, still holding the suite). */
  being_deleted: number;
}

export class SuiteDomainRepo {
  constructor(private readonly db: Db) {}

  /** A version being deleted (hidden: datasets/removal) is not there. */
  scaffoldVersion(versionId: string): ScaffoldVersionRow | undefined {
    return this.db.get<ScaffoldVersionRow>(
      sql`SELECT v.id, v.version, v.item_count, v.is_frozen, d.name AS dataset_name
        FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
        WHERE v.id = ${versionId} AND v.removal_started_at IS NULL`,
    );
  }

  itemFieldCounts(versionId: string): ItemFieldCounts {
    return (
      this.db.get<ItemFieldCounts>(
        sql`SELECT COUNT(*) AS items, COUNT(reference) AS with_reference,
          COUNT(category) AS with_category,
          COALESCE(SUM(input_format = 'messages'), 0) AS messages
        FROM items WHERE version_id = ${versionId}`,
      ) ?? { items: 0, with_reference: 0, with_category: 0, messages: 0 }
    );
  }

  /** Top-level metadata keys, in the order they first appear in the version. */
  metadataKeys(versionId: string): MetadataKeyRow[] {
    return this.db.all<MetadataKeyRow>(
      sql`SELECT j.key AS name,
          SUM(j.type != 'null') AS present,
          SUM(j.type IN ('text', 'integer', 'real')) AS scalars
        FROM items i, json_each(i.metadata) j
        WHERE i.version_id = ${versionId} AND json_type(i.metadata) = 'object'
        GROUP BY j.key ORDER BY MIN(i.position), MIN(j.id)`,
    );
  }

  /** Every reference of a version (nulls skipped), without loading them all at once. */
  references(versionId: string): IterableIterator<{ reference: string }> {
    return this.db.iterate<{ reference: string }>(
      sql`SELECT reference FROM items WHERE version_id = ${versionId} AND reference IS NOT NULL`,
    );
  }

  /** Whether any saved text of any suite is called `name`. */
  hasSuiteNamed(name: string): boolean {
    return this.db.get(sql`SELECT 1 FROM suites WHERE name = ${name} LIMIT 1`) !== undefined;
  }

  /** Names of suites with an unsaved draft (on any of their saved texts). */
  namesWithDrafts(): Set<string> {
    const rows = this.db.all<{ name: string }>(
      sql`SELECT DISTINCT s.name FROM suite_drafts d JOIN suites s ON s.id = d.suite_id`,
    );
    return new Set(rows.map((r) => r.name));
  }

  /** Runs of any saved text of the suite named `name`, newest first: the first `limit`, and how many. */
  runsUsingName(name: string, limit: number): { total: number; first: RunUsingSuite[] } {
    const total =
      this.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM runs WHERE suite_id IN (SELECT id FROM suites WHERE name = ${name})`,
      )?.n ?? 0;
    const first = this.db.all<RunUsingSuite>(
      sql`SELECT id, name, removal_started_at IS NOT NULL AS being_deleted
        FROM runs WHERE suite_id IN (SELECT id FROM suites WHERE name = ${name})
        ORDER BY created_at DESC, id LIMIT ${limit}`,
    );
    return { total, first };
  }

  /** What deleting the name would remove: its saved texts and the drafts stored on them. */
  countName(name: string): { versions: number; drafts: number } {
    return (
      this.db.get<{ versions: number; drafts: number }>(
        sql`SELECT (SELECT COUNT(*) FROM suites WHERE name = ${name}) AS versions,
          (SELECT COUNT(*) FROM suite_drafts
            WHERE suite_id IN (SELECT id FROM suites WHERE name = ${name})) AS drafts`,
      ) ?? { versions: 0, drafts: 0 }
    );
  }

  /**
   * Deletes every saved text called `name` and their drafts (call inside a transaction, after
   * checking no run uses them: runs.suite_id has no cascade, and the foreign key would refuse).
   */
  deleteName(name: string): { versions: number; drafts: number } {
    const drafts = this.db.run(
      sql`DELETE FROM suite_drafts WHERE suite_id IN (SELECT id FROM suites WHERE name = ${name})`,
    ).changes;
    const versions = this.db.run(sql`DELETE FROM suites WHERE name = ${name}`).changes;
    return { versions, drafts };
  }
}

/** The core's one SuiteDomainRepo (what is read through it may be kept for the core's life). */
export const suiteDomainRepo = perCore((ctx) => new SuiteDomainRepo(ctx.db));
