import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finished, spawnTs } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';

const fixtures = new URL('../../fixtures/datasets/', import.meta.url).pathname;

/** Runs the CLI from source in its own process, as a user (or CI) would. */
async function yardstick(dir: string, ...args: string[]) {
  const child = spawnTs('src-main/cli/main.ts', ['--workspace', join(dir, 'workspace'), ...args], {
    env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'key') },
  });
  return finished(child);
}

describe('the datasets CLI', () => {
  const tempDir = useTempDir();

  // Each case starts the CLI under tsx a few times (about a second each on a loaded machine).
  it(
    'imports with --json, lists, exports with provenance, and scans for personal data',
    { timeout: 90_000 },
    async () => {
      const dir = tempDir();
      const imported = await yardstick(
        dir,
        'import',
        join(fixtures, 'items.jsonl'),
        '--dataset',
        'trivia',
        '--map',
        'metadata.level=difficulty',
        '--json',
      );
      expect(imported.code, imported.stderr).toBe(0);
      const outcome = JSON.parse(imported.stdout) as Record<string, unknown>;
      expect(outcome).toMatchObject({
        status: 'imported',
        version: 1,
        itemCount: 3,
        skipped: 0,
        problems: [],
      });
      expect(outcome.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(outcome.versionId).toMatch(/^dv_/);
      expect(outcome.datasetId).toMatch(/^ds_/);

      const listed = await yardstick(dir, 'datasets', '--json');
      expect(JSON.parse(listed.stdout)).toMatchObject([
        { name: 'trivia', latestVersion: { itemCount: 3, contentHash: outcome.contentHash } },
      ]);

      const shown = await yardstick(dir, 'datasets', 'show', 'trivia@1', '--json');
      expect(JSON.parse(shown.stdout)).toMatchObject({
        version: 1,
        datasetName: 'trivia',
        source: { kind: 'import', mapping: { 'metadata.level': 'difficulty' } },
      });

      const out = join(dir, 'trivia.csv');
      const exported = await yardstick(
        dir,
        'export-dataset',
        'trivia',
        '--format',
        'csv',
        '--out',
        out,
        '--json',
      );
      expect(exported.code, exported.stderr).toBe(0);
      expect(JSON.parse(exported.stdout)).toMatchObject({
        itemCount: 3,
        contentHash: outcome.contentHash,
      });
      expect(JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8'))).toMatchObject({
        contentHash: outcome.contentHash,
        dataset: { name: 'trivia' },
      });

      const logs = join(dir, 'logs.jsonl');
      writeFileSync(
        logs,
        `${JSON.stringify({ id: 'l1', messages: [{ role: 'user', content: 'my card is 4111 1111 1111 1111' }], response: 'noted' })}\n`,
      );
      await yardstick(dir, 'import', logs, '--dataset', 'logs');
      const scan = await yardstick(dir, 'pii-scan', 'logs', '--json');
      expect(scan.code, scan.stderr).toBe(0);
      expect(JSON.parse(scan.stdout)).toMatchObject({
        scan: { flaggedCount: 1, byDetector: { payment_card: 1 } },
        findings: [{ itemKey: 'l1', detector: 'payment_card', preview: '**** **** **** **11' }],
      });
      expect(scan.stdout).not.toContain('4111 1111 1111 1111');
    },
  );

  it(
    'refuses a bad file: exits non-zero, prints every problem with file, line and column, writes nothing',
    { timeout: 60_000 },
    async () => {
      const dir = tempDir();
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, 'id,question,answer\n1,fine,x\n2,"unbalanced,y\n');
      const refused = await yardstick(dir, 'import', bad, '--dataset', 'bad', '--json');
      expect(refused.code).toBe(1);
      const outcome = JSON.parse(refused.stdout) as {
        status: string;
        versionId: null;
        problems: Array<{ file: string; line: number }>;
      };
      expect(outcome).toMatchObject({ status: 'refused', versionId: null });
      expect(outcome.problems.map((p) => [p.file, p.line])).toEqual([
        [bad, 3],
        [bad, 3],
      ]);
      expect(refused.stderr).toContain(
        `${bad}:3: quoted field is not closed before the end of the file`,
      );
      const listed = await yardstick(dir, 'datasets', '--json');
      expect(JSON.parse(listed.stdout)).toEqual([]);
      const skipped = await yardstick(dir, 'import', bad, '--dataset', 'bad', '--skip-bad-rows');
      expect(skipped.code, skipped.stderr).toBe(0);
      expect(skipped.stdout).toMatch(/imported 1 items as version 1 .*, 1 bad rows skipped/);
      expect(existsSync(join(dir, 'workspace', 'workspace.sqlite'))).toBe(true);

      // An export to a missing folder, or onto a folder, is refused up front with the reason.
      const missing = join(dir, 'no-such-folder', 'bad.csv');
      const toMissing = await yardstick(
        dir,
        'export-dataset',
        'bad',
        '--format',
        'csv',
        '--out',
        missing,
      );
      expect(toMissing.code).toBe(2);
      expect(toMissing.stderr).toMatch(/--out: the folder .*no-such-folder does not exist/);
      expect(toMissing.stderr).not.toMatch(/ENOENT|partial-/);
      const onFolder = await yardstick(
        dir,
        ...['export-dataset', 'bad', '--format', 'csv', '--out', dir, '--overwrite'],
      );
      expect(onFolder.code).toBe(2);
      expect(onFolder.stderr).toMatch(/is a folder: give a file name/);
      expect(existsSync(join(dir, 'workspace', 'workspace.sqlite'))).toBe(true);
    },
  );
});
