/**
 * The command palette (Ctrl+K) and the keyboard-shortcuts sheet (?) in browser mode, on a
 * workspace with two really scored runs: find a run by part of its name and open it, find a
 * dataset, toggle the theme, compare the two newest runs; Esc gives the focus back. The sheet
 * lists the keys of the screen on show (compare and the suite editor differ), and `?` typed in
 * the suite editor is text, not a shortcut.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedWorkspace } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';

test.setTimeout(120_000); // A seed process (real scoring), a server start and Monaco on two shared cores.

let server: RunningServer | null = null;
let runs: { baselineRunId: string; candidateRunId: string };

test.beforeEach(async () => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-palette-e2e-')), 'workspace');
  runs = await seedWorkspace('compareSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
});
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const sheet = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });

/** Opens the palette, types a query and checks which option is active before Enter runs it. */
async function runFromPalette(page: Page, query: string, expected: RegExp) {
  await page.keyboard.press('Control+k');
  const input = palette(page).getByRole('combobox');
  await expect(input).toBeFocused();
  await input.fill(query);
  const active = palette(page).getByRole('option', { selected: true });
  await expect(active).toHaveText(expected);
  await page.keyboard.press('Enter');
  await expect(palette(page)).toHaveCount(0);
}

test('finds and opens a run and a dataset, toggles the theme, and gives the focus back', async ({
  page,
}) => {
  if (!server) throw new Error('no server');
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();

  // Esc closes the palette and the focus returns to where it was.
  const settings = page.getByRole('link', { name: 'Settings', exact: true });
  await settings.focus();
  await page.keyboard.press('Control+k');
  await expect(palette(page).getByRole('combobox')).toBeFocused();
  // Before typing: actions and sections first, the runs newest first with status and date.
  await expect(palette(page).getByRole('option', { name: /Toggle theme/ })).toBeVisible();
  const runOptions = palette(page).getByRole('option').filter({ hasText: /^Run/ });
  await expect(runOptions).toHaveCount(2);
  await expect(runOptions.first()).toContainText('candidate v2');
  await expect(runOptions.first()).toContainText('completed');
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);
  await expect(settings).toBeFocused();

  // A run by part of its name (words out of order are not needed: "cand 2" is enough).
  await runFromPalette(page, 'cand 2', /Run.*candidate v2.*completed/);
  await expect(page).toHaveURL(new RegExp(`#/runs/${runs.candidateRunId}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'candidate v2' })).toBeVisible();

  // Arrow keys move through the matches: "v" matches both runs, newest first.
  await page.keyboard.press('Control+k');
  await palette(page).getByRole('combobox').fill('baseline v');
  await expect(palette(page).getByRole('option', { selected: true })).toContainText('baseline v1');
  await page.keyboard.press('Escape');

  await runFromPalette(page, 'tickets', /Dataset.*support-tickets/);
  await expect(page.getByRole('heading', { level: 1, name: 'support-tickets' })).toBeVisible();

  const before = await page.locator('html').getAttribute('data-theme');
  await runFromPalette(page, 'toggle th', /Action.*Toggle theme/);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');

  await runFromPalette(page, 'compare newest', /Compare the two newest runs/);
  await expect(page).toHaveURL(
    new RegExp(`#/compare/${runs.candidateRunId}\\?baseline=${runs.baselineRunId}$`),
  );
  await expect(
    page.getByRole('heading', { name: /candidate v2 vs baseline baseline v1/ }),
  ).toBeVisible();

  // Enter pressed before the (deferred) ranking caught up with the typing opens the best match
  // of what is typed, not the top of the list still on screen for the empty query: both events
  // in one task, so no deferred render can happen between them.
  await page.keyboard.press('Control+k');
  await palette(page)
    .getByRole('combobox')
    .evaluate((input: HTMLInputElement) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(
        input,
        'toggle th',
      );
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
  await expect(palette(page)).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', before ?? '');

  // The palette can open the shortcuts sheet too.
  await runFromPalette(page, 'keyboard', /Keyboard shortcuts/);
  await expect(sheet(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet(page)).toHaveCount(0);
});

test('? lists the keys of the screen on show; typed in the suite editor it is text', async ({
  page,
}) => {
  if (!server) throw new Error('no server');
  await page.goto(`${server.url}#/compare/${runs.candidateRunId}`);
  const grid = page.locator('.compare-grid .vgrid-body');
  await expect(grid).toBeVisible();
  await grid.focus();
  await page.keyboard.press('?');
  await expect(sheet(page)).toBeVisible();
  await expect(sheet(page).getByTestId('shortcuts-global')).toContainText('Ctrl+K');
  await expect(sheet(page).getByTestId('shortcuts-compare')).toContainText('Open the row');
  await expect(sheet(page).getByTestId('shortcuts-suite-editor')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(sheet(page)).toHaveCount(0);
  await expect(grid).toBeFocused();

  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'support bot' })).toBeVisible();
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await page.getByRole('heading', { level: 1, name: 'support bot' }).click();
  // Ctrl+/ opens it as well as ?.
  await page.keyboard.press('Control+/');
  await expect(sheet(page).getByTestId('shortcuts-suite-editor')).toContainText('Ctrl+S');
  await expect(sheet(page).getByTestId('shortcuts-compare')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(sheet(page)).toHaveCount(0);

  // In the editor, ? is a character of the suite, not a shortcut.
  await editor.locator('.view-line').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' # why?');
  await expect(editor.locator('.view-lines')).toContainText('# why?');
  await expect(sheet(page)).toHaveCount(0);
});
