/**
 * Getting started, the theme and the workspace's care, in Chromium against the built app: the
 * Overview's checklist ticks from the core's counts, its links open the import wizard and the
 * New-suite route, it stays dismissed and goes once a run is decided; Settings' System theme
 * follows the emulated `prefers-color-scheme` live while Light / Dark and Ctrl+Shift+L pin a
 * theme; "Back up…" shows its job and the file it wrote (the size on disk), and "Check
 * integrity" its result.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { formatBytes } from '../../../src-renderer/src/features/settings/bytes';
import { invoke } from './labelHelpers';
import { seedResults } from './resultsHelpers';

let server: RunningServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const step = (page: Page, id: string) => page.getByTestId(`step-${id}`);

test('the getting-started checklist ticks from the counts, links to each step, and stays dismissed', async ({
  page,
}) => {
  server = await startServer();
  await page.goto(server.url);
  const checklist = page.getByTestId('getting-started');
  await expect(checklist).toBeVisible();
  // The example workspace holds a dataset and a suite, no provider, no run.
  await expect(step(page, 'import')).toHaveAttribute('data-done', 'true');
  await expect(step(page, 'suite')).toHaveAttribute('data-done', 'true');
  await expect(step(page, 'models')).toHaveAttribute('data-done', 'false');
  await expect(step(page, 'run')).toHaveAttribute('data-done', 'false');
  await expect(step(page, 'decide')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('getting-started-count')).toHaveText('2 of 5 done');
  await expect(step(page, 'models')).toContainText(
    'The built-in local model works without keys; add a provider for hosted models',
  );

  await invoke(page, server, 'providers.add', {
    kind: 'openai',
    label: 'team-openai',
    config: {},
  });
  await page.reload();
  await expect(step(page, 'models')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('getting-started-count')).toHaveText('3 of 5 done');
  await page.screenshot({ path: 'artifacts/e2e/overview-getting-started.png' });

  // Keyboard reachable: the first link of the checklist is the import wizard's.
  const importLink = checklist.getByRole('link', { name: 'open the import wizard' });
  await importLink.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Import a dataset' })).toBeVisible();
  await page.goBack();
  await checklist.getByRole('link', { name: 'create a suite' }).click();
  expect(new URL(page.url()).hash).toBe('#/suites/new');
  await page.goBack();
  await checklist.getByRole('link', { name: 'Providers' }).click();
  expect(new URL(page.url()).hash).toBe('#/providers');
  await page.goBack();

  await checklist.getByRole('button', { name: 'Dismiss checklist' }).click();
  await expect(checklist).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
});

test('once a run is decided every step is ticked, until the checklist is dismissed', async ({
  page,
}) => {
  test.setTimeout(120_000); // Seeding a scored run in a child process first.
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-care-e2e-')), 'workspace');
  const { runId } = await seedResults(workspaceDir);
  server = await startServer({ workspaceDir });
  await page.goto(server.url);
  await expect(step(page, 'run')).toHaveAttribute('data-done', 'true');
  await expect(step(page, 'decide')).toHaveAttribute('data-done', 'false');
  await invoke(page, server, 'scoring.decide', { runId, modelKey: 'large' });
  await page.reload();
  await expect(step(page, 'decide')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('getting-started-count')).toHaveText('5 of 5 done');
  await expect(page.getByTestId('getting-started-done')).toContainText('Every step is done');
  await page.getByRole('button', { name: 'Dismiss checklist' }).click();
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await expect(page.getByTestId('getting-started')).toHaveCount(0);
});

test('System follows the emulated colour scheme live; Light, Dark and Ctrl+Shift+L pin one', async ({
  page,
}) => {
  server = await startServer();
  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${server.url}#/settings`);
  const theme = page.getByRole('group', { name: 'Theme' });
  await expect(theme.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await theme.getByRole('radio', { name: 'Dark' }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(theme.getByRole('radio', { name: 'Dark' })).toBeChecked();

  // From System, the shortcut switches to the theme not on screen, as an explicit choice.
  await theme.getByRole('radio', { name: 'System' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.locator('h1').click();
  await page.keyboard.press('Control+Shift+L');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(theme.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
});

test('a theme stored by the version before the choice existed is kept as an explicit choice', async ({
  page,
}) => {
  server = await startServer();
  await page.addInitScript(() => {
    if (!localStorage.getItem('yardstick.ui'))
      localStorage.setItem(
        'yardstick.ui',
        JSON.stringify({ state: { theme: 'light' }, version: 0 }),
      );
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${server.url}#/settings`);
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('Back up shows its job and the file it wrote; Check integrity says the workspace is healthy', async ({
  page,
}) => {
  server = await startServer();
  const progress: Array<{ done: number; total: number | null; status: string }> = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        event: string;
        payload: { kind?: string; done: number; total: number | null; status: string };
      };
      if (message.event.startsWith('job.') && message.payload.kind === 'workspace.backup')
        progress.push(message.payload);
    }),
  );
  await page.goto(`${server.url}#/settings`);
  const field = page.getByLabel('Back up to');
  await expect(field).toHaveValue(/[/\\]backups[/\\]yardstick-\d{8}-\d{6}\.sqlite$/);
  const target = join(server.workspaceDir, 'backups', 'from-the-page.sqlite');
  await field.fill(target);
  await page.getByRole('button', { name: 'Back up…' }).click();

  await expect(
    page.getByTestId('job').filter({ hasText: 'Back up the workspace' }).first(),
  ).toBeVisible();
  const result = page.getByTestId('backup-result');
  await expect(result).toContainText(`Backed up to ${target}`);
  await expect(result).toContainText(`(${formatBytes(statSync(target).size)},`);
  expect(progress.some((p) => p.status === 'running' && p.total !== null && p.total > 0)).toBe(
    true,
  );
  expect(progress.at(-1)).toMatchObject({ status: 'completed' });
  await expect(page.getByTestId('backup-keys')).toContainText('No API keys are stored');
  await page.screenshot({ path: 'artifacts/e2e/settings-backup.png', fullPage: true });

  // The same destination again is refused, and says how to replace it.
  await field.fill(target);
  await page.getByRole('button', { name: 'Back up…' }).click();
  await expect(page.getByRole('alert')).toContainText('from-the-page.sqlite already exists');

  // What the check does, in plain words; the SQLite names only as a detail.
  const explainer = page.getByTestId('check-explainer');
  await expect(explainer).toContainText('the workspace file can be read in full');
  await expect(explainer).toContainText('every record points at records that still exist');
  await expect(explainer).not.toContainText("SQLite's");
  await page.getByRole('button', { name: 'Check integrity' }).click();
  await expect(page.getByTestId('check-result')).toContainText('Healthy: no problem found in');
});

test('in a 1024×700 window, Check integrity brings its verdict into view', async ({ page }) => {
  // Found by walking Settings at 1024×700: the button is at the foot of the window, the
  // verdict appeared below it, off screen, and the click seemed to do nothing but a toast.
  await page.setViewportSize({ width: 1024, height: 700 });
  server = await startServer();
  await page.goto(`${server.url}#/settings`);
  const button = page.getByRole('button', { name: 'Check integrity' });
  // Scrolled as a user reading down would stop: the button just inside the bottom edge.
  await button.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await expect(button).toBeInViewport();
  await button.click();
  const verdict = page.getByTestId('check-result');
  await expect(verdict).toContainText('Healthy: no problem found in');
  await expect(verdict).toBeInViewport({ ratio: 1 });
});
