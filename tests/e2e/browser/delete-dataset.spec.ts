/**
 * Deleting datasets and versions in real Chromium against the built app in browser mode: a
 * refused "Delete dataset…" whose reason links to the run that used it, "Delete version…" in
 * the versions panel with the counts and the suite that moves to the version left, and
 * "Delete dataset…" with the selection moving to the neighbour. A deletion cut short is listed
 * as "Deletion interrupted" until "Finish deleting" ends it.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { DatasetSummary, DatasetVersionSummary } from '@contract/index';
import { seedWorkspace } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { invoke } from './labelHelpers';

test.setTimeout(120_000); // Seeding and a server start on a shared machine.

interface Seeded {
  alpha: string;
  alpha2: string;
  beta: string;
  run: string;
  gamma: string;
}

let server: RunningServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const datasets = (page: Page) => invoke<DatasetSummary[]>(page, server!, 'datasets.list', {});

test('a refused delete links to the run; delete a version, then the dataset', async ({ page }) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-delete-ds-e2e-')), 'workspace');
  const seeded = await seedWorkspace<Seeded>('deleteDatasetSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // A dataset a run used: refused, the reason names the run and links to it.
  await page.goto(`${server.url}#/datasets/${seeded.beta}`);
  await expect(page.getByRole('heading', { level: 1, name: 'beta' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete dataset…' }).click();
  const refused = page.getByRole('dialog', { name: 'Delete dataset' });
  await expect(
    refused.getByRole('heading', { name: 'The dataset “beta” cannot be deleted' }),
  ).toBeVisible();
  await expect(refused.getByTestId('delete-dataset-reasons')).toContainText(
    '1 run used this dataset ("nightly"). A run\'s evidence keeps the dataset version it evaluated; delete those runs first.',
  );
  await expect(refused.getByRole('button', { name: 'Close' })).toBeFocused();
  await refused.getByRole('link', { name: 'Open run “nightly”' }).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${seeded.run}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'nightly' })).toBeVisible();

  // "Delete version…" in the versions panel: counts, the suite that moves to v1.
  await page.goto(`${server.url}#/datasets/${seeded.alpha}/versions`);
  await expect(page.getByTestId('versions').locator('tbody tr')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete version v2…' }).click();
  const version = page.getByRole('dialog', { name: 'Delete version' });
  await expect(
    version.getByRole('heading', { name: 'Delete version v2 of “alpha”?' }),
  ).toBeVisible();
  await expect(version.getByTestId('delete-dataset-counts').locator('li')).toHaveText([
    '1 version',
    '4 items',
    '4 item tags',
    '1 privacy scan',
  ]);
  await expect(version.getByTestId('delete-dataset-suites')).toHaveText(
    'triage will use v1 instead of v2 (the newest version left)',
  );
  await expect(version.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: 'artifacts/e2e/delete-dataset-version-dialog.png' });
  await version.getByRole('button', { name: 'Delete version' }).click();
  await expect(version).toHaveCount(0);
  await expect(page.getByTestId('versions').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('versions').locator('tbody tr td').first()).toHaveText('v1');
  const versions = await invoke<DatasetVersionSummary[]>(page, server, 'datasets.versions', {
    datasetId: seeded.alpha,
  });
  expect(versions.map((v) => v.id)).not.toContain(seeded.alpha2);

  // "Delete dataset…": its only version goes with it; the list moves to the neighbour.
  const before = (await datasets(page)).map((d) => d.id);
  await page.getByRole('button', { name: 'Delete dataset…' }).click();
  const whole = page.getByRole('dialog', { name: 'Delete dataset' });
  await expect(whole.getByTestId('delete-dataset-counts').locator('li')).toHaveText([
    '1 version',
    '3 items',
    '3 item tags',
    '1 privacy scan',
  ]);
  await expect(whole.getByTestId('delete-dataset-suites')).toHaveText(
    'triage will no longer validate: dataset "alpha" is deleted',
  );
  await whole.getByRole('button', { name: 'Delete dataset' }).click();
  const at = before.indexOf(seeded.alpha);
  const neighbour = before[at + 1] ?? before[at - 1];
  await expect(page).toHaveURL(new RegExp(`#/datasets/${neighbour}$`));
  await expect(page.getByRole('complementary', { name: 'Datasets' })).not.toContainText('alpha');
  expect((await datasets(page)).map((d) => d.id)).not.toContain(seeded.alpha);
  expect(errors).toEqual([]);
});

test('a dataset deletion cut short is listed as interrupted until "Finish deleting" ends it', async ({
  page,
}) => {
  const workspaceDir = join(
    mkdtempSync(join(tmpdir(), 'yardstick-interrupted-ds-e2e-')),
    'workspace',
  );
  const seeded = await seedWorkspace<Seeded>('deleteDatasetSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Another process's deletion of dataset "gamma" stopped after its first batch (the server
  // already started, so it does not finish it on its own): marked, 1 of its 2 items gone.
  const db = new Database(join(workspaceDir, 'workspace.sqlite'));
  try {
    const at = new Date().toISOString();
    db.prepare('UPDATE datasets SET removal_started_at = ? WHERE id = ?').run(at, seeded.gamma);
    db.prepare('UPDATE dataset_versions SET removal_started_at = ? WHERE dataset_id = ?').run(
      at,
      seeded.gamma,
    );
    db.prepare(
      'DELETE FROM items WHERE id = (SELECT i.id FROM items i JOIN dataset_versions v ON v.id = i.version_id WHERE v.dataset_id = ? LIMIT 1)',
    ).run(seeded.gamma);
  } finally {
    db.close();
  }

  await page.goto(`${server.url}#/datasets`);
  const list = page.getByRole('complementary', { name: 'Datasets' });
  const interrupted = page.getByTestId(`interrupted-datasets-${seeded.gamma}`);
  await expect(interrupted).toContainText('Dataset “gamma”');
  await expect(interrupted).toContainText('Deletion interrupted');
  await expect(interrupted).toContainText('with 1 item left');
  // Half deleted, so not readable: not a dataset of the list.
  await expect(list.getByRole('link', { name: /^alpha/ })).toBeVisible();
  await expect(list.getByRole('link', { name: /^gamma/ })).toHaveCount(0);
  await page.screenshot({ path: 'artifacts/e2e/delete-dataset-interrupted.png' });

  await interrupted.getByRole('button', { name: 'Finish deleting' }).click();
  await expect(interrupted).toHaveCount(0);
  expect(await invoke(page, server, 'datasets.interruptedDeletions', {})).toEqual([]);
  const names = (await datasets(page)).map((d) => d.name);
  expect(names).toEqual(expect.arrayContaining(['alpha', 'beta']));
  expect(names).not.toContain('gamma');
  expect(errors).toEqual([]);
});
