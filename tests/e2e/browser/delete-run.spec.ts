/**
 * Renaming and deleting runs in real Chromium against the built app in browser mode: a rename
 * in place (Esc puts the name back, Enter saves), "Delete run…" on the run page with the counts
 * of what goes and the note that cached responses stay, the Delete key on the runs list with the
 * selection moving to the neighbour, and a refused deletion of a run a decision uses — its
 * reason linking to the decision. A deletion cut short is listed as "Deletion interrupted"
 * until "Finish deleting" ends it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { RunSummary } from '@contract/index';
import { seedWorkspace } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { invoke } from './labelHelpers';

test.setTimeout(120_000); // Seeding (with scoring) and a server start on a shared machine.

interface Seeded {
  baseline: string;
  candidate: string;
  botched: string;
  scratch: string;
}

let server: RunningServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const listed = (page: Page) => invoke<RunSummary[]>(page, server!, 'runs.list', {});
const row = (page: Page, runId: string) => page.getByTestId(`run-row-${runId}`);

test('rename a run, delete runs with the dialog, and a refused delete names the decision', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-delete-run-e2e-')), 'workspace');
  const runs = await seedWorkspace<Seeded>('deleteRunSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Rename in place: Esc puts the name back, Enter saves through the core.
  await page.goto(`${server.url}#/runs/${runs.botched}`);
  await expect(page.getByRole('heading', { level: 1, name: 'botched' })).toBeVisible();
  await page.keyboard.press('F2');
  const field = page.getByLabel('Run name');
  await expect(field).toBeFocused();
  await field.fill('never mind');
  await field.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'botched' })).toBeVisible();
  await page.getByRole('button', { name: 'Rename' }).click();
  await field.fill('   ');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toContainText('a run name cannot be empty');
  await field.fill('  botched: wrong model ');
  await field.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'botched: wrong model' })).toBeVisible();
  expect((await listed(page)).find((r) => r.id === runs.botched)?.name).toBe(
    'botched: wrong model',
  );

  // "Delete run…" on the run page: what goes, with counts; the cache stays.
  const before = (await listed(page)).map((r) => r.id);
  await page.getByRole('button', { name: 'Delete run…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete run botched: wrong model' });
  await expect(dialog.getByTestId('delete-run-counts').locator('li')).toHaveText([
    '8 cells',
    '8 responses',
  ]);
  await expect(dialog.getByTestId('delete-run-cache')).toContainText('The response cache is kept');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: 'artifacts/e2e/delete-run-dialog.png' });
  await dialog.getByRole('button', { name: 'Delete run' }).click();
  await expect(page).toHaveURL(/#\/runs$/);
  await expect(row(page, runs.botched)).toHaveCount(0);
  // The list selects the run that took the deleted one's place.
  const at = before.indexOf(runs.botched);
  const neighbour = before[at + 1] ?? before[at - 1];
  await expect(row(page, neighbour!)).toHaveAttribute('aria-current', 'true');
  expect((await listed(page)).map((r) => r.id)).toEqual(before.filter((id) => id !== runs.botched));

  // The Delete key on the selected run of the list opens the same dialog.
  await row(page, runs.scratch).click();
  await expect(row(page, runs.scratch)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Delete');
  const second = page.getByRole('dialog', { name: 'Delete run scratch' });
  await expect(second.getByTestId('delete-run-counts')).toContainText('4 cells');
  await second.getByRole('button', { name: 'Delete run' }).click();
  await expect(second).toHaveCount(0);
  await expect(row(page, runs.scratch)).toHaveCount(0);
  const left = (await listed(page)).map((r) => r.id);
  expect(left.sort()).toEqual([runs.baseline, runs.candidate].sort());
  await expect(page.locator('[data-testid^="run-row-"][aria-current="true"]')).toHaveCount(1);

  // A run a decision uses: the dialog gives the reason and a way to the decision, no Delete.
  await row(page, runs.candidate).click();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, runs.baseline)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Delete');
  const refused = page.getByRole('dialog', { name: 'Delete run january' });
  const reasons = refused.getByTestId('delete-run-reasons');
  await expect(reasons).toContainText(
    'on run "february" compares against this run as its baseline',
  );
  await expect(reasons).toContainText('decisions are the audit trail');
  await expect(refused.getByRole('button', { name: 'Delete run' })).toHaveCount(0);
  await page.screenshot({ path: 'artifacts/e2e/delete-run-refused.png' });
  await reasons.getByRole('link', { name: /Open the decision of/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/decide/${runs.candidate}$`));
  await expect(page.getByTestId('decision-history').locator('tbody tr')).toHaveCount(1);
  expect(await listed(page)).toHaveLength(2);
  expect(errors).toEqual([]);
});

test('a deletion cut short is listed as interrupted, not readable, until "Finish deleting" ends it', async ({
  page,
}) => {
  const workspaceDir = join(
    mkdtempSync(join(tmpdir(), 'yardstick-interrupted-run-e2e-')),
    'workspace',
  );
  const runs = await seedWorkspace<Seeded>('deleteRunSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Another process's deletion of "botched" stopped after its first batch (the server already
  // started, so it does not finish it on its own): marked, 3 of its 8 cells gone.
  const db = new Database(join(workspaceDir, 'workspace.sqlite'));
  try {
    db.prepare('UPDATE runs SET removal_started_at = ? WHERE id = ?').run(
      new Date().toISOString(),
      runs.botched,
    );
    db.prepare('DELETE FROM cells WHERE id IN (SELECT id FROM cells WHERE run_id = ? LIMIT 3)').run(
      runs.botched,
    );
  } finally {
    db.close();
  }

  await page.goto(`${server.url}#/runs`);
  const interrupted = page.getByTestId(`interrupted-runs-${runs.botched}`);
  await expect(interrupted).toContainText('Run “botched”');
  await expect(interrupted).toContainText('Deletion interrupted');
  await expect(interrupted).toContainText('with 5 cells left');
  // Half deleted, so not readable as a run: not a row of the list, and its page does not open.
  await expect(row(page, runs.scratch)).toBeVisible();
  await expect(row(page, runs.botched)).toHaveCount(0);
  await page.screenshot({ path: 'artifacts/e2e/delete-run-interrupted.png' });

  await interrupted.getByRole('button', { name: 'Finish deleting' }).click();
  await expect(interrupted).toHaveCount(0);
  expect(await invoke(page, server, 'runs.interruptedDeletions', {})).toEqual([]);
  const gone = await invoke(page, server, 'runs.get', { runId: runs.botched }).catch((e: unknown) =>
    String(e),
  );
  expect(String(gone)).toContain('does not exist');
  expect((await listed(page)).map((r) => r.id).sort()).toEqual(
    [runs.baseline, runs.candidate, runs.scratch].sort(),
  );
  expect(errors).toEqual([]);
});

test('F2 renames the selected run in the list; a run deleted elsewhere says so, with a way back', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-run-gone-e2e-')), 'workspace');
  const runs = await seedWorkspace<Seeded>('deleteRunSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // F2 on the list: the selected run's name becomes a field; Esc puts it back, Enter saves.
  await page.goto(`${server.url}#/runs`);
  await expect(page.getByText('rename it with F2')).toBeVisible();
  await row(page, runs.scratch).click();
  await page.keyboard.press('F2');
  const field = row(page, runs.scratch).getByLabel('Run name');
  await expect(field).toBeFocused();
  await field.fill('never mind');
  await field.press('Escape');
  await expect(row(page, runs.scratch).getByRole('link', { name: 'scratch' })).toBeFocused();
  await page.keyboard.press('F2');
  await field.fill('  scratch: kept ');
  await field.press('Enter');
  await expect(row(page, runs.scratch).getByRole('link', { name: 'scratch: kept' })).toBeFocused();
  expect((await listed(page)).find((r) => r.id === runs.scratch)?.name).toBe('scratch: kept');
  // The shortcuts sheet lists it.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: /shortcuts/i });
  await expect(sheet).toContainText('Rename the selected run');
  await page.keyboard.press('Escape');

  // Open on its page, the run is deleted elsewhere (the CLI, another window: the same server).
  await page.goto(`${server.url}#/runs/${runs.scratch}`);
  await expect(page.getByRole('heading', { level: 1, name: 'scratch: kept' })).toBeVisible();
  await invoke(page, server, 'runs.delete', { runId: runs.scratch });
  await expect(page.getByRole('heading', { level: 1, name: 'This run was deleted' })).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Back to the runs' }).click();
  await expect(page).toHaveURL(/#\/runs$/);
  await expect(row(page, runs.botched)).toBeVisible();
  await expect(row(page, runs.scratch)).toHaveCount(0);
  expect(errors).toEqual([]);
});
