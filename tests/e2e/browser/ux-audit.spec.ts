/**
 * Defects found by walking every screen in browser mode at 1280×800 (the smallest window the
 * app is meant to fit), each checked where a user would notice it: a provider's key status in
 * the list, the dataset tables and diff, the compare screen's gutter and score values, the
 * category chart's labels and the job tray.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seedWorkspace } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { unlabelledFields } from './fieldLabels';
import { addExampleItem, invoke, openRatingByKeyboard, seedLabeling } from './labelHelpers';

test.use({ viewport: { width: 1280, height: 800 } });

let server: RunningServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator.toString()} has no box`);
  return { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height };
}

/** The content area scrolls sideways only when something is wider than the window allows. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page
    .locator('main.content')
    .evaluate((m) => ({ scrollWidth: m.scrollWidth, clientWidth: m.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

/** Elements from `locator` up to its pane that would need scrolling sideways to be read. */
async function sidewaysOverflow(locator: Locator): Promise<string[]> {
  return locator.evaluate((start) => {
    const found: string[] = [];
    for (let el: Element | null = start; el && !el.matches('.panes'); el = el.parentElement)
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        found.push(
          `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`,
        );
    if (start.scrollWidth > start.clientWidth + 1)
      found.push(
        `${start.tagName.toLowerCase()} itself: ${start.scrollWidth} > ${start.clientWidth}`,
      );
    return found;
  });
}

/** Visits every screen (Ctrl+1…9, Ctrl+0) and collects the form fields without a name. */
async function unlabelledOnEveryScreen(page: Page): Promise<string[]> {
  const found: string[] = [];
  const screens = ['datasets', 'suites', 'runs', 'compare', 'label', 'calibrate', 'decide'];
  for (const [i, screen] of [...screens, 'providers', 'settings', 'overview'].entries()) {
    await page.keyboard.press(`Control+${(i + 2) % 10}`);
    if (screen !== 'overview') await expect(page).toHaveURL(new RegExp(`#/${screen}`));
    // Screens load their lists after the first paint; the fields come with them.
    await expect(page.locator('.loading')).toHaveCount(0);
    await expect(page.locator('main.content h1').first()).toBeVisible();
    for (const field of await unlabelledFields(page)) found.push(`${screen}: ${field}`);
  }
  return found;
}

function seedAuditRuns(workspaceDir: string) {
  return seedWorkspace<{ runId: string; baselineRunId: string }>('uxAuditSeed.ts', workspaceDir);
}

test('a key saved on a provider shows as set in the provider list; an unset key says so once', async ({
  page,
}) => {
  server = await startServer();
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await page.keyboard.press('Control+9');
  await page.getByRole('link', { name: '+ Add a provider' }).click();
  // The button beside the "Local servers" heading looks like every other button, not the heading.
  const scan = page.getByRole('button', { name: /^(Scan again|Scanning…)$/ });
  const addButton = page.getByRole('button', { name: 'Add provider' });
  const fontOf = (l: Locator) =>
    l.evaluate((el) => {
      const style = getComputedStyle(el);
      return { size: style.fontSize, weight: style.fontWeight };
    });
  expect(await fontOf(scan)).toEqual(await fontOf(addButton));
  await page.getByLabel('Kind').selectOption({ label: 'OpenAI' });
  await page.getByLabel('Label', { exact: true }).fill('team-openai');
  await page.getByLabel('Base url').fill('http://127.0.0.1:9/v1');
  await page.getByLabel('Api key secret').fill('TEAM_OPENAI_KEY');
  await page.getByRole('button', { name: 'Add provider' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'team-openai' })).toBeVisible();
  const list = page.getByTestId('provider-list');
  await expect(list).toContainText('openai · no key');

  await page.getByLabel('Key (TEAM_OPENAI_KEY)').fill('sk-audit-0123456789abcdef4f2a');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByTestId('provider-key-status')).toHaveText(
    'TEAM_OPENAI_KEY: set, ends in …4f2a · stored',
  );
  // The list beside it follows at once, not only after a reload.
  await expect(list).toContainText('openai · key set');

  // The bundled Anthropic prices (long model ids, long source URLs) fit the pane at 1280 px.
  await page.getByRole('link', { name: '+ Add a provider' }).click();
  await page.getByLabel('Kind').selectOption({ label: 'Anthropic' });
  await page.getByLabel('Label', { exact: true }).fill('team-anthropic');
  await page.getByRole('button', { name: 'Add provider' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'team-anthropic' })).toBeVisible();
  const prices = page.getByTestId('pricing').locator('table');
  await expect(prices).toContainText('claude-');
  expect((await box(prices)).right).toBeLessThanOrEqual(
    (await box(page.locator('.detail-pane'))).right,
  );
  await expectNoSidewaysScroll(page);

  await page.keyboard.press('Control+0');
  await expect(page.getByTestId('secret-status-OPENAI_API_KEY')).toHaveText('not set');
  await expect(page.getByTestId('secret-status-TEAM_OPENAI_KEY')).toHaveText(
    'set, ends in …4f2a · stored',
  );
});

