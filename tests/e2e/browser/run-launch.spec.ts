import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../simulator';
import { startServer, type RunningServer } from '../support/yardstickServer';

/**
 * A newcomer's path on the example workspace: two providers pointing at the provider simulator
 * (OpenAI and Anthropic wire formats) with write-only keys, the example suite edited in the
 * form view to use them, the estimate, a run with live progress, pause and resume, completion,
 * the results, the regressions in the compare grid, the diff of one item, and the HTML report.
 */

const key = 'sk-sim-e2e-0123456789abcdefghij4f2a';
// Not under artifacts/e2e: Playwright empties its output folder at the start of every run.
const shots = 'artifacts/screenshots/run-launch';
let server: RunningServer;
let sim: Simulator;

test.beforeEach(async () => {
  // Enough latency per request that the run lasts a few seconds: there is time to pause it.
  // Each model always gives the same label, so the "mini" model (the first column, the baseline)
  // passes the how-to tickets the "haiku" model fails: regressions to find.
  const answer = (category: string) => ({
    kind: 'fixed' as const,
    text: JSON.stringify({ category, reply: 'Thanks for writing in — here is what to do.' }),
  });
  sim = await startSimulator({
    latency: 150,
    apiKey: key,
    seed: 3,
    models: {
      'gpt-4o-mini': { responder: answer('how_to') },
      'claude-3-5-haiku-latest': { responder: answer('billing') },
    },
  });
  server = await startServer();
});

test.afterEach(async () => {
  await server.stop();
  await sim.close();
});

function sqlite<T>(query: string): T {
  const db = new Database(join(server.workspaceDir, 'workspace.sqlite'), { readonly: true });
  try {
    return db.prepare(query).get() as T;
  } finally {
    db.close();
  }
}

async function addProvider(
  page: Page,
  p: { kind: string; label: string; baseUrl: string; secret: string },
) {
  await page.getByRole('link', { name: '+ Add a provider' }).click();
  await page.getByLabel('Kind').selectOption({ label: p.kind });
  await page.getByLabel('Label', { exact: true }).fill(p.label);
  await page.getByLabel('Base url').fill(p.baseUrl);
  await page.getByLabel('Api key secret').fill(p.secret);
  await page.getByRole('button', { name: 'Add provider' }).click();
  await expect(page.getByRole('heading', { level: 1, name: p.label })).toBeVisible();

  // The key is write-only: after saving, only its last four characters come back.
  await expect(page.getByTestId('provider-key-status')).toContainText('not set');
  await page.getByLabel(`Key (${p.secret})`).fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByTestId('provider-key-status')).toHaveText(
    `${p.secret}: set, ends in …4f2a · stored`,
  );
  await expect(page.getByLabel(`Key (${p.secret})`)).toHaveValue('');

  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('connection-result')).toContainText('Connected');
}

const items = 40;

