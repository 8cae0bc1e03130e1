import type { Db } from './connection';
import { migrations as knownMigrations, type Migration } from './migrations';
import { sql } from './sql';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

interface AppliedRow {
  id: number;
  name: string;
}

function appliedMigrations(db: Db): AppliedRow[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  return db.all<AppliedRow>(sql`SELECT id, name FROM schema_migrations ORDER BY id`);
}

/**
 * Brings the database up to `target` (default: the latest). Refuses a database whose
 * applied migrations are not a prefix of the known list: it was written by a newer or a
 * diverging build, and touching it could destroy data.
 */
export function migrate(
  db: Db,
  options: { target?: number; migrations?: readonly Migration[] } = {},
): { from: number; to: number } {
  const list = options.migrations ?? knownMigrations;
  const target = options.target ?? list.length;
  const applied = appliedMigrations(db);
  applied.forEach((row, index) => {
    const known = list[index];
    if (!known || known.id !== row.id || known.name !== row.name) {
      throw new MigrationError(
        `This workspace was written by another version of Yardstick: applied migration ` +
          `${row.id} (${row.name}) is not known to this build. Upgrade Yardstick to open it.`,
      );
    }
  });
  const from = applied.length;
  for (const migration of list.slice(from, target)) {
    db.transaction(() => {
      db.exec(migration.up);
      db.run(
        sql`INSERT INTO schema_migrations (id, name, applied_at) VALUES (${migration.id}, ${migration.name}, ${new Date().toISOString()})`,
      );
    });
  }
  return { from, to: Math.max(from, target) };
}

export function schemaVersion(db: Db): number {
  return appliedMigrations(db).length;
}
