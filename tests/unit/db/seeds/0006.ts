import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Rows valid at schema version 6 (rating sessions as built), and how to check they survived. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO raters (id, name, created_at) VALUES ('ra_9', 'rater nine', '2026-01-09T00:00:00Z');
      INSERT INTO labeling_sessions (id, name, kind, created_at) VALUES ('ls_9', 's9', 'pairwise', '2026-01-09T00:00:00Z');
      INSERT INTO labeling_tasks (id, session_id, position, content_hash, is_swapped, payload)
        VALUES ('lt_9', 'ls_9', 0, 'kh9', 1, '{"input":"q","outputs":["a","b"]}');
      INSERT INTO labels (id, task_id, session_id, rater_id, content_hash, scheme_hash, choice, created_at, updated_at)
        VALUES ('lb_9', 'lt_9', 'ls_9', 'ra_9', 'kh9', 'sh9', 'a', '2026-01-09T00:00:00Z', '2026-01-09T00:00:00Z');
      INSERT INTO label_history (session_id, task_id, rater_id, label_id, previous, created_at)
        VALUES ('ls_9', 'lt_9', 'ra_9', 'lb_9', NULL, '2026-01-09T00:00:00Z');`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT scheme_hash, choice FROM labels WHERE id = 'lb_9'`)).toEqual({
      scheme_hash: 'sh9',
      choice: 'a',
    });
    expect(db.get(sql`SELECT payload FROM labeling_tasks WHERE id = 'lt_9'`)).toEqual({
      payload: '{"input":"q","outputs":["a","b"]}',
    });
    expect(db.get(sql`SELECT COUNT(*) AS n FROM label_history`)).toEqual({ n: 1 });
  },
};
