/**
 * Creating, duplicating and deleting suites in the app (browser mode, real Chromium, the built
 * bundle): a suite scaffolded from the example dataset opens in the editor with its plan; a
 * YAML file with a bad value shows the core's located issue and stores nothing, a good one is
 * stored; a duplicate keeps the comments; a delete goes, and a delete of a suite runs used is
 * refused with the core's message naming the runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { seedWorkspace } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';

// Not under artifacts/e2e: Playwright empties its output folder at the start of every run.
const shots = 'artifacts/screenshots/new-suite';
let server: RunningServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

function storedSuites(): Array<{ name: string; yaml: string; source_path: string | null }> {
  if (!server) throw new Error('no server');
  const db = new Database(join(server.workspaceDir, 'workspace.sqlite'), { readonly: true });
  try {
    return db
      .prepare(`SELECT name, yaml, source_path FROM suites ORDER BY created_at`)
      .all() as Array<{ name: string; yaml: string; source_path: string | null }>;
  } finally {
    db.close();
  }
}

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'New suite' });

const badSuite = `version: 1
name: from-a-file
dataset: { name: support-tickets }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - id: local
    provider: local
    model: default
    params:
      temperature: 7
`;

test('from a dataset: the live plan, a taken name refused, then the suite in the editor', async ({
  page,
}) => {
  server = await startServer();
  await page.goto(`${server.url}#/suites/new`);
  const dialog = dialogOf(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Suite name')).toBeFocused();
  await expect(dialog.getByRole('combobox', { name: 'Dataset', exact: true })).toHaveValue(/.+/);
  await expect(dialog.getByRole('checkbox', { name: /Local model/ })).toBeChecked();
  // The example's references are category labels: exact match and token F1 are suggested.
  await expect(dialog.getByRole('checkbox', { name: /exact-match/ })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /token-f1/ })).toBeChecked();

  await dialog.getByLabel('Suite name').fill('support-triage');
  await expect(dialog.getByText('A suite named “support-triage” exists')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create suite' })).toBeDisabled();

  await dialog.getByLabel('Suite name').fill('tickets quick check');
  const plan = dialog.getByTestId('new-suite-plan');
  await expect(plan).toHaveText(/^\d+ items × 1 prompt × 1 model = \d+ cells$/);
  const items = Number(/^(\d+) items/.exec((await plan.textContent()) ?? '')?.[1]);
  expect(items).toBeGreaterThan(0);
  await dialog.getByText('Show the YAML').click();
  await expect(dialog.locator('.ns-yaml pre')).toContainText('type: exact-match');
  await page.screenshot({ path: `${shots}/1-from-dataset.png` });

  await dialog.getByRole('button', { name: 'Create suite' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'tickets quick check' })).toBeVisible();
  await expect(page.getByTestId('suite-status')).toContainText(
    `Valid · ${items} items × 1 prompt(s) × 1 model(s) × 1 = ${items} requests`,
  );
  await expect(page.getByRole('link', { name: /tickets quick check/ })).toHaveAttribute(
    'aria-current',
    'true',
  );
  const saved = storedSuites().find((s) => s.name === 'tickets quick check');
  expect(saved?.yaml).toContain('# Yardstick suite, scaffolded for support-tickets');
  expect(saved?.yaml).toContain('# criteria:');
  await page.screenshot({ path: `${shots}/2-in-the-editor.png` });

  // The command palette opens the same dialog; Esc closes it and the editor stays.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: /Go to a run/ }).fill('new suite');
  await page.keyboard.press('Enter');
  await expect(dialogOf(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialogOf(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'tickets quick check' })).toBeVisible();
});

test('open a YAML file: a bad value is located and nothing is saved; a good file is', async ({
  page,
}) => {
  server = await startServer();
  await page.goto(server.url);
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeVisible();
  await page.getByRole('button', { name: 'New suite…' }).click();
  const dialog = dialogOf(page);
  await dialog.getByRole('radio', { name: 'Open a YAML file…' }).check();
  const before = storedSuites().length;

  await dialog.getByLabel('Suite file (YAML)').setInputFiles({
    name: 'bad.suite.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(badSuite),
  });
  const issues = dialog.getByTestId('new-suite-issues');
  await expect(issues).toContainText('bad.suite.yaml:12:');
  await expect(issues).toContainText('models[0].params.temperature');
  await expect(dialog.getByTestId('new-suite-plan')).toContainText('nothing was saved');
  await expect(dialog.getByRole('button', { name: 'Save suite' })).toBeDisabled();
  await page.screenshot({ path: `${shots}/3-bad-file.png` });
  expect(storedSuites()).toHaveLength(before);

  await dialog.getByLabel('Suite file (YAML)').setInputFiles({
    name: 'good.suite.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(badSuite.replace('temperature: 7', 'temperature: 0.7')),
  });
  await expect(dialog.getByTestId('new-suite-plan')).toContainText(
    /^Valid · \d+ items × 1 prompt × 1 model = \d+ cells$/,
  );
  await expect(issues).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Save suite' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'from-a-file' })).toBeVisible();
  await expect(page.getByText('from good.suite.yaml')).toBeVisible();
  expect(storedSuites().map((s) => [s.name, s.source_path])).toContainEqual([
    'from-a-file',
    'good.suite.yaml',
  ]);
});

test('duplicate keeps the comments; delete goes; a suite runs used is refused by name', async ({
  page,
}) => {
  test.setTimeout(90_000); // Seeding two scored runs in a child process first.
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-e2e-new-suite-')), 'workspace');
  await seedWorkspace<{ runId: string }>('resultsSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
  const started = storedSuites();
  const example = started.find((s) => s.name === 'support-triage');
  expect(example).toBeDefined();

  await page.goto(`${server.url}#/suites`);
  await page.getByRole('link', { name: /^support-triage/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeVisible();
  await page.getByRole('button', { name: 'New suite…' }).click();
  const dialog = dialogOf(page);
  await dialog.getByRole('radio', { name: 'Duplicate a suite' }).check();
  // The suite on screen is the one offered first.
  await expect(dialog.getByRole('combobox', { name: 'Suite to duplicate' })).toHaveValue(
    storedSuiteRow('support-triage').id,
  );
  await expect(dialog.getByLabel('New name')).toHaveValue('support-triage (copy)');
  await dialog.getByRole('button', { name: 'Duplicate' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'support-triage (copy)' }),
  ).toBeVisible();
  const copy = storedSuites().find((s) => s.name === 'support-triage (copy)');
  expect(copy?.yaml).toBe(
    example?.yaml.replace('name: support-triage', 'name: support-triage (copy)'),
  );

  // Delete the copy: the confirmation names it; afterwards it is gone everywhere.
  await page.getByRole('button', { name: 'Delete suite…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete suite support-triage (copy)' });
  await expect(confirm).toContainText('every saved version of support-triage (copy)');
  await page.screenshot({ path: `${shots}/4-delete-confirm.png` });
  await confirm.getByRole('button', { name: 'Delete suite' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('link', { name: /support-triage \(copy\)/ })).toHaveCount(0);
  expect(storedSuites().map((s) => s.name)).not.toContain('support-triage (copy)');

  // The seeded runs used "support triage": the core refuses and names them; nothing goes.
  await page.getByRole('link', { name: /^support triage/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'support triage' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete suite…' }).click();
  const refuse = page.getByRole('dialog', { name: 'Delete suite support triage' });
  await refuse.getByRole('button', { name: 'Delete suite' }).click();
  const refused = refuse.getByTestId('delete-refused');
  await expect(refused).toContainText('suite "support triage" cannot be deleted: 2 runs used it');
  await expect(refused).toContainText('"triage february", "triage january"');
  await page.screenshot({ path: `${shots}/5-delete-refused.png` });
  await refuse.getByRole('button', { name: 'Close' }).click();
  await expect(refuse).toHaveCount(0);
  expect(storedSuites().map((s) => s.name)).toContain('support triage');
});

test('a stored draft that cannot be read offers Retry, which restores it', async ({ page }) => {
  server = await startServer();
  await page.goto(server.url);
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeVisible();
  const { id: suiteId, yaml, contentHash } = storedSuiteRow('support-triage');
  // A draft from an earlier session, written through the core as the editor would.
  const draftSaved = await page.evaluate(
    async ({ token, suiteId, text, baseHash }) => {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ route: 'suites.draft.save', input: { suiteId, text, baseHash } }),
      });
      return response.status;
    },
    {
      token: server.token,
      suiteId,
      text: `# from an earlier session\n${yaml}`,
      baseHash: contentHash,
    },
  );
  expect(draftSaved).toBe(200);

  // The first read of the draft fails (as when the server is briefly unreachable).
  let failures = 1;
  await page.route('**/api/invoke', async (route) => {
    const body = route.request().postData() ?? '';
    if (failures > 0 && body.includes('"suites.draft.get"')) {
      failures -= 1;
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          ok: false,
          error: { code: 'unavailable', message: 'the workspace is busy' },
        }),
      });
    } else await route.continue();
  });
  await page.reload();
  await expect(page.getByRole('link', { name: /support-triage/ })).toContainText('•');
  const notice = page.getByTestId('draft-read-error');
  await expect(notice).toContainText('Could not read unsaved changes');
  await notice.getByRole('button', { name: 'Retry' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('draft-notice')).toContainText('Unsaved changes from');
});

function storedSuiteRow(name: string): { id: string; yaml: string; contentHash: string } {
  if (!server) throw new Error('no server');
  const db = new Database(join(server.workspaceDir, 'workspace.sqlite'), { readonly: true });
  try {
    const row = db
      .prepare(`SELECT id, yaml, content_hash FROM suites WHERE name = ? ORDER BY created_at DESC`)
      .get(name) as { id: string; yaml: string; content_hash: string };
    return { id: row.id, yaml: row.yaml, contentHash: row.content_hash };
  } finally {
    db.close();
  }
}
