import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startSimulator } from '../../simulator';
import { runNode } from '../support/seedScript';
import { repoRoot, startServer, type RunningServer } from '../support/yardstickServer';
import { simulatorSuiteYaml } from '../../support/simulatorSuite';

/**
 * Browser mode when the server goes away: the page says so in a banner (not a modal), calls
 * fail with the usual error, and once the server is back the page shows what changed meanwhile
 * without a reload. A server restarted with a new token is told apart from one not reachable.
 */

let server: RunningServer;
// Not under artifacts/e2e: Playwright empties its output folder at the start of every run.
const shots = 'artifacts/screenshots/connection';
const fixtures = join(repoRoot, 'tests/fixtures/datasets');

test.beforeEach(async () => {
  server = await startServer();
});

test.afterEach(async () => {
  await server.stop();
});

/** Marks the document, to check later that the page was not reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
}

async function isSameDocument(page: Page) {
  return page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument);
}

/** The built CLI on the server's workspace, with the server's key file. */
function cli(...args: string[]) {
  return runNode(
    [join(repoRoot, 'bin/yardstick.mjs'), '--workspace', server.workspaceDir, ...args],
    {
      YARDSTICK_KEY_FILE: join(server.workspaceDir, '..', 'keys', 'secret.key'),
    },
  );
}

/** A call as the page makes it, with the server's token. */
async function invoke<T>(route: string, input: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ route, input }),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!result.ok) throw new Error(`${route} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

test('a stopped server: the banner shows at once, and after the restart the page catches up', async ({
  page,
}) => {
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  const datasets = page.getByRole('complementary', { name: 'Datasets' });
  await expect(datasets.getByRole('listitem').first()).toBeVisible();
  await expect(datasets).not.toContainText('added-while-away');
  await markDocument(page);

  await server.stop();
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('Lost the connection to Yardstick');
  await expect(banner).toContainText(/retrying (in \d+ s|now…)/);
  await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
  // Both themes, for a look at the banner (setting the attribute changes no stored preference).
  for (const theme of ['dark', 'light']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.screenshot({ path: `${shots}/lost-${theme}.png` });
  }

  // Calls made meanwhile fail with the usual error; nothing is queued.
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await expect(page.locator('.error-notice')).toContainText('Yardstick is not reachable');
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await expect(page.locator('.error-notice')).toContainText('Yardstick is not reachable');

  // Meanwhile the workspace changes through the CLI.
  await cli('import', join(fixtures, 'items.jsonl'), '--dataset', 'added-while-away');

  server = await server.restart({ sameToken: true });
  // The page retries on its own; the back-off between attempts is at most 10 s.
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await expect(datasets.getByRole('link', { name: /added-while-away/ })).toBeVisible();
  await expect(page.locator('.error-notice')).toHaveCount(0);
  expect(await isSameDocument(page)).toBe(true);
});

test('a server restarted with a new token: the banner says to open the new address', async ({
  page,
}) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await markDocument(page);

  await server.stop();
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toContainText('Lost the connection to Yardstick');
  server = await server.restart({ sameToken: false });
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect(banner).toHaveText(
    "Yardstick was restarted: open the new address it printed (the old link's token no longer works).",
  );
  await expect(banner.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
  await page.screenshot({ path: `${shots}/refused.png` });

  // A call with the old token fails saying why.
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await expect(page.locator('.error-notice')).toContainText("no longer accepts this page's token");
  expect(await isSameDocument(page)).toBe(true);

  // The new address works.
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Datasets' })).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test('a run page frozen by the outage shows the run as it is once the server is back', async ({
  page,
}) => {
  const cells = 30;
  // One request at a time, 100 ms each: the run lasts about 3 s, time to stop the server.
  const sim = await startSimulator({ latency: 100 });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'yardstick-conn-'));
    const items = join(dir, 'qa.jsonl');
    writeFileSync(
      items,
      Array.from({ length: cells }, (_, i) =>
        JSON.stringify({ id: `q${i}`, input: `question ${i}`, reference: `answer ${i}` }),
      ).join('\n'),
    );
    await cli('import', items, '--dataset', 'qa');
    const yaml = simulatorSuiteYaml('outage', sim.url);
    const { runId } = await invoke<{ runId: string }>('runs.start', {
      suite: { yaml },
      execution: { concurrency: 1 },
    });
    await page.goto(`${server.url}#/runs/${runId}`);
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await expect(page.getByTestId('run-figures')).toContainText(/[1-9]\d* \/ 30 cells/);
    await markDocument(page);

    // The server stops mid-run (its runs stop with it); the page is told.
    await server.stop();
    await expect(page.getByTestId('connection-banner')).toContainText('Lost the connection');
    await expect(page.getByTestId('run-status')).toHaveText('running');
    // Meanwhile the CLI finishes the run.
    await cli('resume', runId);

    server = await server.restart({ sameToken: true });
    await page.getByTestId('connection-banner').getByRole('button', { name: 'Retry now' }).click();
    await expect(page.getByTestId('connection-banner')).toBeHidden();
    await expect(page.getByTestId('run-status')).toHaveText('completed');
    await expect(page.getByTestId('run-figures')).toContainText(`${cells} / ${cells} cells`);
    expect(await isSameDocument(page)).toBe(true);
  } finally {
    await sim.close();
  }
});

test('a server gone silent (paused, as after a sleep): the bar shows within the heartbeat window', async ({
  page,
}) => {
  // A 1 s beat instead of 15 s: the page sizes its silence window (2⅓ beats) from the server's.
  await server.stop();
  server = await startServer({
    token: randomBytes(24).toString('base64url'),
    env: { YARDSTICK_TEST_HEARTBEAT_MS: '1000' },
  });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await markDocument(page);
  const banner = page.getByTestId('connection-banner');
  // Longer than the window: the beats keep an idle page from taking the socket for dead.
  await page.waitForTimeout(3500);
  await expect(banner).toHaveCount(0);

  // The process is frozen, its sockets stay open: nothing closes, nothing fails, it is silent.
  const pid = server.process.pid!;
  process.kill(pid, 'SIGSTOP');
  try {
    const pausedAt = Date.now();
    await expect(banner).toContainText('Lost the connection to Yardstick', { timeout: 6000 });
    const noticedMs = Date.now() - pausedAt;
    expect(noticedMs).toBeGreaterThanOrEqual(1000);
    test.info().annotations.push({ type: 'noticed after', description: `${noticedMs} ms` });
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  // Back: the next attempt (back-off at most 10 s) reconnects, without a reload.
  await expect(banner).toBeHidden({ timeout: 15_000 });
  expect(await isSameDocument(page)).toBe(true);
});
