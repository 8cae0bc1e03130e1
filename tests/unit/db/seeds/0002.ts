import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Rows valid at schema version 2, and how to check they survived later upgrades. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO runs (id, name, suite_id, dataset_version_id, status, manifest, manifest_hash, created_at)
        VALUES ('run_1', 'r', 'su_1', 'dv_1', 'completed', '{}', 'mh', '2026-01-02T00:00:00Z');
      INSERT INTO cells (id, run_id, item_id, prompt_key, model_key, repeat, ordinal, status, updated_at)
        VALUES ('c_1', 'run_1', 1, 'p', 'm', 0, 0, 'done', '2026-01-02T00:00:00Z');
      INSERT INTO responses (cell_id, output, input_tokens, output_tokens, latency_ms, request_hash, created_at)
        VALUES ('c_1', 'hi there', 3, 2, 41.5, 'rh', '2026-01-02T00:00:00Z');`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT output, latency_ms FROM responses WHERE cell_id = 'c_1'`)).toEqual({
      output: 'hi there',
      latency_ms: 41.5,
    });
  },
};
