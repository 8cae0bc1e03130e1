/**
 * Creating, duplicating and deleting suites in the app (browser mode, real Chromium, the built
 * bundle): a suite scaffolded from the example dataset opens in the editor with its plan; a
 * YAML file with a bad value shows the core's located issue and stores nothing, a good one is
 * stored; a duplicate keeps the comments; a delete goes, and a delete of a suite runs used is
 * refused with the core's message naming the runs. With a provider on the provider simulator,
 * its model is picked from the list the provider gives (and the Providers page shows that list),
 * and a dataset without references gets an LLM judge whose model is picked the same way. An open
 * model field follows a key stored, a base URL edited and a provider removed elsewhere without
 * a remount, and keeps a refused listing (no new request) until Retry asks again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { startSimulator } from '../../simulator';
import { seedWorkspace } from '../support/seedScript';
import { repoRoot, startServer, type RunningServer } from '../support/yardstickServer';
import { auditBothThemes, blocking } from './axeAudit';
import { invoke } from './labelHelpers';

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
  // Decision criteria are written down with the suite, ready for Decide after the first run.
  expect(saved?.yaml).toMatch(
    /^criteria:\n {2}- metric: \S+\n {4}acceptable: \{ min: [\d.]+ \}\n {4}gate: true$/m,
  );
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
  await expect(confirm.getByTestId('delete-suite-counts')).toHaveText('1 saved version');
  // Same order as the run and dataset dialogs (Delete, then Cancel); the focus on Cancel.
  await expect(confirm.getByRole('button')).toHaveText(['Delete suite', 'Cancel']);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: `${shots}/4-delete-confirm.png` });
  await confirm.getByRole('button', { name: 'Delete suite' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('link', { name: /support-triage \(copy\)/ })).toHaveCount(0);
  expect(storedSuites().map((s) => s.name)).not.toContain('support-triage (copy)');

  // The seeded runs used "support triage": the dialog says so before anything is pressed
  // (suites.deletePreview), names the runs with links, and its Delete button says why it
  // does nothing; nothing goes.
  await page.getByRole('link', { name: /^support triage/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'support triage' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete suite…' }).click();
  const refuse = page.getByRole('dialog', { name: 'Delete suite support triage' });
  await expect(
    refuse.getByRole('heading', { name: 'Suite “support triage” cannot be deleted' }),
  ).toBeVisible();
  const reasons = refuse.getByTestId('delete-suite-reasons');
  await expect(reasons).toContainText('suite "support triage" cannot be deleted: 2 runs used it');
  await expect(reasons).toContainText('"triage february", "triage january"');
  const refusedDelete = refuse.getByRole('button', { name: 'Delete suite', exact: true });
  await expect(refusedDelete).toHaveAttribute('aria-disabled', 'true');
  await expect(refusedDelete).toHaveAccessibleDescription(/2 runs used it/);
  await expect(refuse.getByRole('button')).toHaveText(['Delete suite', 'Close']);
  await expect(refuse.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.screenshot({ path: `${shots}/5-delete-refused.png` });
  // Pressed anyway (it keeps the focus order, so the keyboard reaches it): nothing happens.
  await refusedDelete.focus();
  await page.keyboard.press('Enter');
  await expect(refuse).toBeVisible();
  expect(storedSuites().map((s) => s.name)).toContain('support triage');
  // Each run named is a link to it.
  await refuse.getByRole('link', { name: 'Open run “triage january”' }).click();
  await expect(refuse).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'triage january' })).toBeVisible();
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

const simKey = 'sk-sim-new-suite-0123456789abcdef';
/** More than twelve: the provider page offers a filter field. */
const simModels = [
  'sim-judge',
  'sim-large',
  'sim-small',
  ...Array.from({ length: 12 }, (_, i) => `sim-extra-${String(i).padStart(2, '0')}`),
];

