/** Shared steps of the results and decision end-to-end tests. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/yardstickServer';

async function node(args: string[], env: Record<string, string>) {
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

/** Seeds a workspace (resultsSeed.ts under tsx) before any server opens it. */
export async function seedResults(workspaceDir: string) {
  const out = await node(
    ['--import', 'tsx', join(repoRoot, 'tests/e2e/browser/resultsSeed.ts'), workspaceDir],
    { YARDSTICK_KEY_FILE: join(workspaceDir, '..', 'seed.key') },
  );
  return JSON.parse(out.trim()) as { runId: string; earlierRunId: string };
}

/** The built CLI, as a user runs it: `node bin/yardstick.mjs --workspace DIR …args`. */
export async function cliJson<T>(workspaceDir: string, args: string[]): Promise<T> {
  const out = await node(
    [join(repoRoot, 'bin/yardstick.mjs'), '--workspace', workspaceDir, ...args],
    { YARDSTICK_KEY_FILE: join(workspaceDir, '..', 'cli.key') },
  );
  return JSON.parse(out) as T;
}
