import { expect } from 'vitest';
import type { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './types';

/** Rows valid at schema version 1, and how to check they survived later upgrades. */
export const seed: MigrationSeed = {
  insert: (db: Db) => {
    db.exec(`
      INSERT INTO datasets (id, name, created_at) VALUES ('ds_1', 'tickets', '2026-01-01T00:00:00Z');
      INSERT INTO dataset_versions (id, dataset_id, version, content_hash, item_count, is_frozen, created_at)
        VALUES ('dv_1', 'ds_1', 1, 'h', 0, 0, '2026-01-01T00:00:00Z');
      INSERT INTO items (version_id, item_key, position, input, reference, category, content_hash)
        VALUES ('dv_1', 'a', 0, 'hello', 'hi', 'greeting', 'ih');
      INSERT INTO item_tags (item_id, tag) VALUES (1, 'short');
      UPDATE dataset_versions SET is_frozen = 1, item_count = 1 WHERE id = 'dv_1';
      INSERT INTO suites (id, name, yaml, content_hash, created_at) VALUES ('su_1', 's', 'name: s', 'sh', '2026-01-01T00:00:00Z');
      INSERT INTO prompt_templates (id, name, content, content_hash, created_at) VALUES ('pt_1', 'p', '{}', 'ph', '2026-01-01T00:00:00Z');
      INSERT INTO settings (key, value, updated_at) VALUES ('examples.seeded', 'true', '2026-01-01T00:00:00Z');`);
  },
  check: (db: Db) => {
    expect(db.get(sql`SELECT item_key, input, reference, category FROM items`)).toEqual({
      item_key: 'a',
      input: 'hello',
      reference: 'hi',
      category: 'greeting',
    });
    expect(db.get(sql`SELECT tag FROM item_tags`)).toEqual({ tag: 'short' });
    expect(db.get(sql`SELECT is_frozen, item_count FROM dataset_versions`)).toEqual({
      is_frozen: 1,
      item_count: 1,
    });
    expect(db.get(sql`SELECT yaml FROM suites`)).toEqual({ yaml: 'name: s' });
  },
};
