/**
 * The smallest window the desktop app allows, 960×600, in real Chromium against the built app:
 * no page of the main area scrolls sideways (the dataset items keep a readable Input column,
 * the provider form's selects fit), the job tray never covers the end of a page (Settings after
 * an integrity check, the tray lingering) and can be collapsed from the keyboard, and in the
 * suite editor Monaco's Ctrl+M lets Tab leave the editor, as the `?` sheet says.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedWorkspace } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';

test.use({ viewport: { width: 960, height: 600 } });
test.setTimeout(120_000); // Seeding through the real scoring engine and a server start first.

let server: RunningServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

async function open(page: Page, hash: string) {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(page.locator('main.content h1').first()).toBeVisible();
}

/** Width the main area would need beyond its own, per screen: 0 everywhere. */
async function sidewaysOverflow(page: Page) {
  return page.locator('main.content').evaluate((m) => Math.max(0, m.scrollWidth - m.clientWidth));
}

test('every page fits a 960×600 window without scrolling sideways', async ({ page }) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-narrow-e2e-')), 'workspace');
  const { runId, baselineRunId } = await seedWorkspace<{ runId: string; baselineRunId: string }>(
    'uxAuditSeed.ts',
    workspaceDir,
  );
  server = await startServer({ workspaceDir });
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();

  const overflow: Record<string, number> = {};
  // The example dataset: long inputs, long categories and tags.
  await open(page, '#/datasets');
  await page.getByRole('link', { name: /^support-tickets/ }).click();
  const items = page.locator('.items-table');
  await expect(items.locator('tbody tr').first()).toBeVisible();
  overflow.datasets = await sidewaysOverflow(page);
  // The Input column keeps a readable width; what does not fit ends in an ellipsis with a title.
  const input = items.locator('tbody tr').first().locator('td').nth(1);
  expect((await input.boundingBox())?.width ?? 0).toBeGreaterThan(120);
  await expect(input).toHaveAttribute('title', /.{20,}/);
  expect(await input.evaluate((td) => getComputedStyle(td).textOverflow)).toBe('ellipsis');

  for (const [name, hash] of [
    ['runs', '#/runs'],
    ['run', `#/runs/${runId}`],
    ['compare', `#/compare/${runId}?baseline=${baselineRunId}`],
    ['decide', `#/decide`],
    ['settings', '#/settings'],
    ['providers (add)', '#/providers'],
  ] as const) {
    await open(page, hash);
    overflow[name] = await sidewaysOverflow(page);
  }
  await page.screenshot({ path: 'artifacts/e2e/narrow-providers.png' });
  expect(overflow).toEqual({
    datasets: 0,
    runs: 0,
    run: 0,
    compare: 0,
    decide: 0,
    settings: 0,
    'providers (add)': 0,
  });
});

test('the job tray never covers the end of Settings, and collapses from the keyboard', async ({
  page,
}) => {
  server = await startServer();
  await page.goto(`${server.url}#/settings`);
  await page.getByRole('button', { name: 'Check integrity' }).click();
  await expect(page.getByTestId('check-result')).toBeVisible();
  const tray = page.getByRole('complementary', { name: 'Background work' });
  await expect(tray.getByTestId('job')).toBeVisible();

  /** The last thing on the page, scrolled as far down as it goes, against the tray's top. */
  const endAndTray = () =>
    page.evaluate(() => {
      const main = document.querySelector('main.content')!;
      main.scrollTop = main.scrollHeight;
      let last: Element = main;
      while (last.lastElementChild) last = last.lastElementChild;
      const trayTop = document.querySelector('.job-tray')!.getBoundingClientRect().top;
      return { lastBottom: last.getBoundingClientRect().bottom, trayTop };
    });
  const open = await endAndTray();
  expect(open.lastBottom).toBeLessThanOrEqual(open.trayTop);
  await page.screenshot({ path: 'artifacts/e2e/narrow-settings-tray.png' });

  // Collapsed to a pill: the jobs hide, the room kept shrinks with it, the pill reopens them.
  const hide = tray.getByRole('button', { name: 'Hide background work' });
  await hide.focus();
  await page.keyboard.press('Enter');
  await expect(tray.getByTestId('job')).toHaveCount(0);
  const show = tray.getByRole('button', { name: 'Show background work' });
  await expect(show).toBeFocused();
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  const collapsed = await endAndTray();
  expect(collapsed.lastBottom).toBeLessThanOrEqual(collapsed.trayTop);
  await page.keyboard.press('Enter');
  await expect(tray.getByTestId('job')).toBeVisible();

  // Folded is a preference (`yardstick.ui`): after a reload the next job's tray is still a pill.
  const checkAfterReload = async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Check integrity' }).click();
    await expect(page.getByTestId('check-result')).toBeVisible();
    await expect(tray).toBeVisible();
  };
  await tray.getByRole('button', { name: 'Hide background work' }).click();
  await checkAfterReload();
  // Asked first: an ended job lingers 4 s, then the tray goes (and would hold no jobs either way).
  await expect(tray.getByRole('button', { name: 'Show background work' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await expect(tray.getByTestId('job')).toHaveCount(0);
  await tray.getByRole('button', { name: 'Show background work' }).click();
  await checkAfterReload();
  await expect(tray.getByTestId('job')).toBeVisible();
});

test('Ctrl+M in the suite editor makes Tab leave the editor, as the shortcuts sheet says', async ({
  page,
}) => {
  server = await startServer();
  await page.goto(`${server.url}#/suites`);
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible();
  await editor.click();
  const inEditor = () =>
    page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null);
  await page.keyboard.press('Tab'); // Indents: the editor keeps the focus.
  expect(await inEditor()).toBe(true);
  await page.keyboard.press('Control+m');
  await page.keyboard.press('Tab');
  expect(await inEditor()).toBe(false);

  await page.keyboard.press('Escape');
  await page.locator('main.content h1').first().click();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-suite-editor')).toContainText('Ctrl+M');
  await expect(page.getByTestId('shortcuts-suite-editor')).toContainText('Tab moves the focus out');
});
