import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Version 7 only adds indexes: rows written at 7 survive, and the indexes exist. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO failure_modes (id, name, created_at) VALUES ('fm_7', 'seven', '2026-01-10T00:00:00Z');`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT name FROM failure_modes WHERE id = 'fm_7'`)).toEqual({
      name: 'seven',
    });
    const names = db
      .all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'index'`)
      .map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'score_overrides_by_score',
        'labeling_tasks_by_cell',
        'labeling_tasks_by_cell_b',
        'cell_failure_modes_by_mode',
      ]),
    );
  },
};
