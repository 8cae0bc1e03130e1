import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/**
 * Version 13 adds `removal_started_at` to datasets and dataset versions: earlier ones are not
 * being deleted (NULL); a version marked at 13 keeps its mark (the column is not one the
 * frozen-version trigger guards).
 */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO datasets (id, name, created_at, removal_started_at)
        VALUES ('ds_13', 'going', '2026-01-14T00:00:00Z', '2026-01-14T01:00:00.000Z');
      INSERT INTO dataset_versions (id, dataset_id, version, content_hash, item_count, is_frozen, created_at)
        VALUES ('dv_13', 'ds_13', 1, 'h13', 0, 1, '2026-01-14T00:00:00Z');
      UPDATE dataset_versions SET removal_started_at = '2026-01-14T01:00:00.000Z' WHERE id = 'dv_13';`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT removal_started_at FROM dataset_versions WHERE id = 'dv_1'`)).toEqual({
      removal_started_at: null,
    });
    expect(db.get(sql`SELECT removal_started_at FROM datasets WHERE id = 'ds_1'`)).toEqual({
      removal_started_at: null,
    });
    expect(db.get(sql`SELECT removal_started_at FROM dataset_versions WHERE id = 'dv_13'`)).toEqual(
      { removal_started_at: '2026-01-14T01:00:00.000Z' },
    );
  },
};