test('models picked from the list a provider gives, and an LLM judge for a dataset without references', async ({
  page,
}) => {
  // Two imports and two scaffolds against a simulated provider, each checked as the user sees it.
  test.setTimeout(60_000);
  const sim = await startSimulator({ apiKey: simKey, modelList: simModels });
  try {
    server = await startServer();
    await page.goto(server.url);
    await invoke(page, server, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: simKey });
    const provider = await invoke<{ id: string }>(page, server, 'providers.add', {
      kind: 'openai',
      label: 'sim-openai',
      config: { baseUrl: `${sim.url}/v1`, apiKeySecret: 'SIM_OPENAI_KEY' },
    });
    await invoke(page, server, 'datasets.import', {
      datasetName: 'open-prompts',
      paths: [join(repoRoot, 'tests/fixtures/datasets/open-prompts.jsonl')],
    });
    await expect
      .poll(async () =>
        (await invoke<Array<{ name: string }>>(page, server!, 'datasets.list', {})).map(
          (d) => d.name,
        ),
      )
      .toContain('open-prompts');

    // The provider's page lists what it offers, with a filter for a long list.
    await page.goto(`${server.url}#/providers/${provider.id}`);
    await expect(page.getByRole('heading', { name: 'Models this provider offers' })).toBeVisible();
    const offered = page.getByRole('list', { name: 'Models sim-openai offers' });
    await expect(offered.getByRole('listitem')).toHaveCount(simModels.length);
    await page.getByLabel('Filter the models').fill('judge');
    await expect(offered.getByRole('listitem')).toHaveText(['sim-judge']);
    await expect(page.getByTestId('provider-models-status')).toContainText('15 models');

    // New suite on the example dataset: tick the provider, pick a model from its list.
    await page.goto(`${server.url}#/suites/new`);
    const dialog = dialogOf(page);
    // A provider is configured: it is what the dialog ticks first (a model id to type).
    await expect(dialog.getByRole('checkbox', { name: /sim-openai/ })).toBeChecked();
    await dialog.getByLabel('Suite name').fill('picked from the list');
    await dialog.getByRole('combobox', { name: 'Dataset', exact: true }).selectOption({
      label: 'support-tickets',
    });
    await dialog.getByRole('checkbox', { name: /Local model/ }).uncheck();
    await dialog.getByRole('checkbox', { name: /sim-openai/ }).check();
    const field = dialog.getByRole('combobox', { name: 'Model id for sim-openai' });
    await expect(
      dialog.getByRole('group', { name: 'Models' }).getByTestId('models-status-sim-openai'),
    ).toContainText('15 models');
    await field.fill('large');
    const listbox = dialog.getByRole('listbox', { name: /Model id for sim-openai/ });
    await expect(listbox.getByRole('option')).toHaveText(['sim-large']);
    await expect(field).toHaveAttribute('aria-expanded', 'true');
    const findings = await auditBothThemes(page, 'new suite: a model list open');
    expect(blocking(findings)).toEqual([]);
    await listbox.getByRole('option', { name: 'sim-large' }).click();
    await expect(field).toHaveValue('sim-large');
    await expect(listbox).toBeHidden();
    const plan = dialog.getByTestId('new-suite-plan');
    await expect(plan).toHaveText(/^\d+ items × 1 prompt × 1 model = \d+ cells$/);
    await dialog.getByText('Show the YAML').click();
    await expect(dialog.locator('.ns-yaml pre')).toContainText('model: sim-large');
    await page.screenshot({ path: `${shots}/6-model-from-the-list.png` });

    // The dataset without references: the judge is suggested; its model comes from the keyboard.
    await dialog.getByLabel('Suite name').fill('judged prompts');
    await dialog.getByRole('combobox', { name: 'Dataset', exact: true }).selectOption({
      label: 'open-prompts',
    });
    await expect(dialog.getByRole('checkbox', { name: /judge-rubric/ })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: /exact-match/ })).toBeDisabled();
    const judge = dialog.getByRole('group', { name: 'LLM judge' });
    await expect(judge.getByLabel('Judge provider')).toHaveValue('sim-openai');
    await expect(judge.getByLabel('Judge criteria')).toHaveValue(
      /^Does the response do what the input asks/,
    );
    await expect(dialog.getByText('Choose the judge model to use with sim-openai.')).toBeVisible();
    const judgeModel = judge.getByRole('combobox', { name: 'Judge model' });
    await judgeModel.fill('judg');
    await judgeModel.press('ArrowDown');
    await judgeModel.press('Enter');
    await expect(judgeModel).toHaveValue('sim-judge');
    await judge.getByLabel('Judge criteria').fill('Is the answer vivid and on topic?');
    await expect(plan).toHaveText(/^5 items × 1 prompt × 1 model = 5 cells$/);
    const yaml = dialog.locator('.ns-yaml pre');
    await expect(yaml).toContainText('type: judge-rubric');
    await expect(yaml).toContainText('criteria: Is the answer vivid and on topic?');
    expect(blocking(await auditBothThemes(page, 'new suite: an LLM judge'))).toEqual([]);
    await page.screenshot({ path: `${shots}/7-judge.png` });
    await dialog.getByRole('button', { name: 'Create suite' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'judged prompts' })).toBeVisible();
    await expect(page.getByTestId('suite-status')).toContainText('Valid');
    const saved = storedSuites().find((s) => s.name === 'judged prompts');
    expect(saved?.yaml).toContain('model: sim-judge');
    expect(saved?.yaml).toContain('type: judge-rubric');
    // One list per provider, kept by the core: the page, the model and the judge asked once.
    expect(sim.log().filter((e) => e.route === 'openai.models')).toHaveLength(1);
  } finally {
    await sim.close();
  }
});

