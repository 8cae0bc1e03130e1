import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Rows valid at schema version 4, and how to check they survived later upgrades. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO labeling_sessions (id, name, kind, created_at) VALUES ('ls_1', 's', 'pointwise', '2026-01-04T00:00:00Z');
      INSERT INTO labeling_tasks (id, session_id, position, cell_id, content_hash) VALUES ('lt_1', 'ls_1', 0, 'c_1', 'kh');
      INSERT INTO labels (id, task_id, session_id, rater_id, content_hash, score, created_at, updated_at)
        VALUES ('lb_1', 'lt_1', 'ls_1', 'ra_1', 'kh', 4, '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z');`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT score FROM labels`)).toEqual({ score: 4 });
  },
};
