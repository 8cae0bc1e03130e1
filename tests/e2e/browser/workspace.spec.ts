import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../support/yardstickServer';

let server: RunningServer;

test.beforeEach(async () => {
  server = await startServer();
});

test.afterEach(async () => {
  await server.stop();
});

function sqliteCount(workspaceDir: string, query: string): number {
  const db = new Database(join(workspaceDir, 'workspace.sqlite'), { readonly: true });
  try {
    return (db.prepare(query).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('the overview lists the example dataset with its item count from SQLite', async ({ page }) => {
  await page.goto(server.url);
  const table = page.getByTestId('overview-datasets');
  await expect(table).toContainText('support-tickets');
  const itemCount = sqliteCount(
    server.workspaceDir,
    `SELECT item_count AS n FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = 'support-tickets'`,
  );
  expect(itemCount).toBeGreaterThanOrEqual(120);
  await expect(table.getByTestId('dataset-item-count')).toHaveText(String(itemCount));
  await expect(page.getByTestId('count-items').locator('.stat-value')).toHaveText(
    String(itemCount),
  );
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');
  await page.screenshot({ path: 'artifacts/screenshots/overview.png' });
});

test('datasets, suites and themes work from the keyboard and the sidebar', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('heading', { level: 1, name: 'support-tickets' })).toBeVisible();
  await expect(page.locator('.items-table tbody tr')).toHaveCount(50);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.locator('.pager')).toContainText('51–100');

  await page.getByRole('link', { name: 'Suites' }).click();
  await expect(page.getByTestId('suite-yaml')).toContainText('name: support-triage');

  const before = await page.locator('html').getAttribute('data-theme');
  await page.keyboard.press('Control+Shift+L');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
  await page.reload();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
  await page.screenshot({ path: 'artifacts/screenshots/suites-other-theme.png' });
});

test('an API key is write-only: stored encrypted, shown only as its last four characters', async ({
  page,
}) => {
  const key = 'sk-e2e-0123456789abcdefghij4f2a';
  const bodies: string[] = [];
  page.on('response', (response) => {
    void response.text().then(
      (text) => bodies.push(text),
      () => undefined,
    );
  });
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Value').fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByTestId('secret-status-OPENAI_API_KEY')).toHaveText(
    'set, ends in …4f2a · stored',
  );
  await expect(page.getByLabel('Value')).toHaveValue('');
  await page.reload();
  await expect(page.getByTestId('secret-status-OPENAI_API_KEY')).toHaveText(
    'set, ends in …4f2a · stored',
  );

  expect(bodies.join('\n')).not.toContain(key);
  expect(await page.content()).not.toContain(key);
  for (const file of readdirSync(server.workspaceDir)) {
    expect(readFileSync(join(server.workspaceDir, file)).includes(key), file).toBe(false);
  }
});

/**
 * Waits until the page has made no new request for `quietMs`. Not `networkidle`: a Monaco
 * worker closed while its script still loads (leaving the suite editor at once) leaves that
 * request unfinished, and `networkidle` then waits forever (seen once in CI on a busy machine).
 */
async function quiet(requests: readonly string[], quietMs = 1_000) {
  let seen = -1;
  while (seen !== requests.length) {
    seen = requests.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

test('no connection leaves the machine during a session', async ({ page }) => {
  const pageRequests: string[] = [];
  page.on('request', (request) => pageRequests.push(request.url()));
  page.on('websocket', (socket) => pageRequests.push(socket.url()));
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  for (const section of [
    'Datasets',
    'Suites',
    'Runs',
    'Compare',
    'Label',
    'Calibrate',
    'Decide',
    'Settings',
  ]) {
    await page.getByRole('link', { name: section, exact: true }).click();
    await expect(page.locator('main')).not.toBeEmpty();
  }
  await quiet(pageRequests);
  const origin = new URL(server.origin);
  const foreign = pageRequests.filter((url) => new URL(url).host !== origin.host);
  expect(foreign).toEqual([]);
  expect(pageRequests.some((url) => url.startsWith(`ws://${origin.host}/api/events`))).toBe(true);
  expect(server.outboundConnections()).toEqual([]);
});

test('without the token the page says how to connect, and the API refuses', async ({
  page,
  request,
}) => {
  await page.goto(server.origin);
  await expect(page.getByRole('heading', { name: 'Not connected' })).toBeVisible();
  const reply = await request.post(`${server.origin}/api/invoke`, {
    data: { route: 'workspace.info', input: {} },
  });
  expect(reply.status()).toBe(401);
});
