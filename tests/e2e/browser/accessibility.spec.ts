/**
 * axe-core's WCAG 2.1 A and AA rules and its best practices on every screen, in both themes,
 * with what opens on top of them: the Overview's getting-started checklist, Settings after a
 * backup and a check, the import wizard, a dataset diff and the dataset and version delete
 * confirmations, the suite editor's estimate, the New suite dialog and the suite delete
 * confirmation, the compare detail and its diff, the job tray, the rating screen mid-session
 * with its diff and key help, the Calibrate report and a results page with its charts, a run's
 * delete confirmation, the command palette and the shortcuts sheet, the pointwise rating
 * screen with its tag picker open, and the local model's download panel after a download failed
 * offline, and the "Deletion interrupted — Finish deleting" rows. Any violation, and anything axe leaves undecided that `axeAudit` cannot settle,
 * fails the test, named by screen, theme, rule and element; every finding is written to
 * artifacts/a11y/. Beside axe: the compare grid's active row as Chromium's accessibility tree
 * reports it over 100,000 rows, and the rating screen and the import wizard done with the
 * keyboard alone, the focus never landing on anything invisible.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedWorkspace } from '../support/seedScript';
import { repoRoot, startServer, type RunningServer } from '../support/yardstickServer';
import { auditBothThemes, blocking, saveFindings, type Finding } from './axeAudit';
import { activeDescendantOf, tabAround, tabTo } from './focusWalk';
import { addExampleItem, invoke, openRatingByKeyboard, seedLabeling } from './labelHelpers';

let server: RunningServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

function workspace(prefix: string) {
  return join(mkdtempSync(join(tmpdir(), `yardstick-a11y-${prefix}-`)), 'workspace');
}

/** Collects the findings of every screen of one test, then fails on the blocking ones. */
function auditor(page: Page, name: string) {
  const findings: Finding[] = [];
  return {
    async screen(screen: string) {
      findings.push(...(await auditBothThemes(page, screen)));
    },
    finish() {
      saveFindings(name, findings);
      expect(blocking(findings)).toEqual([]);
    },
  };
}

async function openSection(page: Page, key: string, heading?: RegExp | string) {
  await page.keyboard.press(`Control+${key}`);
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(
    heading
      ? page.getByRole('heading', { level: 1, name: heading })
      : page.locator('main.content :is(h1, h2)').first(),
  ).toBeVisible();
}