test('open model lists follow key and provider changes; a failure is kept until Retry', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const first = await startSimulator({ apiKey: simKey, modelList: ['alpha-1', 'alpha-2'] });
  const second = await startSimulator({ apiKey: simKey, modelList: ['beta-1'] });
  const listings = (sim: typeof first) => sim.log().filter((e) => e.route === 'openai.models');
  const asksForModels = () =>
    page.waitForResponse(
      (r) =>
        r.url().endsWith('/api/invoke') &&
        (r.request().postData() ?? '').includes('"providers.models"'),
    );
  try {
    server = await startServer();
    await page.goto(server.url);
    // A key the server refuses that ends in the same four characters as the right one.
    const refusedKey = `sk-refused-by-the-simulator-${simKey.slice(-4)}`;
    await invoke(page, server, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: refusedKey });
    const provider = await invoke<{ id: string }>(page, server, 'providers.add', {
      kind: 'openai',
      label: 'sim-live',
      config: { baseUrl: `${first.url}/v1`, apiKeySecret: 'SIM_OPENAI_KEY' },
    });

    await page.goto(`${server.url}#/suites/new`);
    const dialog = dialogOf(page);
    const ticked = dialog.getByRole('checkbox', { name: /sim-live/ });
    const status = dialog.getByTestId('models-status-sim-live');
    const retry = dialog.getByRole('button', { name: 'Retry listing the models of sim-live' });
    await ticked.check();
    await expect(status).toContainText('The API key was refused (check SIM_OPENAI_KEY)');
    await expect(retry).toBeEnabled();
    expect(listings(first)).toHaveLength(1);

    // Ticked again (the field mounts anew): the core answers with the kept failure, no request.
    await ticked.uncheck();
    const remountAsk = asksForModels();
    await ticked.check();
    await remountAsk;
    await expect(status).toContainText('The API key was refused');
    expect(listings(first)).toHaveLength(1);

    // Retry really asks the provider again.
    await retry.click();
    await expect.poll(() => listings(first).length).toBe(2);
    await expect(retry).toBeEnabled();
    await expect(status).toContainText('The API key was refused');

    // The right key (same last four) stored elsewhere: the open field lists, no Refresh needed.
    await invoke(page, server, 'secrets.set', { name: 'SIM_OPENAI_KEY', value: simKey });
    await expect(status).toContainText('2 models listed');
    expect(listings(first)).toHaveLength(3);
    const field = dialog.getByRole('combobox', { name: 'Model id for sim-live' });
    await field.press('ArrowDown');
    const listbox = dialog.getByRole('listbox', { name: /Model id for sim-live/ });
    await expect(listbox.getByRole('option')).toHaveText(['alpha-1', 'alpha-2']);
    await field.press('Escape');

    // The base URL edited: the open field lists the other server's models.
    await invoke(page, server, 'providers.update', {
      providerId: provider.id,
      config: { baseUrl: `${second.url}/v1`, apiKeySecret: 'SIM_OPENAI_KEY' },
    });
    await expect(status).toContainText('1 model listed');
    await field.press('ArrowDown');
    await expect(listbox.getByRole('option')).toHaveText(['beta-1']);
    await field.press('Escape');
    expect(listings(second)).toHaveLength(1);

    // A provider added appears to be ticked; one removed goes, its field with it.
    await invoke(page, server, 'providers.add', {
      kind: 'openai',
      label: 'sim-added',
      config: { baseUrl: `${first.url}/v1`, apiKeySecret: 'SIM_OPENAI_KEY' },
    });
    await expect(dialog.getByRole('checkbox', { name: /sim-added/ })).toBeVisible();
    await invoke(page, server, 'providers.remove', { providerId: provider.id });
    await expect(ticked).toBeHidden();
    await expect(status).toBeHidden();

    // The provider's page follows a key removed elsewhere the same way.
    const added = (
      await invoke<Array<{ id: string; label: string }>>(page, server, 'providers.list', {})
    ).find((p) => p.label === 'sim-added');
    await page.goto(`${server.url}#/providers/${added!.id}`);
    const panelStatus = page.getByTestId('provider-models-status');
    await expect(panelStatus).toContainText('2 models');
    await invoke(page, server, 'secrets.delete', { name: 'SIM_OPENAI_KEY' });
    await expect(panelStatus).toContainText('SIM_OPENAI_KEY is not set');
    await expect(page.getByRole('button', { name: 'Retry', exact: true })).toBeVisible();
  } finally {
    await first.close();
    await second.close();
  }
});

