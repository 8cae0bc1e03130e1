import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../support/yardstickServer';

// Not under artifacts/e2e: Playwright empties its output folder at the start of every run.
const shots = 'artifacts/screenshots/suite-drafts';
let server: RunningServer;

test.beforeEach(async () => {
  server = await startServer();
});

test.afterEach(async () => {
  await server.stop();
});

/** What the workspace file holds, read by another process as after a crash. */
function stored(): { drafts: string[]; suites: string[] } {
  const db = new Database(join(server.workspaceDir, 'workspace.sqlite'), { readonly: true });
  try {
    const texts = (query: string) =>
      (db.prepare(query).all() as Array<{ text: string }>).map((r) => r.text);
    return {
      drafts: texts(`SELECT text FROM suite_drafts`),
      suites: texts(`SELECT yaml AS text FROM suites ORDER BY created_at`),
    };
  } finally {
    db.close();
  }
}

/** Kills the server without warning (no shutdown code runs) and starts it on the same workspace. */
async function crashAndRestart(): Promise<void> {
  const killed = server.process;
  const exited = new Promise((resolve) => killed.once('exit', resolve));
  killed.kill('SIGKILL');
  await exited;
  server = await server.restart({ sameToken: false });
}

async function openSuite(page: Page) {
  await page.goto(server.url);
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('heading', { level: 1, name: 'support-triage' })).toBeVisible();
  await expect(page.getByTestId('suite-status')).toBeVisible();
}

/** Types a comment as a new first line of the YAML. */
async function typeFirstLine(page: Page, line: string) {
  await page.getByRole('tab', { name: 'YAML' }).click();
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

const editorText = (page: Page) => page.locator('.monaco-editor .view-lines').first();

test('unsaved suite edits survive a killed server; Discard and Ctrl+S clear them', async ({
  page,
}) => {
  await openSuite(page);
  await typeFirstLine(page, '# edit-before-crash');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  // The editor writes the draft shortly after typing stops.
  await expect
    .poll(() => stored().drafts.some((t) => t.startsWith('# edit-before-crash\n')))
    .toBe(true);
  expect(stored().suites).toHaveLength(1);
  expect(stored().suites[0]).not.toContain('edit-before-crash');

  await crashAndRestart();
  await openSuite(page);
  const notice = page.getByTestId('draft-notice');
  await expect(notice).toContainText(/Unsaved changes from .+ restored/);
  await expect(notice).not.toContainText('changed since');
  await expect(editorText(page)).toContainText('# edit-before-crash');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${shots}/1-restored.png` });

  // Discard: the saved text again, and nothing left in the workspace.
  await notice.getByRole('button', { name: 'Discard' }).click();
  await expect(notice).toHaveCount(0);
  await expect(editorText(page)).not.toContainText('edit-before-crash');
  await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(0);
  await expect.poll(() => stored().drafts).toEqual([]);

  // Edit and save with Ctrl+S: saved, no draft, and no notice after another crash.
  await typeFirstLine(page, '# edit-then-save');
  await expect
    .poll(() => stored().drafts.some((t) => t.startsWith('# edit-then-save\n')))
    .toBe(true);
  await page.keyboard.press('Control+S');
  await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(0);
  await expect.poll(() => stored().suites.length).toBe(2);
  expect(stored().suites[1]).toMatch(/^# edit-then-save\n/);
  expect(stored().drafts).toEqual([]);

  await crashAndRestart();
  await openSuite(page);
  await expect(editorText(page)).toContainText('# edit-then-save');
  await expect(page.getByTestId('draft-notice')).toHaveCount(0);
  await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${shots}/2-saved-after-restart.png` });
});

test('a restored draft says when the suite was saved elsewhere since', async ({ page }) => {
  await openSuite(page);
  await typeFirstLine(page, '# edit-in-this-window');
  await expect
    .poll(() => stored().drafts.some((t) => t.startsWith('# edit-in-this-window\n')))
    .toBe(true);

  // Another window (or the CLI) saves the suite meanwhile: the same API, without `draftOf`.
  const original = stored().suites[0] ?? '';
  const reply = await page.request.post(`${server.origin}/api/invoke`, {
    headers: { authorization: `Bearer ${server.token}` },
    data: { route: 'suites.save', input: { yaml: `${original}# saved-elsewhere\n` } },
  });
  expect(((await reply.json()) as { ok: boolean }).ok).toBe(true);
  expect(stored().drafts).toHaveLength(1);

  // The window reloads (its memory is gone): the list opens the newest saved text.
  await page.reload();
  await openSuite(page);
  const notice = page.getByTestId('draft-notice');
  await expect(notice).toContainText(
    /Unsaved changes from .+ restored; the saved suite changed since — review before saving/,
  );
  await expect(editorText(page)).toContainText('# edit-in-this-window');
  await expect(editorText(page)).not.toContainText('saved-elsewhere');
  await page.screenshot({ path: `${shots}/3-saved-elsewhere.png` });

  // Discard shows the text saved elsewhere; no draft remains.
  await notice.getByRole('button', { name: 'Discard' }).click();
  await expect(editorText(page)).not.toContainText('edit-in-this-window');
  await expect(page.getByText('Unsaved changes', { exact: true })).toHaveCount(0);
  // Its last line, out of Monaco's rendered lines until the editor scrolls there.
  await page.locator('.monaco-editor').first().click();
  await page.keyboard.press('Control+End');
  await expect(editorText(page)).toContainText('# saved-elsewhere');
  await expect.poll(() => stored().drafts).toEqual([]);
});
