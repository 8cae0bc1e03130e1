import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '@core/db/connection';
import { sql } from '@core/db/sql';
import { versionContentHash } from '@core/datasets/contentHash';
import { createRepos } from '@core/db/repos';
import { spawnTs, waitForLine } from '../support/spawnTs';
import { openTestCore } from '../support/core';
import { useTempDir } from '../support/tempDir';

describe('crash safety', () => {
  const tempDir = useTempDir();

  // Spawns a writer under tsx and kills it several times: slower than a unit test by nature.
  it(
    'leaves a database that passes integrity_check, with only whole versions, after kill -9 mid-write',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      for (let attempt = 0; attempt < 3; attempt++) {
        const child = spawnTs('tests/support/crashWriter.ts', [dir]);
        await waitForLine(child, /^committed [1-9]/);
        // Let it get well into the next transaction, then kill without warning.
        await new Promise((resolve) => setTimeout(resolve, 37 + attempt * 23));
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      const db = new Db(join(dir, 'workspace', 'workspace.sqlite'));
      try {
        expect(db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.raw.pragma('foreign_key_check')).toEqual([]);
        const repos = createRepos(db);
        const versions = db.all<{
          id: string;
          item_count: number;
          content_hash: string;
          is_frozen: number;
        }>(sql`SELECT id, item_count, content_hash, is_frozen FROM dataset_versions`);
        expect(versions.length).toBeGreaterThan(2);
        for (const version of versions) {
          expect(version.is_frozen).toBe(1);
          expect(repos.datasets.countItems(version.id)).toBe(version.item_count);
          const hashes = [...repos.datasets.itemHashesByKey(version.id)].map((r) => r.content_hash);
          expect(versionContentHash(hashes)).toBe(version.content_hash);
        }
      } finally {
        db.close();
      }
      // The workspace opens normally afterwards.
      const core = openTestCore(dir);
      expect((await core.dispatch('workspace.overview', {})).ok).toBe(true);
      await core.close();
    },
  );
});
