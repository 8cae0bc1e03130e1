/**
 * axe-core's WCAG 2.1 A and AA rules on every screen, in both themes, with what opens on top of
 * them: the import wizard, a dataset diff, the suite editor's estimate, the compare detail and
 * its diff, the job tray, the rating screen mid-session with its diff and key help, the
 * Calibrate report and a results page with its charts. A serious or critical finding fails the
 * test, named by screen, theme, rule and element; every finding is written to artifacts/a11y/.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedWorkspace } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { auditBothThemes, blocking, saveFindings, type Finding } from './axeAudit';
import { invoke, openRatingByKeyboard, seedLabeling } from './labelHelpers';

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
  server = await startServer();
  const audit = auditor(page, 'example-workspace');
  const [dataset] = await invoke<Array<{ latestVersion: { id: string } }>>(
    page,
    server,
    'datasets.list',
    {},
  );
  await invoke(page, server, 'datasets.edit', {
    parentVersionId: dataset?.latestVersion.id,
    upserts: [{ key: 'a11y-1', input: 'Where do I find the sync log?' }],
    removeKeys: [],
    note: 'one more ticket',
  });
  await page.goto(server.url);
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  await audit.screen('overview');

  await openSection(page, '2');
  await expect(page.locator('.items-table tbody tr').first()).toBeVisible();
  await audit.screen('datasets: items');
  await page.getByRole('link', { name: 'Versions' }).click();
  await expect(page.getByTestId('diff')).toContainText('added');
  await audit.screen('datasets: versions and diff');

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

  await page.evaluate((hash) => (window.location.hash = hash), `#/runs/${runId}`);
  await invoke(page, server, 'scoring.score', { runId, force: true });
  await expect(page.getByTestId('job').first()).toBeVisible();
  await audit.screen('job tray');
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
  audit.finish();
});
