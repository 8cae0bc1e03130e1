/**
 * Runs a Node script for an end-to-end test (a seed under tsx, or the built CLI) and returns
 * its stdout; a non-zero exit throws with its stderr. Seeds write a workspace through core
 * functions before any server opens it, and print one JSON line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './yardstickServer';

export async function runNode(args: string[], env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${String(code)}): ${err}`);
  return out;
}

/** `tests/e2e/browser/<script>` under tsx on `workspaceDir` (its key file beside it): its JSON. */
export async function seedWorkspace<T>(
  script: string,
  workspaceDir: string,
  args: string[] = [],
): Promise<T> {
  const out = await runNode(
    ['--import', 'tsx', join(repoRoot, 'tests/e2e/browser', script), workspaceDir, ...args],
    { YARDSTICK_KEY_FILE: join(workspaceDir, '..', 'seed.key') },
  );
  return JSON.parse(out.trim()) as T;
}

/**
 * Imports a dataset `qa` of `count` question/answer items (`q0`… with references) into the
 * workspace of a running test server, with the built CLI, as a user would from a terminal.
 */
export async function importQaDataset(workspaceDir: string, count: number): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'yardstick-qa-')), 'qa.jsonl');
  writeFileSync(
    file,
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({ id: `q${i}`, input: `question ${i}`, reference: `answer ${i}` }),
    ).join('\n'),
  );
  await runNode(
    [
      join(repoRoot, 'bin/yardstick.mjs'),
      '--workspace',
      workspaceDir,
      'import',
      file,
      '--dataset',
      'qa',
    ],
    { YARDSTICK_KEY_FILE: join(workspaceDir, '..', 'keys', 'secret.key') },
  );
}