test('the example workspace: every section, the import wizard, a diff, the suite estimate', async ({
  page,
}) => {
  // 24 screens, each audited in both themes once it is at rest (300 ms without a change):
  // 25–31 s on the 2-core CI machine, too close to the default 30 s.
  test.setTimeout(90_000);
  server = await startServer();
  const audit = auditor(page, 'example-workspace');
  await addExampleItem(page, server, { key: 'a11y-1', input: 'Where do I find the sync log?' });
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await audit.screen('overview');

  await openSection(page, '2');
  await expect(page.locator('.items-table tbody tr').first()).toBeVisible();
  await audit.screen('datasets: items');
  await page.getByRole('link', { name: 'Versions' }).click();
  await expect(page.getByTestId('diff')).toContainText('added');
  await audit.screen('datasets: versions and diff');
  await page
    .getByRole('button', { name: /^Delete version v\d+…$/ })
    .first()
    .click();
  await expect(
    page.locator('[data-testid=delete-dataset-counts], [data-testid=delete-dataset-reasons]'),
  ).toBeVisible();
  await audit.screen('datasets: delete version dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('delete-dataset-dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete dataset…' }).click();
  await expect(
    page.locator('[data-testid=delete-dataset-counts], [data-testid=delete-dataset-reasons]'),
  ).toBeVisible();
  await audit.screen('datasets: delete dataset dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('delete-dataset-dialog')).toHaveCount(0);

  await page.getByRole('link', { name: 'Import…' }).click();
  await expect(page.getByRole('heading', { name: 'Import a dataset' })).toBeVisible();
  await audit.screen('import wizard: file');
  await page.getByLabel('Dataset name (new or existing)').fill('fragen');
  await page.getByLabel('Upload a file').setInputFiles({
    name: 'fragen.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('id,question,answer\n1,Wie spät ist es?,Zehn Uhr\n2,"never closed,5\n'),
  });
  await expect(page.getByTestId('import-preview')).toContainText('Wie spät');
  await audit.screen('import wizard: preview');
  await page.getByRole('button', { name: 'Map columns' }).click();
  await expect(page.getByLabel('Input column')).toBeVisible();
  await audit.screen('import wizard: columns');
  await page.getByRole('button', { name: 'Check the whole file' }).click();
  await expect(page.getByTestId('check-summary')).toBeVisible();
  await audit.screen('import wizard: check');

  await openSection(page, '3', 'support-triage');
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 30_000 });
  await audit.screen('suite editor: YAML');
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByLabel('Model 1 id').fill('priced-mini');
  await page.getByLabel('Model 1 provider').fill('openai');
  await page.getByLabel('Model 1 model').fill('gpt-4o-mini');
  await expect(page.getByTestId('run-estimate').locator('tbody tr')).toHaveCount(1);
  await audit.screen('suite editor: form and estimate');
  await page.getByRole('button', { name: 'New suite…' }).click();
  const newSuite = page.getByRole('dialog', { name: 'New suite' });
  await newSuite.getByLabel('Suite name').fill('a11y suite');
  await expect(newSuite.getByTestId('new-suite-plan')).toContainText('cells');
  await audit.screen('new suite: from a dataset');
  await newSuite.getByRole('radio', { name: 'Open a YAML file…' }).check();
  await newSuite.getByLabel('Suite file (YAML)').setInputFiles({
    name: 'bad.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('version: 1\nname: x\nrepeats: 0\n'),
  });
  await expect(newSuite.getByTestId('new-suite-issues')).toBeVisible();
  await audit.screen('new suite: a file with problems');
  await page.keyboard.press('Escape');
  await expect(newSuite).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete suite…' }).click();
  await audit.screen('delete suite: confirmation');
  await page.keyboard.press('Escape');

  await openSection(page, '4');
  await audit.screen('runs');
  await openSection(page, '5');
  await audit.screen('compare (no run)');
  await openSection(page, '6');
  await audit.screen('label: who is rating');
  await openSection(page, '7');
  await audit.screen('calibrate (nothing rated)');
  await openSection(page, '8');
  await audit.screen('decide (no run)');
  await openSection(page, '9');
  await audit.screen('providers');
  await page.getByRole('link', { name: '+ Add a provider' }).click();
  await page.getByLabel('Kind').selectOption({ label: 'OpenAI' });
  await audit.screen('providers: add');
  await page.getByLabel('Label', { exact: true }).fill('team-openai');
  await page.getByRole('button', { name: 'Add provider' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'team-openai' })).toBeVisible();
  await audit.screen('providers: detail');
  await openSection(page, '0');
  await audit.screen('settings');
  // Settings after a backup and an integrity check, their results on screen.
  await page.getByRole('button', { name: 'Back up…' }).click();
  await expect(page.getByTestId('backup-result')).toBeVisible();
  await page.getByRole('button', { name: 'Check integrity' }).click();
  await expect(page.getByTestId('check-result')).toBeVisible();
  await audit.screen('settings: backup and check results');
  // The keyboard focus is drawn: a 2 px ring in the accent colour, in both themes.
  await page.getByRole('link', { name: 'Settings', exact: true }).focus();
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
  expect(ring).toBe('solid 2px');
  audit.finish();
});