test('in a 1024×700 window the Create suite button stays in view while the form scrolls', async ({
  page,
}) => {
  // Found by walking the dialog at 1024×700: the form is twice the dialog's height and its
  // only button sat below the fold, with nothing on screen saying there was more.
  await page.setViewportSize({ width: 1024, height: 700 });
  server = await startServer();
  await page.goto(`${server.url}#/suites/new`);
  const dialog = dialogOf(page);
  await dialog.getByLabel('Suite name').fill('tickets at a glance');
  const create = dialog.getByRole('button', { name: 'Create suite' });
  await expect(create).toBeEnabled();
  await expect(create).toBeInViewport({ ratio: 1 });
  // Nothing of the form hides behind it once scrolled to the end.
  await dialog.locator('.ns-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
  const yamlToggle = dialog.getByText('Show the YAML');
  const [toggleBox, createBox] = [await yamlToggle.boundingBox(), await create.boundingBox()];
  expect((toggleBox?.y ?? 0) + (toggleBox?.height ?? 0)).toBeLessThanOrEqual(createBox?.y ?? 0);
  await create.click();
  await expect(page.getByRole('heading', { level: 1, name: 'tickets at a glance' })).toBeVisible();
});

test('closing the dialog returns where it was opened from; opened directly, to Suites', async ({
  page,
}) => {
  // Found by an audit: Esc after "create a suite" on the Overview, or after the import wizard's
  // "New suite from this dataset →", landed on the Suites page showing some other suite.
  server = await startServer();
  await page.goto(`${server.url}#/overview`);
  await page.getByTestId('getting-started').getByRole('link', { name: 'create a suite' }).click();
  await expect(dialogOf(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialogOf(page)).toHaveCount(0);
  await expect(page).toHaveURL(/#\/overview$/);
  await expect(page.getByTestId('getting-started')).toBeVisible();

  // The wizard's link is this address; followed from a dataset's page, Close goes back there.
  const [dataset] = await invoke<Array<{ id: string }>>(page, server, 'datasets.list', {});
  await page.goto(`${server.url}#/datasets/${dataset!.id}`);
  await page.evaluate(
    (id) => (window.location.hash = `#/suites/new/from-dataset/${encodeURIComponent(id)}`),
    dataset!.id,
  );
  await expect(dialogOf(page)).toBeVisible();
  await dialogOf(page).getByRole('button', { name: 'Close' }).click();
  await expect(page).toHaveURL(new RegExp(`#/datasets/${dataset!.id}$`));

  // Opened directly (a typed or restored address): Esc falls back to the Suites page.
  await page.goto(`${server.url}#/suites/new`);
  await page.reload();
  await expect(dialogOf(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/suites(\/[^/]+)?$/);
  await expect(page.getByRole('complementary', { name: 'Suites' })).toBeVisible();
});
