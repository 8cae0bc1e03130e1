import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tableOfMessage } from '@core/workspace/check';
import type { WorkspaceCheck } from '@contract/routes/workspaceCare';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';

/**
 * Damages a closed workspace the way a bad disk and a careless script would: one byte of the
 * example suite's entry in the `suites_by_name` index flips (the table row keeps its name),
 * and a dataset is deleted without its versions.
 */
function damage(workspaceDir: string) {
  const index = 'suites_by_name';
  const file = join(workspaceDir, 'workspace.sqlite');
  const db = new Database(file);
  let root: number;
  let pageSize: number;
  try {
    db.pragma('foreign_keys = OFF');
    db.exec('DELETE FROM datasets');
    root = db
      .prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?')
      .pluck()
      .get(index) as number;
    pageSize = db.pragma('page_size', { simple: true }) as number;
  } finally {
    db.close();
  }
  const fd = openSync(file, 'r+');
  try {
    const page = Buffer.alloc(pageSize);
    readSync(fd, page, 0, pageSize, (root - 1) * pageSize);
    const at = page.indexOf('support-triage');
    if (at < 0) throw new Error('the index page does not hold the example suite');
    page[at] = 'S'.charCodeAt(0);
    writeSync(fd, page, 0, pageSize, (root - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

describe('workspace check', () => {
  const tempDir = useTempDir();

  it('says a fresh workspace is healthy', async () => {
    const core = openTestCore(tempDir(), { seedExamples: true });
    try {
      const check = await call<WorkspaceCheck>(core, 'workspace.check');
      expect(check).toMatchObject({ isHealthy: true, integrity: [], foreignKeys: [] });
      expect(check.tablesChecked).toBeGreaterThan(20);
    } finally {
      await core.close();
    }
  });

  it('names the table of a broken index and of rows whose parent is gone', async () => {
    const dir = tempDir();
    const first = openTestCore(dir, { seedExamples: true });
    const workspaceDir = first.context.workspaceDir;
    await first.close();
    damage(workspaceDir);
    const core = openTestCore(dir);
    try {
      const check = await call<WorkspaceCheck>(core, 'workspace.check');
      expect(check.isHealthy).toBe(false);
      expect(check.integrity.map((p) => p.table)).toEqual(['suites']);
      expect(check.integrity[0]?.message).toMatch(/missing from index suites_by_name/);
      expect(check.foreignKeys).toMatchObject([
        { table: 'dataset_versions', parent: 'datasets', rows: 1 },
      ]);
      expect(check.foreignKeys[0]?.sampleRowids).toHaveLength(1);
    } finally {
      await core.close();
    }
  });

  it('reads the table out of each kind of integrity message', () => {
    const schema = [
      { type: 'table', name: 'cells', table: 'cells', rootpage: 12 },
      { type: 'index', name: 'cells_by_run_status', table: 'cells', rootpage: 13 },
      { type: 'table', name: 'runs', table: 'runs', rootpage: 7 },
    ];
    expect(tableOfMessage('row 5 missing from index cells_by_run_status', schema)).toBe('cells');
    expect(tableOfMessage('wrong # of entries in index cells_by_run_status', schema)).toBe('cells');
    expect(tableOfMessage('NULL value in runs.name', schema)).toBe('runs');
    expect(tableOfMessage('CHECK constraint failed in table runs', schema)).toBe('runs');
    expect(tableOfMessage('Tree 13 page 40 cell 2: invalid page number 99', schema)).toBe('cells');
    expect(tableOfMessage('Page 88: never used', schema)).toBeNull();
  });
});
