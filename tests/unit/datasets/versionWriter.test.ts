import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Db } from '@core/db/connection';
import { migrate } from '@core/db/migrate';
import { createRepos } from '@core/db/repos';
import { sql } from '@core/db/sql';
import {
  DuplicateItemKeyError,
  writeFrozenVersion,
  type NewItem,
} from '@core/datasets/versionWriter';
import { useTempDir } from '../../support/tempDir';

function item(key: string, input = `input ${key}`): NewItem {
  return { key, input, reference: null, category: 'c', groupId: null, tags: ['t'] };
}

describe('frozen dataset versions', () => {
  const tempDir = useTempDir();
  let db: Db;
  afterEach(() => db.close());

  function open() {
    db = new Db(join(tempDir(), 'w.sqlite'));
    migrate(db);
    return createRepos(db);
  }

  it('writes a version whose hash does not depend on import order', () => {
    const repos = open();
    const a = writeFrozenVersion(db, repos.datasets, {
      datasetName: 'a',
      source: {},
      items: [item('x'), item('y')],
    });
    const b = writeFrozenVersion(db, repos.datasets, {
      datasetName: 'b',
      source: {},
      items: [item('y'), item('x')],
    });
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.itemCount).toBe(2);
    expect(repos.datasets.version(a.versionId)?.isFrozen).toBe(true);
  });

  it('numbers versions and records the parent', () => {
    const repos = open();
    const v1 = writeFrozenVersion(db, repos.datasets, {
      datasetName: 'a',
      source: {},
      items: [item('x')],
    });
    const v2 = writeFrozenVersion(db, repos.datasets, {
      datasetName: 'a',
      parentId: v1.versionId,
      source: {},
      items: [item('x'), item('y')],
    });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(repos.datasets.version(v2.versionId)?.parentId).toBe(v1.versionId);
    expect(repos.datasets.list()[0]?.latestVersion?.id).toBe(v2.versionId);
  });

  it('leaves nothing behind when an item is refused', () => {
    const repos = open();
    expect(() =>
      writeFrozenVersion(db, repos.datasets, {
        datasetName: 'dup',
        source: {},
        items: [item('x'), item('x')],
      }),
    ).toThrow(DuplicateItemKeyError);
    expect(db.get(sql`SELECT COUNT(*) AS n FROM dataset_versions`)).toEqual({ n: 0 });
    expect(db.get(sql`SELECT COUNT(*) AS n FROM items`)).toEqual({ n: 0 });
    expect(db.get(sql`SELECT COUNT(*) AS n FROM datasets`)).toEqual({ n: 0 });
  });

  it('refuses any change to a frozen version', () => {
    const repos = open();
    const v = writeFrozenVersion(db, repos.datasets, {
      datasetName: 'a',
      source: {},
      items: [item('x')],
    });
    expect(() =>
      db.run(sql`UPDATE items SET input = 'changed' WHERE version_id = ${v.versionId}`),
    ).toThrow(/frozen/);
    expect(() =>
      db.run(sql`INSERT INTO items (version_id, item_key, position, input, content_hash)
        VALUES (${v.versionId}, 'new', 9, 'i', 'h')`),
    ).toThrow(/frozen/);
    expect(() =>
      db.run(sql`UPDATE dataset_versions SET content_hash = 'x' WHERE id = ${v.versionId}`),
    ).toThrow(/frozen/);
    expect(() =>
      db.run(sql`UPDATE dataset_versions SET is_frozen = 0 WHERE id = ${v.versionId}`),
    ).toThrow(/frozen/);
  });
});
