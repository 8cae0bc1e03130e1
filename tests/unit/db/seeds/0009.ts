import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Version 9 adds `label_tombstones`: a removal recorded at 9 survives, and labels are untouched. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO label_tombstones (label_id, task_id, session_id, rater_id, content_hash, scheme_hash, removed_at)
        VALUES ('lb_gone', 'lt_9', 'ls_9', 'ra_9', 'kh9', 'sh9', '2026-01-12T00:00:00.000Z');`);
  },
  check: (db: Db) => {
    expect(
      db.get(
        sql`SELECT task_id, rater_id, removed_at FROM label_tombstones WHERE label_id = 'lb_gone'`,
      ),
    ).toEqual({ task_id: 'lt_9', rater_id: 'ra_9', removed_at: '2026-01-12T00:00:00.000Z' });
    // A tombstone is not a label: the label of version 6 is still there.
    expect(db.get(sql`SELECT COUNT(*) AS n FROM labels WHERE id = 'lb_9'`)).toEqual({ n: 1 });
  },
};
