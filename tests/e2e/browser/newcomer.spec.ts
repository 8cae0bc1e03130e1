/**
 * The newcomer's whole path on a fresh workspace, through the UI only (mouse and keyboard, no
 * API calls, no seeding): the getting-started checklist on the Overview → the import wizard on
 * 20 real GSM8K items → a new suite from that dataset with the built-in local model → "Save and
 * run" from the suite editor → the run's progress to 20 / 20 → the results (scores with
 * intervals, latency, cost) → a recorded verdict in Decide → the checklist, all ticked. The
 * local model is the real in-process llama.cpp model on stories260K.gguf: it writes nonsense,
 * so the scores are low; the point is the path, not the scores. Once per theme (screenshots of
 * each step under artifacts/newcomer/<theme>/).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, startServer, type RunningServer } from '../support/yardstickServer';

const modelPath =
  process.env.YARDSTICK_TEST_MODEL ?? join(repoRoot, '../shared/models/stories260K.gguf');
const gsm8k = join(repoRoot, '../shared/data/gsm8k/test.jsonl');
const itemCount = 20;

let server: RunningServer | null = null;

test.afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The first 20 GSM8K problems, as the JSON Lines file a user would pick. */
function writeGsm8kSample(dir: string): string {
  const lines = readFileSync(gsm8k, 'utf8').split('\n').filter(Boolean).slice(0, itemCount);
  const file = join(dir, 'gsm8k-20.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

for (const theme of ['dark', 'light'] as const) {
  test(`a newcomer's path from an empty workspace to a verdict (${theme} theme)`, async ({
    page,
  }) => {
    if (!existsSync(modelPath))
      throw new Error(`The test model is missing at ${modelPath}; set YARDSTICK_TEST_MODEL.`);
    const shots = `artifacts/newcomer/${theme}`;
    const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png` });
    const home = mkdtempSync(join(tmpdir(), 'yardstick-newcomer-'));
    const file = writeGsm8kSample(home);
    server = await startServer({
      workspaceDir: join(home, 'workspace'),
      env: { YARDSTICK_LOCAL_MODEL: modelPath, XDG_CONFIG_HOME: join(home, 'config') },
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.emulateMedia({ colorScheme: theme });

    // 1. The Overview: the checklist says what to do first.
    await page.goto(server.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Workspace' })).toBeVisible();
    const checklist = page.getByTestId('getting-started');
    // The bundled example already counts as a dataset and a suite.
    await expect(page.getByTestId('getting-started-count')).toHaveText('2 of 5 done');
    await expect(page.getByTestId('step-run')).toHaveAttribute('data-done', 'false');
    await shot('1-overview');

    // 2. The import wizard, from the checklist's link.
    await checklist.getByRole('link', { name: 'open the import wizard' }).click();
    await expect(page.getByRole('heading', { name: 'Import a dataset' })).toBeVisible();
    await page.getByLabel('Dataset name (new or existing)').fill('gsm8k-20');
    await page.getByLabel('Upload a file').setInputFiles(file);
    const preview = page.getByTestId('import-preview');
    await expect(preview).toContainText('Janet’s ducks lay 16 eggs per day');
    await shot('2-import-preview');
    await page.getByRole('button', { name: 'Map columns' }).click();
    await expect(page.getByLabel('Input column')).toHaveValue('question');
    await expect(page.getByLabel('Reference column')).toHaveValue('answer');
    await shot('3-import-mapping');
    await page.getByRole('button', { name: 'Check the whole file' }).click();
    await expect(page.getByTestId('check-summary')).toHaveText(`All ${itemCount} rows are valid.`);
    await page.getByRole('button', { name: `Import ${itemCount} items` }).click();
    await expect(page.getByTestId('import-done')).toContainText(
      `Version 1 of gsm8k-20 frozen with ${itemCount} items`,
    );
    await shot('4-import-done');

    // 3. A new suite from that dataset (the wizard's last step leads there, the dataset
    // chosen), with the built-in local model.
    await page.getByRole('link', { name: 'New suite from this dataset →' }).click();
    const dialog = page.getByRole('dialog', { name: 'New suite' });
    await expect(dialog.getByLabel('Suite name')).toBeFocused();
    await expect(
      dialog.getByRole('combobox', { name: 'Dataset', exact: true }).locator('option:checked'),
    ).toHaveText('gsm8k-20');
    await dialog.getByLabel('Suite name').fill('gsm8k quick look');
    await expect(dialog.getByRole('checkbox', { name: /Local model/ })).toBeChecked();
    await expect(dialog.getByTestId('new-suite-plan')).toHaveText(
      `${itemCount} items × 1 prompt × 1 model = ${itemCount} cells`,
    );
    await shot('5-new-suite');
    await dialog.getByRole('button', { name: 'Create suite' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'gsm8k quick look' })).toBeVisible();

    // The tiny model runs at a few cells a second here: a short answer keeps the run brief.
    await page.getByRole('tab', { name: 'Form' }).click();
    await page.getByLabel('Model 1 max tokens').fill('24');
    await expect(page.getByText('Unsaved changes')).toBeVisible();
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Unsaved changes')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await expect(page.getByTestId('suite-status')).toContainText(
      `Valid · ${itemCount} items × 1 prompt(s) × 1 model(s) × 1 = ${itemCount} requests`,
    );
    await expect(page.getByTestId('run-estimate')).toContainText(`${itemCount} requests`);
    await shot('6-suite-editor');

    // 4. Save and run: the run's page, live, to the end.
    await page.getByRole('button', { name: 'Save and run' }).click();
    // The button that brought the user here is gone: the run's heading has the focus.
    await expect(page.getByRole('heading', { level: 1, name: /^gsm8k quick look/ })).toBeFocused();
    await shot('7-run-started');
    await expect(page.getByText(`${itemCount} / ${itemCount} cells`)).toBeVisible({
      timeout: 30_000,
    });
    await shot('8-run-finished');

    // 5. The results: the local model's row, its score with an interval, latency and cost.
    const results = page.getByTestId('results-overview');
    await expect(results).toBeVisible({ timeout: 15_000 });
    const local = results.getByTestId('model-local');
    await expect(local.getByRole('heading', { level: 3 })).toContainText(
      `local ${itemCount} responses · 0 errors`,
    );
    const interval = /^\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]$/;
    await expect(local.getByRole('row', { name: /answer numeric-match/ })).toBeVisible();
    await expect(local.locator('[data-figure="local/answer/score"]')).toHaveText(interval);
    await expect(local.locator('[data-figure="local/latency.p95"]')).toHaveText(
      /^\d[\d,]* \[\d[\d,]*, \d[\d,]*\]$/,
    );
    // The local model costs nothing.
    await expect(local).toContainText('Cost per successful task');
    await expect(page.getByRole('row', { name: /^local/ }).first()).toContainText('$0.00');
    await shot('9-results');

    // 6. Decide: the new suite came with criteria written down before the run (a gate on the
    // pass rate, a latency bound), so the verdict is one key press away.
    await page.getByRole('link', { name: 'Decide on this run →' }).click();
    await expect(page.getByRole('heading', { level: 1, name: "Ship or don't ship" })).toBeVisible();
    const criteria = page.getByTestId('criteria-table');
    await expect(criteria).toBeVisible();
    await expect(criteria).toContainText('answer.pass_rate');
    await shot('10-decide-criteria');
    await criteria.getByRole('button', { name: 'Record decision' }).focus();
    await page.keyboard.press('Enter');
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toBeVisible();
    // The pressed button was disabled while it recorded: the new verdict has the focus.
    await expect(page.getByTestId('decision-verdict')).toBeFocused();
    // Nonsense answers fail the hard gate on the pass rate.
    await expect(verdict).toHaveText("Don't ship");
    await expect(page.getByTestId('decision-history').locator('tbody tr')).toHaveCount(1);
    await shot('11-verdict');

    // 7. Back on the Overview, every step of the checklist is ticked.
    await page.getByRole('link', { name: 'Overview', exact: true }).click();
    await expect(page.getByTestId('getting-started-count')).toHaveText('5 of 5 done');
    await expect(page.getByTestId('count-runs')).toContainText('1');
    await shot('12-overview-done');

    expect(errors).toEqual([]);
  });
}