test('a newcomer: providers, suite, estimate, run, results, regressions, diff, report', async ({
  page,
  context,
}) => {
  // One user journey through six screens, with a real run of 80 requests at 150 ms that is
  // paused and resumed, then scored: longer than the default 30 s budget of a single screen.
  test.setTimeout(150_000);
  const bodies: string[] = [];
  page.on('response', (response) => {
    void response.text().then(
      (text) => bodies.push(text),
      () => undefined,
    );
  });
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();

  // Providers & keys (Ctrl+9).
  await page.keyboard.press('Control+9');
  await expect(page.getByRole('heading', { name: 'Add a provider' })).toBeVisible();
  await addProvider(page, {
    kind: 'OpenAI',
    label: 'sim-openai',
    baseUrl: `${sim.url}/v1`,
    secret: 'SIM_OPENAI_KEY',
  });
  // Default limits of the provider: every run naming it uses them unless its suite says otherwise.
  await page.getByLabel('Requests / minute').fill('6000');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByRole('button', { name: 'Save limits' })).toBeDisabled();
  await page.screenshot({ path: `${shots}/1-provider-openai.png` });
  await addProvider(page, {
    kind: 'Anthropic',
    label: 'sim-anthropic',
    baseUrl: sim.url,
    secret: 'SIM_ANTHROPIC_KEY',
  });
  await expect(page.getByTestId('provider-list')).toContainText('sim-openai');
  await expect(page.getByTestId('provider-list')).toContainText('sim-anthropic');
  await page.screenshot({ path: `${shots}/2-provider-anthropic.png` });

  // The example suite, edited in the form view.
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeVisible();
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByLabel('Model 1 id').fill('openai-mini');
  await page.getByLabel('Model 1 provider').fill('sim-openai');
  await page.getByLabel('Model 1 model').fill('gpt-4o-mini');
  await page.getByRole('button', { name: 'Add model' }).click();
  await page.getByLabel('Model 2 id').fill('anthropic-haiku');
  await page.getByLabel('Model 2 provider').fill('sim-anthropic');
  await page.getByLabel('Model 2 model').fill('claude-3-5-haiku-latest');
  await page.getByLabel('Concurrency per provider').fill('2');
  await expect(page.getByTestId('suite-status')).toContainText('Valid');
  await expect(page.getByTestId('suite-status')).toContainText('2 model(s)');

  // The YAML view shows the same edit, comments kept.
  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(page.getByTestId('suite-yaml')).toContainText('provider: sim-anthropic');
  await expect(page.getByTestId('suite-yaml')).toContainText('# Yardstick suite');

  // The estimate, per model, from the core.
  const estimate = page.getByTestId('run-estimate');
  await expect(estimate).toContainText('openai-mini');
  await expect(estimate).toContainText('anthropic-haiku');
  const versionItems = sqlite<{ n: number }>(
    `SELECT item_count AS n FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id WHERE d.name = 'support-tickets'`,
  ).n;
  await expect(estimate).toContainText(`${versionItems * 2} requests`);
  // Only the first 40 items: the estimate follows.
  await page.getByLabel('Use only the first N items').fill(String(items));
  const cells = items;
  await expect(estimate).toContainText(`${cells * 2} requests (${cells} items)`);
  await expect(page.getByTestId('prompt-preview')).toContainText('Item 1 of');
  await page.screenshot({ path: `${shots}/3-suite-form-estimate.png` });

  // Save and run: the run page shows live progress per model.
  await page.getByRole('button', { name: 'Save and run' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^/]+$/);
  const runId = decodeURIComponent(page.url().split('#/runs/')[1] ?? '');
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await expect(page.getByTestId('model-progress-openai-mini')).toBeVisible();
  await expect(page.getByTestId('model-progress-anthropic-haiku')).toBeVisible();
  await expect
    .poll(() => sqlite<{ n: number }>(`SELECT count(*) AS n FROM responses`).n)
    .toBeGreaterThan(0);
  await page.screenshot({ path: `${shots}/4-run-progress.png` });

  // Pause: requests stop; resume: they continue.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  const atPause = sqlite<{ n: number }>(`SELECT count(*) AS n FROM responses`).n;
  expect(atPause).toBeLessThan(cells * 2);
  await page.waitForTimeout(500);
  expect(sqlite<{ n: number }>(`SELECT count(*) AS n FROM responses`).n).toBe(atPause);
  await page.screenshot({ path: `${shots}/5-run-paused.png` });
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('running');

  // The rest of the run: 2 × 40 requests at 150 ms, two at a time per provider (a few seconds).
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: 30_000 });
  await expect(page.getByTestId('run-figures')).toContainText(`${cells * 2} / ${cells * 2} cells`);
  await expect(page.getByTestId('run-results-slot')).toBeVisible();
  await page.screenshot({ path: `${shots}/6-run-completed.png` });

  const stored = sqlite<{ done: number; total: number }>(
    `SELECT sum(status = 'done') AS done, count(*) AS total FROM cells WHERE run_id = '${runId}'`,
  );
  expect(stored).toEqual({ done: cells * 2, total: cells * 2 });
  const manifest = JSON.parse(
    sqlite<{ manifest: string }>(`SELECT manifest FROM runs WHERE id = '${runId}'`).manifest,
  ) as { options: { providers: Record<string, unknown> } };
  expect(manifest.options.providers['sim-openai']).toEqual({ rpm: 6000 });
  const routes = new Set(sim.log().map((entry) => entry.route));
  expect(routes.has('openai.chat')).toBe(true);
  expect(routes.has('anthropic.messages')).toBe(true);

  // The results: scored after the run, one table per model.
  await expect(page.getByTestId('model-openai-mini')).toContainText('label', { timeout: 30_000 });
  await expect(page.getByTestId('model-anthropic-haiku')).toContainText('label');
  await page.screenshot({ path: `${shots}/7-results.png`, fullPage: true });

  // The compare grid, filtered to the regressions: tickets the baseline labelled right and the
  // candidate did not.
  await page.getByRole('link', { name: 'Compare the outputs of this run' }).click();
  await expect(page.getByTestId('compare-count')).toHaveText(`${cells} of ${cells} rows`);
  await page.getByLabel('Baseline column').selectOption({ label: 'openai-mini' });
  await page.getByTestId('compare-regressions').selectOption('label');
  const howTo = sqlite<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT DISTINCT c.item_id FROM cells c JOIN items i ON i.id = c.item_id
       WHERE c.run_id = '${runId}' AND i.reference = 'how_to')`,
  ).n;
  expect(howTo).toBeGreaterThan(0);
  await expect(page.getByTestId('compare-count')).toHaveText(`${howTo} of ${cells} rows`);
  await page.screenshot({ path: `${shots}/8-regressions.png` });

  // One item's detail, and the diff of its two outputs.
  await page.locator('.compare-grid .vgrid-body').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('compare-detail');
  await expect(detail.getByTestId('detail-output')).toHaveCount(2);
  await detail.getByRole('button', { name: 'Show diff' }).click();
  await expect(page.getByTestId('compare-diff').locator('.monaco-diff-editor')).toBeVisible({
    timeout: 30_000,
  });
  await page.screenshot({ path: `${shots}/9-diff.png` });

  // The decision and its HTML report, which opens offline and shows the same verdict.
  await page.goto(`${server.url}#/decide/${runId}`);
  await page
    .getByTestId('preview-verdict-openai-mini')
    .getByRole('button', { name: 'Record decision' })
    .click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toBeVisible();
  const decided = (await verdict.getAttribute('data-verdict')) ?? '';
  expect(decided).not.toBe('');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ]);
  const reportFile = join(mkdtempSync(join(tmpdir(), 'yardstick-newcomer-')), 'report.html');
  await download.saveAs(reportFile);
  const report = await context.newPage();
  await report.goto(pathToFileURL(reportFile).href);
  // In the same words as the Decide screen ("Don't ship", not the stored "dont_ship").
  await expect(report.locator('.verdict')).toHaveText((await verdict.textContent()) ?? '');
  await report.screenshot({ path: `${shots}/10-report.png`, fullPage: true });
  await report.close();

  // The runs list shows it, and the key never reached the page or the workspace files.
  await page.getByRole('navigation').getByRole('link', { name: 'Runs', exact: true }).click();
  await expect(page.getByTestId('runs-table')).toContainText('completed');
  expect(bodies.join('\n')).not.toContain(key);
  expect(await page.content()).not.toContain(key);
  for (const file of readdirSync(server.workspaceDir)) {
    if (file.endsWith('.sqlite') || file.endsWith('-wal'))
      expect(readFileSync(join(server.workspaceDir, file)).includes(key), file).toBe(false);
  }
});
