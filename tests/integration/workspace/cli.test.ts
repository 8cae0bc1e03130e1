import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import { openTestCore } from '../../support/core';
import { finished, spawnTs } from '../../support/spawnTs';

/**
 * `yardstick backup` and `yardstick check` spawned for real. Each case starts the CLI under tsx
 * (2–3 s of CPU, more on a busy machine), hence the longer timeout.
 */
describe('yardstick backup and check', { timeout: 60_000 }, () => {
  let dir: string;
  let workspace: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yardstick-backup-cli-'));
    const core = openTestCore(dir, { seedExamples: true });
    workspace = core.context.workspaceDir;
    // About 40 MB, so that a backup one page per step takes long enough to interrupt.
    writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'bulk',
      source: { kind: 'test' },
      items: Array.from({ length: 10_000 }, (_, i) => ({
        key: `b${i}`,
        input: `bulk item ${i} `.repeat(300),
        reference: null,
        category: null,
        groupId: null,
        metadata: {},
      })),
    });
    await core.close();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = () => ({ ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') });
  const yardstick = (ws: string, args: string[]) =>
    spawnTs('src-main/cli/main.ts', ['--workspace', ws, ...args], { env: env() });

  it('writes a copy that opens as a workspace with the same counts, and refuses to overwrite it without --force', async () => {
    const out = join(dir, 'copies');
    mkdirSync(out);
    const target = join(out, 'ws.sqlite');
    const first = await finished(yardstick(workspace, ['backup', '--to', target, '--json']));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as { file: string; bytes: number };
    expect(result).toMatchObject({ file: target });
    expect(result.bytes).toBeGreaterThan(30_000_000);

    const again = await finished(yardstick(workspace, ['backup', '--to', target]));
    expect(again.code).toBe(6);
    expect(again.stderr).toMatch(/ws\.sqlite already exists .*--force replaces it/);
    const forced = await finished(yardstick(workspace, ['backup', '--to', target, '--force']));
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`backed up to ${target}`);

    // Restored as docs/cli.md says: the copy as workspace.sqlite of a folder.
    const restored = join(dir, 'restored');
    mkdirSync(restored);
    renameSync(target, join(restored, 'workspace.sqlite'));
    const counts = async (ws: string) => {
      const shown = await finished(yardstick(ws, ['workspace', '--json']));
      expect(shown.code).toBe(0);
      return (JSON.parse(shown.stdout) as { overview: { value: { counts: object } } }).overview
        .value.counts;
    };
    const [original, copy] = await Promise.all([counts(workspace), counts(restored)]);
    expect(copy).toEqual(original);
    expect(copy).toMatchObject({ datasets: 2, suites: 1 });
  });

  it('Ctrl-C during a backup leaves nothing and exits 130', async () => {
    const out = join(dir, 'interrupted');
    mkdirSync(out);
    const child = yardstick(workspace, [
      'backup',
      '--to',
      join(out, 'never.sqlite'),
      '--step-pages',
      '1',
    ]);
    const ended = finished(child);
    // Interrupt once the partial copy exists: the backup is under way.
    const partial = () => readdirSync(out).some((f) => /^never\.sqlite\.partial-\w+$/.test(f));
    await expect.poll(partial, { timeout: 30_000, interval: 5 }).toBe(true);
    child.kill('SIGINT');
    const { code, stderr } = await ended;
    expect(code).toBe(130);
    expect(stderr).toContain('backup interrupted: no file was written');
    expect(readdirSync(out)).toEqual([]);
  });

  it('check exits 0 on a healthy workspace and 8 naming the table of a problem', async () => {
    const healthy = await finished(yardstick(workspace, ['check']));
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^healthy: /);

    const broken = join(dir, 'broken');
    const core = openTestCore(broken, { seedExamples: true });
    await core.close();
    const db = new Database(join(broken, 'workspace', 'workspace.sqlite'));
    db.pragma('foreign_keys = OFF');
    db.exec('DELETE FROM datasets');
    db.close();
    const unhealthy = await finished(yardstick(join(broken, 'workspace'), ['check']));
    expect(unhealthy.code).toBe(8);
    expect(unhealthy.stdout).toMatch(
      /^dataset_versions: 1 row\(s\) refer to missing datasets rows \(rowid \d+\)$/m,
    );
    expect(existsSync(join(broken, 'workspace', 'backups'))).toBe(false);
  });
});