test('runs, results with charts, compare with its detail and diff, the job tray, decide', async ({
  page,
}) => {
  test.setTimeout(120_000); // Seeding through the real scoring engine in a child process first.
  const workspaceDir = workspace('runs');
  const { runId, baselineRunId } = await seedWorkspace<{ runId: string; baselineRunId: string }>(
    'uxAuditSeed.ts',
    workspaceDir,
  );
  server = await startServer({ workspaceDir });
  const audit = auditor(page, 'runs-and-results');
  await page.goto(`${server.url}#/runs`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit.screen('runs: list');
  // The Delete key on the selected run opens the confirmation: what goes, and Cancel.
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('delete-run-counts')).toBeVisible();
  await audit.screen('runs: delete dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('delete-run-dialog')).toHaveCount(0);

  await page.evaluate((hash) => (window.location.hash = hash), `#/runs/${runId}`);
  await expect(page.getByTestId('results-charts')).toBeVisible();
  await expect(page.getByTestId('chart-category').locator('svg')).toBeVisible();
  await audit.screen('run results with charts');
  // A chart says what it shows in the core's figures, formatted as the tables print them.
  await expect(page.getByTestId('chart-cost-quality')).toHaveAccessibleDescription(
    /openai-mini: \d\.\d{3} at \$\d\.\d{5} per success/,
  );
  await expect(page.getByTestId('chart-category')).toHaveAccessibleDescription(
    /openai-mini: account_access \d\.\d{3}, billing \d\.\d{3}/,
  );

  await page.evaluate((hash) => (window.location.hash = hash), `#/compare/${runId}`);
  await expect(page.locator('.compare-grid .vgrid-body')).toBeVisible();
  await audit.screen('compare: grid');
  await page.locator('.compare-grid .vgrid-body').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('compare-detail');
  await expect(detail).toBeVisible();
  await audit.screen('compare: detail pane');
  await detail.getByRole('button', { name: 'Show diff' }).click();
  await expect(page.getByTestId('compare-diff').locator('.monaco-diff-editor')).toBeVisible({
    timeout: 30_000,
  });
  await audit.screen('compare: diff');
  // Esc closes the detail and gives the focus back to the grid it was opened from.
  await page.locator('.compare-grid .vgrid-body').focus();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(page.locator('.compare-grid .vgrid-body')).toBeFocused();

  await page.evaluate(
    (hash) => (window.location.hash = hash),
    `#/compare/${runId}?baseline=${baselineRunId}`,
  );
  await expect(
    page.getByRole('heading', { level: 1, name: /vs baseline support triage 2026-01-10/ }),
  ).toBeVisible();
  await audit.screen('compare: against a baseline');

  await page.evaluate((hash) => (window.location.hash = hash), `#/decide`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit.screen('decide');

  // The command palette with matches, then the shortcuts sheet, open on top of a screen.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: /Go to a run/ }).fill('sup');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('option', { selected: true })).toBeVisible();
  await audit.screen('command palette');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+/');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await audit.screen('keyboard shortcuts sheet');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.evaluate((hash) => (window.location.hash = hash), `#/runs/${runId}`);
  await invoke(page, server, 'scoring.score', { runId, force: true });
  await expect(page.getByTestId('job').first()).toBeVisible();
  await audit.screen('job tray');
  audit.finish();
});

/** Marks a run's and a dataset's deletion as begun and cut short, the way delete-run.spec.ts does. */
function interruptDeletions(workspaceDir: string, runId: string | null, datasetId: string | null) {
  const db = new Database(join(workspaceDir, 'workspace.sqlite'));
  try {
    const at = new Date().toISOString();
    if (runId) {
      db.prepare('UPDATE runs SET removal_started_at = ? WHERE id = ?').run(at, runId);
      db.prepare(
        'DELETE FROM cells WHERE id IN (SELECT id FROM cells WHERE run_id = ? LIMIT 3)',
      ).run(runId);
    }
    if (datasetId) {
      db.prepare('UPDATE datasets SET removal_started_at = ? WHERE id = ?').run(at, datasetId);
      db.prepare('UPDATE dataset_versions SET removal_started_at = ? WHERE dataset_id = ?').run(
        at,
        datasetId,
      );
    }
  } finally {
    db.close();
  }
}

test('"Deletion interrupted — Finish deleting" rows on the runs list and the datasets list', async ({
  page,
}) => {
  test.setTimeout(120_000); // Two seeded workspaces (one scored) and two server starts.
  const audit = auditor(page, 'interrupted-deletions');
  const runsDir = workspace('interrupted-runs');
  const runs = await seedWorkspace<{ botched: string; scratch: string }>(
    'deleteRunSeed.ts',
    runsDir,
  );
  server = await startServer({ workspaceDir: runsDir });
  interruptDeletions(runsDir, runs.botched, null);
  await page.goto(`${server.url}#/runs`);
  await expect(page.getByTestId(`interrupted-runs-${runs.botched}`)).toContainText(
    'Deletion interrupted',
  );
  await expect(page.getByTestId(`run-row-${runs.scratch}`)).toBeVisible();
  await audit.screen('runs: interrupted deletion');
  await server.stop();
  server = null;

  const datasetsDir = workspace('interrupted-datasets');
  const datasets = await seedWorkspace<{ gamma: string }>('deleteDatasetSeed.ts', datasetsDir);
  server = await startServer({ workspaceDir: datasetsDir });
  interruptDeletions(datasetsDir, null, datasets.gamma);
  await page.goto(`${server.url}#/datasets`);
  await expect(page.getByTestId(`interrupted-datasets-${datasets.gamma}`)).toContainText(
    'Deletion interrupted',
  );
  await audit.screen('datasets: interrupted deletion');
  audit.finish();
});

test('the rating screen mid-session, its diff and key help, and the sessions list', async ({
  page,
}) => {
  const workspaceDir = workspace('label');
  await seedLabeling(workspaceDir, 4);
  server = await startServer({ workspaceDir });
  const audit = auditor(page, 'rating');
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await openRatingByKeyboard(page, 'a11y rater');
  await page.keyboard.press('a');
  await expect(page.getByTestId('progress-count')).toHaveText('1 / 4 rated');
  await audit.screen('rating screen mid-session');
  await page.keyboard.press('d');
  await expect(page.getByLabel('Differences between A and B')).toBeVisible();
  await audit.screen('rating screen: diff');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Differences between A and B')).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(page.getByRole('table', { name: 'Keyboard map' })).toBeVisible();
  await audit.screen('rating screen: key help');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('table', { name: 'Keyboard map' })).toHaveCount(0);
  await page.getByRole('link', { name: '← Sessions' }).click();
  await expect(page.getByRole('link', { name: 'New session' })).toBeVisible();
  await audit.screen('label: sessions');
  await page.getByRole('link', { name: 'New session' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeVisible();
  await audit.screen('label: new session');
  audit.finish();
});

test('the Calibrate report with its heat map and disagreements', async ({ page }) => {
  test.setTimeout(120_000); // Seeding scores 80 judge calls against the simulator first.
  const workspaceDir = workspace('calibrate');
  await seedWorkspace('calibrateSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
  const audit = auditor(page, 'calibrate');
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Calibrate', exact: true }).click();
  await expect(page.getByTestId('calibration-report')).toBeVisible();
  await expect(page.getByTestId('confusion-chart').locator('svg')).toBeVisible();
  await audit.screen('calibrate report');
  // The charts say what they show in the core's figures, as the stat tiles print them.
  await expect(page.getByTestId('confusion-chart')).toHaveAccessibleDescription(
    /^people \S+, judge \S+: \d+; .*\. Agreement \d\.\d{3} on \d+ items\.$/,
  );
  await expect(page.getByTestId('scale-use-chart')).toHaveAccessibleDescription(
    /^Share of each label\. judge: \S+ \d\.\d{3}, .*; people: \S+ \d\.\d{3}, .*\. Total variation \d\.\d{3}, χ² p \d\.\d{3}\.$/,
  );
  audit.finish();
});

test('the compare grid names its active row, with its true position among 100,000', async ({
  page,
}) => {
  test.setTimeout(120_000); // Seeding a run of 100,000 items first.
  const workspaceDir = workspace('grid');
  const { runId } = await seedWorkspace<{ runId: string }>('a11yGridSeed.ts', workspaceDir);
  server = await startServer({ workspaceDir });
  const audit = auditor(page, 'grid');
  await page.goto(`${server.url}#/compare/${runId}`);
  const gridSelector = '.compare-grid [role="grid"]';
  const grid = page.locator(gridSelector);
  // The header row is row 1, as in a table: 100,000 items are 100,001 rows.
  await expect(grid).toHaveAttribute('aria-rowcount', '100001');
  await expect(grid.locator('[role="row"][aria-rowindex="2"]')).toContainText('item-000001');
  await audit.screen('compare: 100,000 rows');

  /** The active row: the DOM's reference, and what the accessibility tree makes of it. */
  const active = async () => {
    const id = await grid.getAttribute('aria-activedescendant');
    const row = id ? page.locator(`[id="${id}"]`) : null;
    return {
      rowIndex: row ? await row.getAttribute('aria-rowindex') : null,
      selected: row ? await row.getAttribute('aria-selected') : null,
      tree: await activeDescendantOf(page, gridSelector),
    };
  };
  await grid.focus();
  await expect(grid).not.toHaveAttribute('aria-activedescendant');
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('[aria-selected="true"]')).toHaveAttribute('aria-rowindex', '2');
  expect(await active()).toEqual({
    rowIndex: '2',
    selected: 'true',
    tree: { role: 'row', name: expect.stringContaining('item-000001'), selected: true },
  });
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('[aria-selected="true"]')).toHaveAttribute('aria-rowindex', '3');
  expect((await active()).tree?.name).toContain('item-000002');

  // A jump to the end: the last of 100,000, though only a window of rows is in the DOM.
  await page.keyboard.press('End');
  await expect(grid.locator('[aria-selected="true"]')).toHaveAttribute('aria-rowindex', '100001');
  expect(await active()).toEqual({
    rowIndex: '100001',
    selected: 'true',
    tree: { role: 'row', name: expect.stringContaining('item-100000'), selected: true },
  });
  expect(await grid.locator('[role="row"]').count()).toBeLessThan(60);

  // Scrolled to the middle and picked there: row 5,000 is announced as row 5,000 (+ header).
  await grid.evaluate((el) => {
    const row = el.querySelector<HTMLElement>('.vgrid-row');
    el.scrollTop = 4_999 * (row?.offsetHeight ?? 56) - 100;
  });
  await grid.locator('[role="row"][aria-rowindex="5001"]').click();
  await expect(grid.locator('[aria-selected="true"]')).toHaveAttribute('aria-rowindex', '5001');
  await expect(grid).toBeFocused();
  expect((await active()).tree?.name).toContain('item-005000');
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('[aria-selected="true"]')).toHaveAttribute('aria-rowindex', '5002');
  expect((await active()).tree?.name).toContain('item-005001');

  // Scrolled away, the active row is unmounted: no dangling reference, and the focus stays.
  await grid.evaluate((el) => (el.scrollTop = 0));
  await expect(grid.locator('[role="row"][aria-rowindex="5002"]')).toHaveCount(0);
  await expect(grid).not.toHaveAttribute('aria-activedescendant');
  await expect(grid).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('[aria-selected="true"]')).toHaveAttribute('aria-rowindex', '5003');
  expect((await active()).tree?.name).toContain('item-005002');
  audit.finish();
});

