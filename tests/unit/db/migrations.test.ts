import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '@core/db/connection';
import { migrate, MigrationError, schemaVersion } from '@core/db/migrate';
import { migrations } from '@core/db/migrations';
import { sql } from '@core/db/sql';
import type { MigrationSeed } from './seeds/types';
import { useTempDir } from '../../support/tempDir';

/**
 * Rows that are valid at each schema version live in seeds/NNNN.ts, one file per migration.
 * For every earlier version v, a database is migrated to v, given the rows of versions 1..v,
 * upgraded to the latest, and checked.
 */
const seedModules = import.meta.glob<{ seed: MigrationSeed }>('./seeds/[0-9][0-9][0-9][0-9].ts', {
  eager: true,
});
const seeds: Record<number, MigrationSeed> = Object.fromEntries(
  Object.entries(seedModules).map(([path, module]) => [
    Number(/(\d{4})\.ts$/.exec(path)?.[1]),
    module.seed,
  ]),
);

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
