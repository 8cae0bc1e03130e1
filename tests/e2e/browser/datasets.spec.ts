import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/yardstickServer';

let server: RunningServer;
const fixtures = new URL('../../fixtures/datasets/', import.meta.url).pathname;

test.beforeEach(async () => {
  server = await startServer();
});

test.afterEach(async () => {
  await server.stop();
});

function sqlite<T>(query: string): T {
  const db = new Database(join(server.workspaceDir, 'workspace.sqlite'), { readonly: true });
  try {
    return db.prepare(query).get() as T;
  } finally {
    db.close();
  }
}

async function openImport(page: Page) {
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByRole('link', { name: 'Import…' }).click();
  await expect(page.getByRole('heading', { name: 'Import a dataset' })).toBeVisible();
}

test('the import wizard: upload → preview → mapping → check → a new frozen version', async ({
  page,
}) => {
  await openImport(page);
  await page.getByLabel('Dataset name (new or existing)').fill('trivia');
  await page.getByLabel('Upload a file').setInputFiles(join(fixtures, 'items.jsonl'));
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('What colour is the sky?');
  await expect(preview.locator('thead')).toContainText('question');
  await page.getByRole('button', { name: 'Map columns' }).click();
  await expect(page.getByLabel('Input column')).toHaveValue('question');
  await expect(page.getByLabel('Reference column')).toHaveValue('answer');
  await expect(page.getByTestId('mapped-preview')).toContainText('Shakespeare');
  await page.screenshot({ path: 'artifacts/screenshots/datasets-import-mapping.png' });
  await page.getByRole('button', { name: 'Check the whole file' }).click();
  await expect(page.getByTestId('check-summary')).toHaveText('All 3 rows are valid.');
  await page.getByRole('button', { name: 'Import 3 items' }).click();
  await expect(page.getByTestId('import-done')).toContainText(
    'Version 1 of trivia frozen with 3 items',
  );
  const row = sqlite<{ item_count: number; content_hash: string }>(
    `SELECT v.item_count, v.content_hash FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = 'trivia' AND v.is_frozen = 1`,
  );
  expect(row.item_count).toBe(3);
  await expect(page.getByTestId('import-done')).toContainText(row.content_hash.slice(0, 12));
  await page.getByRole('button', { name: 'Show the dataset' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'trivia' })).toBeVisible();
  await expect(page.locator('.items-table tbody tr')).toHaveCount(3);
});

