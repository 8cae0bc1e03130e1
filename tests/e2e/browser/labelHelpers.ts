/** Shared steps of the Label end-to-end tests. */
import { expect, type Page } from '@playwright/test';
import { seedWorkspace } from '../support/seedScript';
import type { RunningServer } from '../support/yardstickServer';

/** Seeds a workspace through core functions (labelSeed.ts under tsx) before any server opens it. */
export function seedLabeling(
  workspaceDir: string,
  items: number,
  overlapShare = 0,
  kind: 'pairwise' | 'pointwise' = 'pairwise',
) {
  return seedWorkspace<{ runId: string; sessionId: string }>('labelSeed.ts', workspaceDir, [
    String(items),
    String(overlapShare),
    kind,
  ]);
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
/** Adds one item to the example dataset (a new version, as an edit in the app makes). */
export async function addExampleItem(
  page: Page,
  server: RunningServer,
  item: { key: string; input: string },
) {
  const [dataset] = await invoke<Array<{ latestVersion: { id: string } }>>(
    page,
    server,
    'datasets.list',
    {},
  );
  await invoke(page, server, 'datasets.edit', {
    parentVersionId: dataset?.latestVersion.id,
    upserts: [item],
    removeKeys: [],
    note: 'one more ticket',
  });
}

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
