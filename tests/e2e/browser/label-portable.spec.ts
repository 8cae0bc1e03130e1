/**
 * Portable sessions end to end: a session exported from one workspace is rated in a second
 * one (another "laptop", offline), and its labels come back merged without duplicates —
 * importing the same file twice adds nothing; a label undone there is removed here too.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { invoke, openRatingByKeyboard, seedLabeling } from './labelHelpers';

test.setTimeout(180_000); // Two servers and two rating passes on a shared two-core machine.

async function rate(page: Page, count: number, from = 0) {
  for (let i = from; i < from + count; i++) {
    const a = await page.getByTestId('output-A').textContent();
    await page.keyboard.press(a?.includes('Restart') ? 'a' : 'b');
    await expect(page.getByTestId('progress-count')).toHaveText(new RegExp(`^${i + 1} / `));
  }
}

async function exportFirstSession(page: Page, dir: string, name: string): Promise<string> {
  await page.getByRole('link', { name: '← Sessions' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('session-row').first().getByRole('button', { name: 'Export' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^e2e-pairs-\d{4}-\d{2}-\d{2}\.yardstick-session\.json$/,
  );
  const path = join(dir, name);
  await download.saveAs(path);
  return path;
}

async function importFile(page: Page, path: string) {
  await page.getByTestId('session-import').setInputFiles(path);
  await expect(page.getByTestId('label-message')).not.toHaveText(/Importing/);
}

test('a session rated on a second workspace merges back, and a second import adds nothing', async ({
  page,
}) => {
  const home = mkdtempSync(join(tmpdir(), 'yardstick-portable-e2e-'));
  // Every item is to be rated by two people.
  const { sessionId } = await seedLabeling(join(home, 'first'), 10, 1);
  const servers: RunningServer[] = [];
  try {
    const first = await startServer({ workspaceDir: join(home, 'first') });
    servers.push(first);
    await page.goto(first.url);
    await openRatingByKeyboard(page, 'ana');
    await rate(page, 4);
    const outbound = await exportFirstSession(page, home, 'to-laptop.json');

    // The second laptop: a fresh workspace that has never seen the run.
    const second = await startServer({ workspaceDir: join(home, 'second') });
    servers.push(second);
    await page.goto(second.url);
    await page.keyboard.press('Control+6');
    await page.getByLabel('Rater name').fill('ben');
    await page.keyboard.press('Enter');
    await importFile(page, outbound);
    await expect(page.getByTestId('label-message')).toHaveText(
      'Imported "e2e pairs": 10 tasks added, 4 labels added, 0 updated, 0 already here, 0 removed, 0 conflicts.',
    );
    await expect(page.getByTestId('session-row')).toContainText('imported');
    await page.getByRole('button', { name: 'Rate', exact: true }).first().click();
    await expect(page.getByTestId('progress-count')).toHaveText('0 / 10 rated');
    await rate(page, 10);
    const inbound = await exportFirstSession(page, home, 'from-laptop.json');

    // Back home: Ben's ten labels merge in; Ana's four are recognised, not duplicated.
    await page.goto(first.url);
    await page.keyboard.press('Control+6');
    await expect(page.getByTestId('session-list')).toBeVisible();
    await importFile(page, inbound);
    await expect(page.getByTestId('label-message')).toHaveText(
      'Merged into "e2e pairs": 0 tasks added, 10 labels added, 0 updated, 4 already here, 0 removed, 0 conflicts.',
    );
    await importFile(page, inbound);
    await expect(page.getByTestId('label-message')).toHaveText(
      'Merged into "e2e pairs": 0 tasks added, 0 labels added, 0 updated, 14 already here, 0 removed, 0 conflicts.',
    );

    // Ben takes his last label back on the second laptop (U): the removal travels home, and
    // the older file does not bring the label back.
    await page.goto(second.url);
    await page.keyboard.press('Control+6');
    await page.getByRole('button', { name: 'Rate', exact: true }).first().click();
    await expect(page.getByTestId('progress-count')).toHaveText(/^10 \/ /);
    await page.keyboard.press('u');
    await expect(page.getByTestId('progress-count')).toHaveText(/^9 \/ /);
    const undone = await exportFirstSession(page, home, 'undo-from-laptop.json');
    await page.goto(first.url);
    await page.keyboard.press('Control+6');
    await expect(page.getByTestId('session-list')).toBeVisible();
    await importFile(page, undone);
    await expect(page.getByTestId('label-message')).toHaveText(
      'Merged into "e2e pairs": 0 tasks added, 0 labels added, 0 updated, 13 already here, 1 removed, 0 conflicts.',
    );
    await importFile(page, inbound);
    await expect(page.getByTestId('label-message')).toHaveText(
      'Merged into "e2e pairs": 0 tasks added, 0 labels added, 0 updated, 14 already here, 0 removed, 0 conflicts.',
    );
    // Two ratings are required per item: the four both rated are complete.
    await expect(page.getByTestId('session-complete')).toHaveText('4 / 10');
    const detail = await invoke<{ labels: number; progress: { rater: string; rated: number }[] }>(
      page,
      first,
      'labeling.session',
      { sessionId },
    );
    expect(detail.labels).toBe(13);
    expect(detail.progress.map((p) => [p.rater, p.rated])).toEqual([
      ['ana', 4],
      ['ben', 9],
    ]);
    // The two raters agree on the four items both rated.
    await page.getByRole('link', { name: 'Summary' }).first().click();
    await expect(page.getByTestId('rater-progress')).toContainText('ben');
    await expect(page.getByText('items rated by 2+ people')).toBeVisible();
    await page.screenshot({ path: 'artifacts/screenshots/label-summary.png' });
    for (const server of servers) expect(server.outboundConnections()).toEqual([]);
  } finally {
    for (const server of servers) await server.stop();
  }
});