test('pointwise rating with the tag picker open, done from the keyboard alone', async ({
  page,
}) => {
  const workspaceDir = workspace('pointwise');
  await seedLabeling(workspaceDir, 2, 0, 'pointwise');
  server = await startServer({ workspaceDir });
  const audit = auditor(page, 'pointwise');
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await openRatingByKeyboard(page, 'a11y scorer');
  const count = page.getByTestId('progress-count');
  await expect(count).toHaveText('0 / 4 rated');
  await page.keyboard.press('4');
  await page.keyboard.press('g');
  const tags = page.getByRole('group', { name: 'Failure modes' });
  await expect(tags).toContainText('digits toggle, Esc closes');
  await audit.screen('rating screen: pointwise, tag picker open');
  await page.keyboard.press('1');
  await expect(tags.getByRole('button').first()).toHaveAttribute('aria-pressed', 'true');
  // Every Tab stop on the rating screen is drawn where it can be seen.
  await tabAround(page, 30);
  await page.keyboard.press('Escape');
  await expect(tags).not.toContainText('digits toggle');
  await page.keyboard.press('p');
  await expect(count).toHaveText('1 / 4 rated');
  for (let rated = 1; rated < 4; rated++) {
    await page.keyboard.press('5');
    await page.keyboard.press('p');
    await expect(count).toHaveText(`${rated + 1} / 4 rated`);
  }
  await expect(page.getByTestId('rating-notice')).toHaveText(
    'Every task of this session is rated. Thank you!',
  );
  audit.finish();
});

