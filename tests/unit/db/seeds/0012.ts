import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/**
 * Version 12 adds `runs.removal_started_at`: runs of earlier versions are not being deleted
 * (NULL); a run marked at 12 keeps its mark.
 */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO runs (id, name, suite_id, dataset_version_id, status, manifest, manifest_hash, created_at, removal_started_at)
        VALUES ('run_12', 'going', 'su_1', 'dv_1', 'completed', '{}', 'mh12', '2026-01-13T00:00:00Z', '2026-01-13T01:00:00.000Z');`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT removal_started_at FROM runs WHERE id = 'run_1'`)).toEqual({
      removal_started_at: null,
    });
    expect(db.get(sql`SELECT removal_started_at FROM runs WHERE id = 'run_12'`)).toEqual({
      removal_started_at: '2026-01-13T01:00:00.000Z',
    });
  },
};
