import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Rows valid at schema version 5, and how to check they survived later upgrades. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO datasets (id, name, created_at, is_marked_personal, allow_cloud)
        VALUES ('ds_5', 'logs', '2026-01-05T00:00:00Z', 1, 1);
      INSERT INTO dataset_versions (id, dataset_id, version, content_hash, item_count, is_frozen, created_at)
        VALUES ('dv_5', 'ds_5', 1, 'h5', 0, 0, '2026-01-05T00:00:00Z');
      INSERT INTO items (version_id, item_key, position, input, content_hash, has_personal_data)
        VALUES ('dv_5', 'k', 0, 'mail me at a@example.com', 'ih5', 1);
      INSERT INTO pii_scans (id, version_id, detectors, item_count, flagged_count, finding_count, is_complete, scanned_at)
        VALUES (55, 'dv_5', '["email"]', 1, 1, 1, 1, '2026-01-05T00:00:00Z');
      INSERT INTO pii_findings (scan_id, item_id, detector, field, start_offset, end_offset, preview)
        SELECT 55, id, 'email', 'input', 11, 24, 'a***@example.com' FROM items WHERE item_key = 'k' AND version_id = 'dv_5';
      UPDATE dataset_versions SET is_frozen = 1, item_count = 1 WHERE id = 'dv_5';`);
  },
  check: (db: Db) => {
    expect(
      db.get(sql`SELECT is_marked_personal, allow_cloud FROM datasets WHERE id = 'ds_5'`),
    ).toEqual({ is_marked_personal: 1, allow_cloud: 1 });
    expect(
      db.get(sql`SELECT detector, field, start_offset, end_offset, preview FROM pii_findings
        WHERE scan_id = 55`),
    ).toEqual({
      detector: 'email',
      field: 'input',
      start_offset: 11,
      end_offset: 24,
      preview: 'a***@example.com',
    });
    expect(db.get(sql`SELECT flagged_count FROM pii_scans WHERE id = 55`)).toEqual({
      flagged_count: 1,
    });
  },
};
