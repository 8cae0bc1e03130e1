/** Shared steps of the results and decision end-to-end tests. */
import { join } from 'node:path';
import { runNode, seedWorkspace } from '../support/seedScript';
import { repoRoot } from '../support/yardstickServer';

/** Seeds a workspace (resultsSeed.ts under tsx) before any server opens it. */
export function seedResults(workspaceDir: string) {
  return seedWorkspace<{ runId: string; earlierRunId: string }>('resultsSeed.ts', workspaceDir);
}

/** The built CLI, as a user runs it: `node bin/yardstick.mjs --workspace DIR …args`. */
export async function cliJson<T>(workspaceDir: string, args: string[]): Promise<T> {
  const out = await runNode(
    [join(repoRoot, 'bin/yardstick.mjs'), '--workspace', workspaceDir, ...args],
    { YARDSTICK_KEY_FILE: join(workspaceDir, '..', 'cli.key') },
  );
  return JSON.parse(out) as T;
}
