import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Version 8 adds `decisions.baseline_model`: a decision written at 8 keeps the model it was compared against. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO decisions (id, run_id, baseline_run_id, baseline_model, model_key, verdict, criteria, evaluation, manifest, created_at)
        VALUES ('decision_8', 'run_1', 'run_1', 'm', 'm', 'ship', '[]', '{}', '{}', '2026-01-11T00:00:00Z');`);
  },
  check: (db: Db) => {
    expect(
      db.get(sql`SELECT baseline_model, verdict FROM decisions WHERE id = 'decision_8'`),
    ).toEqual({ baseline_model: 'm', verdict: 'ship' });
    const columns = db
      .all<{ name: string }>(sql`SELECT name FROM pragma_table_info('decisions')`)
      .map((c) => c.name);
    expect(columns).toContain('baseline_model');
  },
};
