/** Shared steps of the Label end-to-end tests. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { repoRoot, type RunningServer } from '../support/yardstickServer';

/** Seeds a workspace through core functions (labelSeed.ts under tsx) before any server opens it. */
export async function seedLabeling(
  workspaceDir: string,
  items: number,
  overlapShare = 0,
  kind: 'pairwise' | 'pointwise' = 'pairwise',
) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'tests/e2e/browser/labelSeed.ts'),
      workspaceDir,
      String(items),
      String(overlapShare),
      kind,
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, YARDSTICK_KEY_FILE: join(workspaceDir, '..', 'seed.key') },
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`seeding failed (${String(code)}): ${err}`);
  return JSON.parse(out.trim()) as { runId: string; sessionId: string };
}

/** Calls the API as the page does (same token), to check what the workspace holds. */
export async function invoke<T>(page: Page, server: RunningServer, route: string, input: unknown) {
  const reply = await page.request.post(`${server.origin}/api/invoke`, {
    headers: { authorization: `Bearer ${server.token}` },
    data: { route, input },
  });
  const body = (await reply.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${route}: ${JSON.stringify(body.error)}`);
  return body.value;
}

/** From the overview to the rating screen of the first open session, keys only. */
export async function openRatingByKeyboard(page: Page, rater: string) {
  await page.keyboard.press('Control+6');
  await expect(page.getByRole('heading', { name: 'Who is rating?' })).toBeVisible();
  await expect(page.getByLabel('Rater name')).toBeFocused();
  await page.keyboard.type(rater);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Rate', exact: true }).first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rating-progress')).toBeVisible();
}