test('the local model panel offline: the download fails at once and says what to do', async ({
  page,
}) => {
  // No model anywhere: a fresh user-data directory and no YARDSTICK_LOCAL_MODEL. This machine
  // has no network, so the download fails as it would for a user without one.
  const home = mkdtempSync(join(tmpdir(), 'yardstick-a11y-local-'));
  server = await startServer({ env: { XDG_CONFIG_HOME: home, YARDSTICK_LOCAL_MODEL: '' } });
  const audit = auditor(page, 'local-model');
  await page.goto(`${server.url}#/providers/new`);
  const panel = page.getByTestId('local-model');
  await expect(panel).toContainText('No GGUF model yet');
  await audit.screen('providers: local model (none yet)');
  const download = panel.getByRole('button', { name: 'Download the default model' });
  await page.getByRole('heading', { level: 1 }).first().focus();
  await tabTo(page, download);
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('alert')).toContainText('The download failed', {
    timeout: 30_000,
  });
  await expect(panel.getByRole('alert')).toContainText('Without a network connection');
  await audit.screen('providers: local model download failed offline');
  audit.finish();
});

test('the import wizard from the keyboard alone, the focus always visible', async ({ page }) => {
  server = await startServer();
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await page.keyboard.press('Control+2');
  const importLink = page.getByRole('link', { name: 'Import…' });
  await tabTo(page, importLink);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Import a dataset' })).toBeVisible();
  await tabTo(page, page.getByLabel('Dataset name (new or existing)'));
  await page.keyboard.type('keyboard-trivia');
  await tabTo(page, page.getByLabel('Path to the file on this machine'));
  await page.keyboard.type(join(repoRoot, 'tests/fixtures/datasets/items.jsonl'));
  await tabTo(page, page.getByRole('button', { name: 'Preview', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-preview')).toContainText('Shakespeare');
  await tabTo(page, page.getByRole('button', { name: 'Map columns' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Input column')).toHaveValue('question');
  await tabTo(page, page.getByRole('button', { name: 'Check the whole file' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('check-summary')).toHaveText('All 3 rows are valid.');
  await tabTo(page, page.getByRole('button', { name: 'Import 3 items' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-done')).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Show the dataset' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'keyboard-trivia' })).toBeVisible();
});