test('datasets at 1280×800: the items table fits its pane and long ids stay in their diff column', async ({
  page,
}) => {
  server = await startServer();
  // A second version of the example dataset with an item whose key is a 16-character hash,
  // as the import gives items of a file without an id column.
  await addExampleItem(page, server, {
    key: 'h0c2f31329135a0da',
    input: 'Where do I find the sync log?',
  });
  await page.goto(server.url);
  // The overview counts the items of both versions; its card says so beside the table of
  // latest versions (one row, 151 items).
  await expect(page.getByTestId('count-items')).toHaveText('301Items in all versions');
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  const table = page.locator('.items-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  const pane = await box(page.locator('.detail-pane'));
  expect((await box(table)).right).toBeLessThanOrEqual(pane.right + 1);
  // Every column, the last ones included, is on screen.
  const tagsHeader = await box(table.getByRole('columnheader', { name: 'Tags' }));
  expect(tagsHeader.right).toBeLessThanOrEqual(1280);

  await page.getByRole('link', { name: 'Versions' }).click();
  const diff = page.getByTestId('diff');
  await expect(diff).toContainText('+1 added');
  const row = diff.locator('tbody tr', { hasText: 'h0c2f31329135a0da' });
  const idCell = await box(row.locator('td').nth(1));
  const idText = await box(row.locator('td').nth(1).locator('code'));
  expect(idText.right).toBeLessThanOrEqual(idCell.right);
  expect(idText.right).toBeLessThanOrEqual((await box(row.locator('td').nth(2))).left);
  await page.screenshot({ path: 'artifacts/screenshots/ux-audit/datasets-diff-1280.png' });
});

test('an uploaded file with problems is called by the name the user picked', async ({ page }) => {
  server = await startServer();
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByRole('link', { name: 'Import…' }).click();
  await page.getByLabel('Dataset name (new or existing)').fill('fragen');
  // No column has a name the import recognises as the input: a problem of the whole file.
  await page.getByLabel('Upload a file').setInputFiles({
    name: 'fragen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('frage,antwort\nWie spät ist es?,Zehn Uhr\n'),
  });
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('no input column');
  // The file is stored under a random prefix in the workspace; the user never named it so.
  await expect(problems.locator('tbody tr').first().locator('td').first()).toHaveText('fragen.csv');
  await expect(problems).toContainText('the Columns step');
  await page.getByRole('button', { name: 'Map columns' }).click();
  await expect(problems.locator('tbody tr').first().locator('td').first()).toHaveText('fragen.csv');
});

test('the rating screen diff (D) shows the two outputs, not a sliver of them', async ({ page }) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-ux-audit-')), 'workspace');
  await seedLabeling(workspaceDir, 3);
  server = await startServer({ workspaceDir });
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await openRatingByKeyboard(page, 'audit rater');
  await page.keyboard.press('d');
  const diff = page.getByLabel('Differences between A and B');
  await expect(diff).toBeVisible();
  // Both sides of the diff are editors tall enough to read, with their lines drawn.
  const editors = diff.locator('.original-in-monaco-diff-editor, .modified-in-monaco-diff-editor');
  await expect(editors).toHaveCount(2);
  await expect(editors.first().locator('.view-line').first()).toBeVisible();
  for (const editor of await editors.all())
    expect((await box(editor)).bottom - (await box(editor)).top).toBeGreaterThan(200);
  await page.screenshot({ path: 'artifacts/screenshots/ux-audit/label-diff-1280.png' });
});

