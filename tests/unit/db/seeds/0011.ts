import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Version 11 only adds an index: the rows of earlier versions are untouched and it is used. */
export const seed: MigrationSeed = {
  insert: () => {},
  check: (db: Db) => {
    const plan = db.all<{ detail: string }>(
      sql`EXPLAIN QUERY PLAN SELECT 1 FROM judge_variant_scores WHERE cell_id = 'c'`,
    );
    expect(plan.map((row) => row.detail).join(' ')).toContain('judge_variant_scores_by_cell');
  },
};