test('New suite from a finished import: Esc lands on the imported dataset, not an empty wizard', async ({
  page,
}) => {
  // Found by an audit: the dialog returned to `#/datasets/import`, a fresh wizard, and the
  // finished import's summary was gone. The dataset's page is a finished import's home.
  await openImport(page);
  await page.getByLabel('Dataset name (new or existing)').fill('trivia');
  await page.getByLabel('Upload a file').setInputFiles(join(fixtures, 'items.jsonl'));
  await page.getByRole('button', { name: 'Map columns' }).click();
  await page.getByRole('button', { name: 'Check the whole file' }).click();
  await page.getByRole('button', { name: 'Import 3 items' }).click();
  await expect(page.getByTestId('import-done')).toContainText('Version 1 of trivia');
  const { id } = sqlite<{ id: string }>(`SELECT id FROM datasets WHERE name = 'trivia'`);
  await page.getByRole('link', { name: 'New suite from this dataset →' }).click();
  const dialog = page.getByRole('dialog', { name: 'New suite' });
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#/suites/new/from-dataset/${id}$`));
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`#/datasets/${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'trivia' })).toBeVisible();
  await expect(page.locator('.items-table tbody tr')).toHaveCount(3);
  await expect(page.getByRole('heading', { name: 'Import a dataset' })).toHaveCount(0);
});

test('bad rows are reported by line and column; the user imports the rest', async ({ page }) => {
  const file = join(server.workspaceDir, '..', 'bad.csv');
  writeFileSync(file, 'id,question,answer\n1,What is 2+2?,4\n2,"never closed,5\n');
  const good = join(server.workspaceDir, '..', 'mixed.csv');
  writeFileSync(good, 'id,question,answer\n1,What is 2+2?,4\n2,Too,many,fields\n3,Fine,ok\n');
  await openImport(page);
  await page.getByLabel('Path to the file on this machine').fill(good);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Map columns' }).click();
  await page.getByRole('button', { name: 'Check the whole file' }).click();
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('expected 3 fields, found 4');
  await expect(problems.locator('tbody tr').first().locator('td').nth(1)).toHaveText('3');
  await expect(page.getByTestId('check-summary')).toContainText('1 bad row would be skipped');
  await page.screenshot({ path: 'artifacts/screenshots/datasets-import-problems.png' });
  await page.getByRole('button', { name: 'Import 2 items, skip 1 bad row' }).click();
  await expect(page.getByTestId('import-done')).toContainText(
    'frozen with 2 items, 1 bad row skipped',
  );
});

test('a long check shows progress and can be cancelled, leaving nothing behind', async ({
  page,
}) => {
  const file = join(server.workspaceDir, '..', 'long.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 250_000; i++)
    lines.push(JSON.stringify({ id: `r${i}`, question: `question number ${i} about something` }));
  writeFileSync(file, lines.join('\n'));
  await openImport(page);
  await page.getByLabel('Path to the file on this machine').fill(file);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Map columns' }).click();
  await page.getByRole('button', { name: 'Check the whole file' }).click();
  const progress = page.getByTestId('job-progress');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Check cancelled.')).toBeVisible();
  expect(
    sqlite<{ n: number }>('SELECT COUNT(*) AS n FROM dataset_versions WHERE is_frozen = 0').n,
  ).toBe(0);
  expect(sqlite<{ n: number }>(`SELECT COUNT(*) AS n FROM datasets WHERE name = 'long'`).n).toBe(0);
});

test('versions: an edit makes version 2, and the diff shows what changed', async ({
  page,
  request,
}) => {
  const invoke = async (route: string, input: unknown) => {
    const reply = await request.post(`${server.origin}/api/invoke`, {
      headers: { authorization: `Bearer ${server.token}` },
      data: { route, input },
    });
    return ((await reply.json()) as { value: unknown }).value;
  };
  const [dataset] = (await invoke('datasets.list', {})) as Array<{
    id: string;
    latestVersion: { id: string };
  }>;
  await invoke('datasets.edit', {
    parentVersionId: dataset?.latestVersion.id,
    upserts: [
      {
        key: 'T0001',
        input: 'How do I stop mobile data use for photo backup?',
        category: 'how_to',
      },
    ],
    removeKeys: ['T0002'],
    note: 'translated T0001',
  });
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByRole('link', { name: 'Versions' }).click();
  await expect(page.getByTestId('versions').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('versions')).toContainText('translated T0001');
  const diff = page.getByTestId('diff');
  await expect(diff).toContainText('+0 added');
  await expect(diff).toContainText('−1 removed');
  await expect(diff).toContainText('~1 changed');
  await expect(diff).toContainText('How do I stop mobile data use for photo backup?');
  await page.screenshot({ path: 'artifacts/screenshots/datasets-diff.png' });
});

test('privacy: findings are masked, and allowing cloud providers is a per-dataset switch', async ({
  page,
}) => {
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await expect(page.getByTestId('personal-badge')).toHaveText('personal data');
  await page.getByRole('link', { name: 'Privacy' }).click();
  await expect(page.getByTestId('pii-summary')).toContainText('22 of 150 items hold personal data');
  const findings = page.getByTestId('pii-findings');
  await expect(findings).toContainText('**** **** **** **44');
  await expect(findings).not.toContainText('5555 5555 5555 4444');
  const allow = page.getByTestId('allow-cloud');
  await expect(allow).not.toBeChecked();
  await allow.click();
  await expect(allow).toBeChecked();
  await expect(page.getByTestId('personal-badge')).toHaveText('personal · cloud allowed');
  expect(
    sqlite<{ allow_cloud: number }>(
      `SELECT allow_cloud FROM datasets WHERE name = 'support-tickets'`,
    ).allow_cloud,
  ).toBe(1);
  await page.reload();
  await expect(page.getByTestId('allow-cloud')).toBeChecked();
  await page.screenshot({ path: 'artifacts/screenshots/datasets-privacy.png' });
});
