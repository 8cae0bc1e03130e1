import type { Db } from '../connection';
import { sql } from '../sql';

/** Workspace-level settings as JSON values keyed by name. */
export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get<T>(key: string): T | undefined {
    const row = this.db.get<{ value: string }>(sql`SELECT value FROM settings WHERE key = ${key}`);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown, updatedAt: string) {
    this.db
      .run(sql`INSERT INTO settings (key, value, updated_at) VALUES (${key}, ${JSON.stringify(value)}, ${updatedAt})
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  }
}
