import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Rows valid at schema version 3, and how to check they survived later upgrades. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO raters (id, name, created_at) VALUES ('ra_1', 'ana', '2026-01-03T00:00:00Z');
      INSERT INTO scores (cell_id, scorer_key, scorer_id, scorer_version, config_hash, value, is_pass, created_at)
        VALUES ('c_1', 'exact', 'exact-match', '1', 'ch', 1, 1, '2026-01-03T00:00:00Z');`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT value, is_pass FROM scores`)).toEqual({ value: 1, is_pass: 1 });
  },
};