test('Calibrate opens on the session just rated, not on one another screen left behind', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-ux-audit-')), 'workspace');
  await seedLabeling(workspaceDir, 3);
  server = await startServer({ workspaceDir });
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  // An older session with labels…
  await openRatingByKeyboard(page, 'audit rater');
  await page.keyboard.press('a');
  await expect(page.getByTestId('progress-count')).toHaveText('1 / 3 rated');
  // …then a new one, created and rated now.
  await page.getByRole('link', { name: '← Sessions' }).click();
  await page.getByRole('link', { name: 'New session' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('rated just now');
  await page.getByRole('button', { name: 'Create session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'rated just now' })).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('progress-count')).toHaveText('1 / 3 rated');

  await page.keyboard.press('Control+7');
  const picker = page.getByLabel('Human session');
  await expect(picker.locator('option')).toHaveCount(2);
  await expect(picker.locator('option:checked')).toHaveText(/^rated just now/);

  // Every select and input on every screen has a name a screen reader can say.
  expect(await unlabelledOnEveryScreen(page)).toEqual([]);
});

test('the suite editor at 1280×800: the form and the estimate fit, unpriced models are named', async ({
  page,
}) => {
  server = await startServer();
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeVisible();
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByLabel('Model 1 id').fill('priced-mini');
  await page.getByLabel('Model 1 provider').fill('openai');
  await page.getByLabel('Model 1 model').fill('gpt-4o-mini');
  await page.getByRole('button', { name: 'Add model' }).click();
  await page.getByLabel('Model 2 id').fill('sim-b');
  await page.getByLabel('Model 2 provider').fill('openai');
  await page.getByLabel('Model 2 model').fill('sim-b');
  await expect(page.getByTestId('suite-status')).toContainText('2 model(s)');

  // One model without a price leaves the other's bound on screen, and says which one it is.
  const estimate = page.getByTestId('run-estimate');
  await expect(estimate.locator('tbody tr')).toHaveCount(2);
  const priced = estimate.locator('tbody tr', { hasText: 'priced-mini' }).locator('td').nth(3);
  await expect(priced).toHaveText(/^\$\d/);
  await expect(page.getByTestId('estimate-cost')).toHaveText(
    `at most ${(await priced.textContent()) ?? ''} + 1 unpriced model (sim-b)`,
  );

  // Both tables are read without scrolling sideways or dragging the divider.
  const models = page.locator('.su-models');
  const estimateTable = estimate.locator('table');
  expect(await sidewaysOverflow(models)).toEqual([]);
  expect(await sidewaysOverflow(estimateTable)).toEqual([]);
  const editorPane = await box(page.locator('.su-editor'));
  for (const name of ['Model 2 temperature', 'Model 2 max tokens'])
    expect((await box(page.getByLabel(name))).right, name).toBeLessThanOrEqual(editorPane.right);
  const sidePane = await box(page.locator('.su-side'));
  for (const name of ['Cost ≤', 'Time'])
    expect(
      (await box(estimateTable.getByRole('columnheader', { name }))).right,
      name,
    ).toBeLessThanOrEqual(sidePane.right);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: 'artifacts/screenshots/ux-audit/suite-editor-1280.png' });
});

test('compare, results and the job tray at 1280×800', async ({ page }) => {
  test.setTimeout(90_000); // Seeding through the real scoring engine in a child process first.
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-ux-audit-')), 'workspace');
  const { runId, baselineRunId } = await seedAuditRuns(workspaceDir);
  server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}#/compare/${runId}`);

  // The compare screen keeps the gutter every page has: off the sidebar and inside the window.
  const heading = page.getByRole('heading', {
    level: 1,
    name: 'support triage 2026-02-10 09:00 (candidate)',
  });
  await expect(heading).toBeVisible();
  const sidebar = await box(page.locator('nav.sidebar'));
  expect((await box(heading)).left).toBeGreaterThanOrEqual(sidebar.right + 16);
  expect((await box(page.locator('.cmp-keys'))).right).toBeLessThanOrEqual(1280 - 16);
  await expectNoSidewaysScroll(page);

  // A continuous score reads as in the grid (3 significant digits), the raw value on hover.
  await page.locator('.compare-grid .vgrid-body').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('compare-detail');
  const overlap = detail
    .getByTestId('detail-output')
    .first()
    .locator('tr', { hasText: 'overlap' })
    .getByTestId('detail-score-value');
  await expect(overlap).toBeVisible();
  const raw = Number(await overlap.getAttribute('title'));
  expect(Number.isFinite(raw)).toBe(true);
  await expect(overlap).toHaveText(Number(raw.toPrecision(3)).toString());
  expect((await overlap.textContent())?.length ?? 0).toBeLessThanOrEqual(5);
  await page.screenshot({ path: 'artifacts/screenshots/ux-audit/compare-1280.png' });

  // Against a baseline run the outputs are named "run · model": the diff pickers stay in the pane.
  await page.goto(`${server.url}#/compare/${runId}?baseline=${baselineRunId}`);
  await expect(
    page.getByRole('heading', { level: 1, name: /vs baseline support triage 2026-01-10/ }),
  ).toBeVisible();
  await page.locator('.compare-grid .vgrid-body').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // Each column says once which run it is from.
  const headers = page.locator('.compare-grid .cmp-head');
  await expect(headers).toHaveText([
    'anthropic-haiku — baseline run',
    'openai-mini — baseline run',
    'anthropic-haiku — candidate run',
    'openai-mini — candidate run',
  ]);
  const pane = await box(detail);
  for (const picker of ['Left output', 'Right output']) {
    const select = detail.getByLabel(picker);
    await expect(select).toContainText(
      'support triage 2026-01-10 09:00 (baseline) · anthropic-haiku',
    );
    expect((await box(select)).right, picker).toBeLessThanOrEqual(pane.right);
  }
  expect(await unlabelledFields(page)).toEqual([]);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: 'artifacts/screenshots/ux-audit/compare-two-runs-1280.png' });

  await page.evaluate((hash) => (window.location.hash = hash), `#/runs/${runId}`);
  await expect(page.getByTestId('results-charts')).toBeVisible();

  // A pass rate is drawn on an axis that stops at 1 (ECharts alone ran it up to 1.6).
  const costQuality = page.getByTestId('chart-cost-quality');
  await expect(costQuality.locator('svg text').first()).toBeVisible();
  const numbers = (await costQuality.locator('svg text').allTextContents())
    .map(Number)
    .filter((n) => Number.isFinite(n));
  expect(numbers.length).toBeGreaterThan(3);
  expect(Math.max(...numbers)).toBeLessThanOrEqual(1);

  // The category chart names every category under its bars.
  const chart = page.getByTestId('chart-category');
  await chart.scrollIntoViewIfNeeded();
  const labels = chart.locator('svg text');
  await expect(labels.filter({ hasText: 'feature_request' })).toHaveCount(1);
  const texts = await labels.allTextContents();
  for (const category of [
    'account_access',
    'billing',
    'bug_report',
    'cancellation',
    'feature_request',
    'how_to',
  ])
    expect(texts, category).toContain(category);

  // A scoring job is titled by the run's name (its id on hover) and keeps its button inside
  // its card and the window.
  await invoke(page, server, 'scoring.score', { runId, force: true });
  const job = page
    .getByTestId('job')
    .filter({ hasText: 'Scoring support triage 2026-02-10 09:00 (candidate)' });
  await expect(job).toBeVisible();
  await expect(job).not.toContainText(runId);
  await expect(job.locator('.job-title strong')).toHaveAttribute('title', `run ${runId}`);
  const card = await box(job);
  const button = await box(job.getByRole('button'));
  expect(button.right).toBeLessThanOrEqual(card.right);
  expect(card.right).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: 'artifacts/screenshots/ux-audit/job-tray-1280.png' });
  expect(errors).toEqual([]);
});
