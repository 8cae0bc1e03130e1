import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../support/yardstickServer';

// Not under artifacts/e2e: Playwright empties its output folder at the start of every run.
const shots = 'artifacts/screenshots/suite-editor';
let server: RunningServer;

test.beforeEach(async () => {
  server = await startServer();
});

test.afterEach(async () => {
  await server.stop();
});

function storedSuites(): Array<{ name: string; yaml: string }> {
  const db = new Database(join(server.workspaceDir, 'workspace.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT name, yaml FROM suites ORDER BY created_at`).all() as Array<{
      name: string;
      yaml: string;
    }>;
  } finally {
    db.close();
  }
}

test('the suite editor: located problems as markers, live prompt preview, Ctrl+S', async ({
  page,
}) => {
  await page.goto(server.url);
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeVisible();
  await expect(page.getByTestId('suite-status')).toBeVisible();

  // The preview is the core's rendering of the first item; Alt+→ steps to the next one.
  const preview = page.getByTestId('prompt-preview');
  await expect(preview).toContainText('Item 1 of');
  await expect(preview).toContainText('You are a support agent at Northwind Cloud');
  const firstKey = await preview.locator('.su-preview-nav code').textContent();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(preview).toContainText('Item 2 of');
  await expect(preview.locator('.su-preview-nav code')).not.toHaveText(firstKey ?? '');

  // Break a template variable in the YAML: the core's issue appears in the list and as a marker.
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByRole('tab', { name: 'YAML' }).click();
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  // Select "{{input" with Monaco's find widget, then retype the name (letters only: Monaco
  // would auto-close quotes and braces).
  const retype = async (from: string, to: string) => {
    await page.keyboard.press('Control+F');
    await page.keyboard.type(`{{${from}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < from.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type(to);
  };
  await retype('input', 'inptu');
  const issues = page.getByTestId('suite-issues');
  await expect(issues).toContainText('unknown variable {{inptu}}');
  await expect(issues).toContainText('prompts[0].messages[1].content');
  await expect(page.getByTestId('suite-status')).toContainText('problem');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save and run' })).toBeDisabled();
  await expect(preview).toContainText('unknown variable {{inptu}}');
  await page.screenshot({ path: `${shots}/1-problem-marker.png` });

  // Fix the typo, change the repeats in the form, save with Ctrl+S.
  await retype('inptu', 'input');
  await expect(issues).toHaveCount(0);
  // A real change, saved from the YAML: a new text under a new id, opened in a fresh editor
  // that says it was saved and keeps the focus and the cursor, so typing carries on there.
  await page.keyboard.press('Control+F');
  await page.keyboard.type('support agent at Northwind');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('ia');
  await expect(preview).toContainText('Northwindia');
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Suite YAML' })).toBeFocused();
  await page.keyboard.type('n');
  await expect(preview).toContainText('Northwindian');
  await page.keyboard.press('Backspace');
  await expect(preview).not.toContainText('Northwindian');
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByLabel('Repeats').fill('2');
  await expect(page.getByTestId('suite-status')).toContainText('× 2 =');
  await page.keyboard.press('Control+S');
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Form' })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: `${shots}/2-saved.png` });

  const suites = storedSuites();
  expect(suites).toHaveLength(3);
  const saved = suites[2]?.yaml ?? '';
  expect(saved).toContain('repeats: 2');
  expect(saved).toContain('Northwindia');
  // The form edited the document: comments are still there.
  expect(saved).toContain('# Yardstick suite: triage a support ticket and draft a reply.');
  expect(saved).toContain('# One completion at a time');
});

test("the YAML editor completes from the suite's JSON Schema in its own worker", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(server.url);
  await page.keyboard.press('Control+3');
  await expect(page.getByTestId('suite-status')).toBeVisible();
  await page.getByRole('tab', { name: 'YAML' }).click();
  await page.locator('.monaco-editor').first().click();
  // A key typed in the `run:` section, under its last line, is completed from the schema (no
  // `shuffle` key appears in the example suite, so no word-based suggestion offers it).
  await page.keyboard.press('Control+F');
  await page.keyboard.type('cache: true');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.keyboard.type('shuf');
  await page.keyboard.press('Control+Space');
  const suggestions = page.locator('.monaco-editor .suggest-widget .monaco-list-row');
  await expect(suggestions.filter({ hasText: 'shuffle_seed' })).toHaveCount(1);
  await page.keyboard.press('Escape');
  expect(workers.some((url) => /\/yaml\.worker-[\w-]+\.js$/.test(url))).toBe(true);
  expect(errors).toEqual([]);
});
