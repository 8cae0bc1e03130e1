import type { Db } from '../connection';
import { sql } from '../sql';

interface DraftRow {
  suite_id: string;
  text: string;
  base_hash: string;
  updated_at: string;
}

export interface StoredSuiteDraft {
  suiteId: string;
  text: string;
  baseHash: string;
  updatedAt: string;
}

function toDraft(row: DraftRow): StoredSuiteDraft {
  return {
    suiteId: row.suite_id,
    text: row.text,
    baseHash: row.base_hash,
    updatedAt: row.updated_at,
  };
}

/**
 * Unsaved suite edits. A suite is a name with content-addressed texts (each save is a new row,
 * the list shows the newest), so a draft belongs to the name: at most one per name, stored on
 * the saved row it was last edited from.
 */
export class SuiteDraftsRepo {
  constructor(private readonly db: Db) {}

  /** The draft of the suite named like `suiteId`'s suite, whichever of its rows it is on. */
  forSuiteOf(suiteId: string): StoredSuiteDraft | undefined {
    const row = this.db.get<DraftRow>(
      sql`SELECT d.* FROM suite_drafts d JOIN suites s ON s.id = d.suite_id
        WHERE s.name = (SELECT name FROM suites WHERE id = ${suiteId})
        ORDER BY d.updated_at DESC LIMIT 1`,
    );
    return row ? toDraft(row) : undefined;
  }

  /** Replaces the draft of the suite's name (call inside a transaction). */
  put(draft: StoredSuiteDraft): void {
    this.dropForSuiteOf(draft.suiteId);
    this.db.run(sql`INSERT INTO suite_drafts (suite_id, text, base_hash, updated_at)
      VALUES (${draft.suiteId}, ${draft.text}, ${draft.baseHash}, ${draft.updatedAt})`);
  }

  /** Drops the draft of the suite named like `suiteId`'s suite; true when there was one. */
  dropForSuiteOf(suiteId: string): boolean {
    const result = this.db.run(
      sql`DELETE FROM suite_drafts WHERE suite_id IN
        (SELECT id FROM suites WHERE name = (SELECT name FROM suites WHERE id = ${suiteId}))`,
    );
    return result.changes > 0;
  }
}
