import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Version 10 adds `suite_drafts`: a draft of the suite of version 1 survives; the suite does not change. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO suite_drafts (suite_id, text, base_hash, updated_at)
        VALUES ('su_1', 'name: s2', 'sh', '2026-01-13T00:00:00.000Z');`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT text, base_hash FROM suite_drafts WHERE suite_id = 'su_1'`)).toEqual({
      text: 'name: s2',
      base_hash: 'sh',
    });
    expect(db.get(sql`SELECT yaml FROM suites WHERE id = 'su_1'`)).toEqual({ yaml: 'name: s' });
  },
};
