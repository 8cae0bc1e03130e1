/**
 * `yardstick failure-modes export|import`, run as a user runs them: child processes on two
 * real workspaces, the taxonomy carried from one to the other as a file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, openTestCore } from '../../support/core';
import { finished, spawnTs } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';

function yardstick(dir: string, args: string[]) {
  return finished(
    spawnTs('src-main/cli/main.ts', ['--workspace', join(dir, 'workspace'), ...args], {
      env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') },
    }),
  );
}

describe('yardstick failure-modes', () => {
  const tempDir = useTempDir();

  // Two CLI child processes under tsx on a shared two-core machine.
  it(
    'exports a taxonomy from one workspace and imports it into another',
    { timeout: 60_000 },
    async () => {
      const from = join(tempDir(), 'from');
      const to = join(tempDir(), 'to');
      const core = openTestCore(from);
      try {
        await call(core, 'labeling.addFailureMode', { name: 'vague', description: 'says nothing' });
      } finally {
        await core.close();
      }
      const file = join(tempDir(), 'modes.json');
      const exported = await yardstick(from, ['failure-modes', 'export', '--out', file]);
      expect(exported.code).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
        format: 'yardstick.failure-modes',
        modes: [{ name: 'vague', description: 'says nothing', uses: 0 }],
      });
      const imported = await yardstick(to, ['failure-modes', 'import', file, '--json']);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toEqual({
        added: ['vague'],
        existing: [],
        described: [],
      });
      writeFileSync(file, '{"format":"something else"}');
      const refused = await yardstick(to, ['failure-modes', 'import', file]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /modes\.json: not a failure-mode taxonomy file — field format/,
      );
    },
  );
});
