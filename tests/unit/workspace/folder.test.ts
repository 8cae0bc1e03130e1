import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWorkspaceFolder, FolderError } from '@core/workspace/folder';
import { useTempDir } from '../../support/tempDir';

// The /proc case (where Node's recursive mkdir never returns) is tested through the CLI in
// tests/integration/cliExitCodes.test.ts: a child process can be killed if it hangs, this one cannot.
describe('ensureWorkspaceFolder', () => {
  const tempDir = useTempDir();

  function failure(dir: string): FolderError {
    try {
      ensureWorkspaceFolder(dir);
    } catch (error) {
      if (error instanceof FolderError) return error;
      throw error;
    }
    throw new Error(`expected ${dir} to be refused`);
  }

  it('creates every missing level, and accepts a folder that already exists', () => {
    const dir = join(tempDir(), 'a', 'b', 'workspace');
    ensureWorkspaceFolder(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
    ensureWorkspaceFolder(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('names the file that stands where a folder should be', () => {
    const root = tempDir();
    const file = join(root, 'notes.txt');
    writeFileSync(file, 'x');
    const below = failure(join(file, 'deeper', 'workspace'));
    expect(below.message).toBe(
      `cannot create the workspace folder ${join(file, 'deeper', 'workspace')}: ${file} is a file, not a folder`,
    );
    expect(below.isFile).toBe(false);
    expect(failure(file).isFile).toBe(true);
  });
});
