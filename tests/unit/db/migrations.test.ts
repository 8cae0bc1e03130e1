import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '@core/db/connection';
import { migrate, MigrationError, schemaVersion } from '@core/db/migrate';
import { migrations } from '@core/db/migrations';
import { sql } from '@core/db/sql';
import { useTempDir } from '../../support/tempDir';

/**
 * Rows that are valid at each schema version. For every earlier version v, a database is
 * migrated to v, given the rows of versions 1..v, upgraded to the latest, and checked.
 */
const seeds: Record<number, { insert: (db: Db) => void; check: (db: Db) => void }> = {
  1: {
    insert: (db) => {
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
    check: (db) => {
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
  },
  2: {
    insert: (db) => {
      db.exec(`
        INSERT INTO runs (id, name, suite_id, dataset_version_id, status, manifest, manifest_hash, created_at)
          VALUES ('run_1', 'r', 'su_1', 'dv_1', 'completed', '{}', 'mh', '2026-01-02T00:00:00Z');
        INSERT INTO cells (id, run_id, item_id, prompt_key, model_key, repeat, ordinal, status, updated_at)
          VALUES ('c_1', 'run_1', 1, 'p', 'm', 0, 0, 'done', '2026-01-02T00:00:00Z');
        INSERT INTO responses (cell_id, output, input_tokens, output_tokens, latency_ms, request_hash, created_at)
          VALUES ('c_1', 'hi there', 3, 2, 41.5, 'rh', '2026-01-02T00:00:00Z');`);
    },
    check: (db) => {
      expect(db.get(sql`SELECT output, latency_ms FROM responses WHERE cell_id = 'c_1'`)).toEqual({
        output: 'hi there',
        latency_ms: 41.5,
      });
    },
  },
  3: {
    insert: (db) => {
      db.exec(`
        INSERT INTO raters (id, name, created_at) VALUES ('ra_1', 'ana', '2026-01-03T00:00:00Z');
        INSERT INTO scores (cell_id, scorer_key, scorer_id, scorer_version, config_hash, value, is_pass, created_at)
          VALUES ('c_1', 'exact', 'exact-match', '1', 'ch', 1, 1, '2026-01-03T00:00:00Z');`);
    },
    check: (db) => {
      expect(db.get(sql`SELECT value, is_pass FROM scores`)).toEqual({ value: 1, is_pass: 1 });
    },
  },
  4: {
    insert: (db) => {
      db.exec(`
        INSERT INTO labeling_sessions (id, name, kind, created_at) VALUES ('ls_1', 's', 'pointwise', '2026-01-04T00:00:00Z');
        INSERT INTO labeling_tasks (id, session_id, position, cell_id, content_hash) VALUES ('lt_1', 'ls_1', 0, 'c_1', 'kh');
        INSERT INTO labels (id, task_id, session_id, rater_id, content_hash, score, created_at, updated_at)
          VALUES ('lb_1', 'lt_1', 'ls_1', 'ra_1', 'kh', 4, '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z');`);
    },
    check: (db) => {
      expect(db.get(sql`SELECT score FROM labels`)).toEqual({ score: 4 });
    },
  },
};

describe('migrations', () => {
  const tempDir = useTempDir();

  it('has a seed for every migration, so each upgrade path is tested', () => {
    expect(Object.keys(seeds).map(Number)).toEqual(migrations.map((m) => m.id));
  });

  it('numbers migrations 1..n without gaps', () => {
    expect(migrations.map((m) => m.id)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (let from = 0; from < migrations.length; from++) {
    it(`upgrades a database at version ${from} to the latest with its data intact`, () => {
      const db = new Db(join(tempDir(), 'w.sqlite'));
      try {
        migrate(db, { target: from });
        expect(schemaVersion(db)).toBe(from);
        for (let v = 1; v <= from; v++) seeds[v]?.insert(db);
        migrate(db);
        expect(schemaVersion(db)).toBe(migrations.length);
        for (let v = 1; v <= from; v++) seeds[v]?.check(db);
        // Rows of the versions added by the upgrade can be written afterwards.
        for (let v = from + 1; v <= migrations.length; v++) seeds[v]?.insert(db);
        for (let v = 1; v <= migrations.length; v++) seeds[v]?.check(db);
        expect(db.raw.pragma('foreign_key_check')).toEqual([]);
        expect(db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    });
  }

  it('refuses a database with a migration this build does not know', () => {
    const db = new Db(join(tempDir(), 'w.sqlite'));
    try {
      migrate(db);
      db.run(
        sql`INSERT INTO schema_migrations (id, name, applied_at) VALUES (999, 'from_the_future', 'x')`,
      );
      expect(() => migrate(db)).toThrow(MigrationError);
      expect(() => migrate(db)).toThrow(/999 \(from_the_future\)/);
    } finally {
      db.close();
    }
  });

  it('refuses a database whose applied history diverges from the known list', () => {
    const db = new Db(join(tempDir(), 'w.sqlite'));
    try {
      migrate(db, { target: 1 });
      db.run(sql`UPDATE schema_migrations SET name = 'renamed' WHERE id = 1`);
      expect(() => migrate(db)).toThrow(MigrationError);
      expect(schemaVersion(db)).toBe(1);
    } finally {
      db.close();
    }
  });

  it('turns on WAL and foreign keys', () => {
    const db = new Db(join(tempDir(), 'w.sqlite'));
    try {
      expect(db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});
