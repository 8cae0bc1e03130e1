import type { Db } from '../db/connection';
import { sql } from '../db/sql';

export interface SchemaObject {
  type: string;
  name: string;
  table: string;
  rootpage: number | null;
}

export interface ForeignKeyRow {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

/** The SQL of the workspace check: SQLite's own integrity pragmas and the schema they name. */
export class WorkspaceCheckRepo {
  constructor(private readonly db: Db) {}

  /** `PRAGMA integrity_check`: `['ok']` when healthy, else up to `maxErrors` messages. */
  integrityMessages(maxErrors: number): string[] {
    // A pragma's argument cannot be a bound parameter; the number is an integer we chose.
    const limit = Math.max(1, Math.floor(maxErrors));
    return this.db.raw
      .prepare(`PRAGMA integrity_check(${limit})`)
      .pluck()
      .all()
      .map((message) => String(message));
  }

  foreignKeyViolations(): ForeignKeyRow[] {
    return this.db.all<ForeignKeyRow>(sql`PRAGMA foreign_key_check`);
  }

  /** `PRAGMA foreign_key_check(table)`: one table at a time, so a caller can report progress. */
  foreignKeyViolationsOf(table: string): ForeignKeyRow[] {
    // A pragma's argument cannot be a bound parameter; the name comes from sqlite_schema.
    const quoted = `"${table.replaceAll('"', '""')}"`;
    return this.db.raw.prepare(`PRAGMA foreign_key_check(${quoted})`).all() as ForeignKeyRow[];
  }

  /** Tables and indexes with the table each belongs to and its root page. */
  schemaObjects(): SchemaObject[] {
    return this.db.all<SchemaObject>(
      sql`SELECT type, name, tbl_name AS "table", rootpage FROM sqlite_schema WHERE type IN ('table', 'index')`,
    );
  }

  pageCount(): number {
    return Number(this.db.raw.pragma('page_count', { simple: true }));
  }
}
