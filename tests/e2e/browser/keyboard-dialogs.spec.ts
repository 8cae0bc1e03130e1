/**
 * The dialogs and panels added last: New suite, Delete suite, Delete dataset and version,
 * Delete run (from the list and from the run page), Back up, Check integrity and the
 * notifications switch, each opened, used and closed with the keyboard alone. Every Tab stop on
 * the way is drawn on screen (`tabTo`), the focus starts inside an opened dialog, and when one
 * closes the focus is back where it was: on the button or row that opened it, or, when that
 * went away with what was deleted, on something a keyboard user can carry on from (never the
 * page body, which would put them back at the top).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedWorkspace } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { tabTo } from './focusWalk';

let server: RunningServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The focus is somewhere inside `where` (a dialog just opened). */
async function expectFocusInside(where: Locator) {
  await expect.poll(() => where.evaluate((el) => el.contains(document.activeElement))).toBe(true);
}

/** The focus is on an element drawn on screen, not dropped on the page body. */
async function expectFocusKept(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'the page body';
        const rect = el.getBoundingClientRect();
        return rect.width > 1 && rect.height > 1 ? 'kept' : `an invisible <${el.tagName}>`;
      }),
    )
    .toBe('kept');
}

test('New suite, Delete suite, Delete dataset and version, Back up, Check, notifications', async ({
  page,
  context,
}) => {
  server = await startServer();
  await context.grantPermissions(['notifications'], { origin: server.origin });
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();

  // The suite on screen takes the focus (its heading); the list with New suite… is before it.
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeFocused();
  // New suite: opened with Enter, Esc closes it and the focus is back on its button.
  const newSuiteButton = page.getByRole('button', { name: 'New suite…' });
  await tabTo(page, newSuiteButton, 10, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const newSuite = page.getByRole('dialog', { name: 'New suite' });
  await expect(newSuite).toBeVisible();
  await expectFocusInside(newSuite);
  await page.keyboard.press('Escape');
  await expect(newSuite).toHaveCount(0);
  await expect(newSuiteButton).toBeFocused();
  // …and used: a suite from the dataset, named and created from the keyboard.
  await page.keyboard.press('Enter');
  await expect(newSuite).toBeVisible();
  await tabTo(page, newSuite.getByLabel('Suite name'));
  await page.keyboard.type('keyboard suite');
  await expect(newSuite.getByTestId('new-suite-plan')).toContainText('cells');
  await tabTo(page, newSuite.getByRole('button', { name: /^Create/ }));
  await page.keyboard.press('Enter');
  await expect(newSuite).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'keyboard suite' })).toBeFocused();

  // Delete suite: Cancel by Enter gives the focus back; then deleted from the keyboard.
  const deleteSuiteButton = page.getByRole('button', { name: 'Delete suite…' });
  await tabTo(page, deleteSuiteButton);
  await page.keyboard.press('Enter');
  const deleteSuite = page.getByRole('dialog', { name: 'Delete suite keyboard suite' });
  await expect(deleteSuite.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(deleteSuite).toHaveCount(0);
  await expect(deleteSuiteButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(deleteSuite).toBeVisible();
  await tabTo(page, deleteSuite.getByRole('button', { name: 'Delete suite', exact: true }));
  await page.keyboard.press('Enter');
  await expect(deleteSuite).toHaveCount(0);
  await expect(page.getByRole('link', { name: /keyboard suite/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeFocused();

  // Delete dataset and Delete version: Esc closes each, the focus back on its button.
  await page.keyboard.press('Control+2');
  const deleteDataset = page.getByRole('button', { name: 'Delete dataset…' });
  await tabTo(page, deleteDataset);
  await page.keyboard.press('Enter');
  const datasetDialog = page.getByRole('dialog', { name: 'Delete dataset' });
  await expect(datasetDialog).toBeVisible();
  await expectFocusInside(datasetDialog);
  await page.keyboard.press('Escape');
  await expect(datasetDialog).toHaveCount(0);
  await expect(deleteDataset).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: 'Versions' }));
  await page.keyboard.press('Enter');
  const deleteVersion = page.getByRole('button', { name: /^Delete version v\d+…$/ }).first();
  await tabTo(page, deleteVersion);
  await page.keyboard.press('Enter');
  const versionDialog = page.getByRole('dialog', { name: 'Delete version' });
  await expect(versionDialog).toBeVisible();
  await expectFocusInside(versionDialog);
  await page.keyboard.press('Escape');
  await expect(versionDialog).toHaveCount(0);
  await expect(deleteVersion).toBeFocused();

  // Settings: a backup and an integrity check started with Enter keep the focus on screen.
  await page.keyboard.press('Control+0');
  const backupFile = page.getByLabel('Back up to');
  await tabTo(page, backupFile);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(join(server.workspaceDir, 'backups', 'by-keyboard.sqlite'));
  await tabTo(page, page.getByRole('button', { name: 'Back up…' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('backup-result')).toContainText('by-keyboard.sqlite');
  await expectFocusKept(page);
  const checkButton = page.getByRole('button', { name: 'Check integrity' });
  await tabTo(page, checkButton);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-result')).toContainText('Healthy');
  await expect(checkButton).toBeFocused();

  // Notifications: Space turns the switch on (the permission granted), and off again.
  const notifySwitch = page.getByRole('switch', { name: 'Notify me when long work ends' });
  await tabTo(page, notifySwitch);
  await page.keyboard.press('Space');
  await expect(notifySwitch).toBeChecked();
  await expect(notifySwitch).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Show a sample notification' }));
  await page.keyboard.press('Shift+Tab');
  await expect(notifySwitch).toBeFocused();
  await page.keyboard.press('Space');
  await expect(notifySwitch).not.toBeChecked();
  await expect(notifySwitch).toBeFocused();
});

test('Delete run from the runs list and from the run page, by keyboard', async ({ page }) => {
  test.setTimeout(120_000); // Seeding two scored runs through the core in a child process first.
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-kbd-dialogs-')), 'workspace');
  const runs = await seedWorkspace<{ botched: string; scratch: string }>(
    'deleteRunSeed.ts',
    workspaceDir,
  );
  server = await startServer({ workspaceDir });
  await page.goto(`${server.url}#/runs`);
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();

  // From the list: the selected row's link has the focus; Delete opens, Esc closes, focus back.
  const scratchLink = page.getByTestId(`run-row-${runs.scratch}`).getByRole('link').first();
  await tabTo(page, scratchLink);
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Delete run scratch' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(scratchLink).toBeFocused();
  // Deleted from the keyboard: the focus goes to the run that took its place.
  await page.keyboard.press('Delete');
  await tabTo(page, dialog.getByRole('button', { name: 'Delete run', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId(`run-row-${runs.scratch}`)).toHaveCount(0);
  await expectFocusKept(page);
  await expect(
    page.locator('[data-testid^="run-row-"][aria-current="true"] a').first(),
  ).toBeFocused();

  // From the run page: "Delete run…" with Enter; Esc gives the focus back to it.
  const botchedLink = page.getByTestId(`run-row-${runs.botched}`).getByRole('link').first();
  await tabTo(page, botchedLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'botched' })).toBeVisible();
  const deleteRun = page.getByRole('button', { name: 'Delete run…' });
  await tabTo(page, deleteRun);
  await page.keyboard.press('Enter');
  const pageDialog = page.getByRole('dialog', { name: 'Delete run botched' });
  await expectFocusInside(pageDialog);
  await page.keyboard.press('Escape');
  await expect(pageDialog).toHaveCount(0);
  await expect(deleteRun).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo(page, pageDialog.getByRole('button', { name: 'Delete run', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/runs$/);
  await expect(page.getByTestId(`run-row-${runs.botched}`)).toHaveCount(0);
  await expectFocusKept(page);
});
