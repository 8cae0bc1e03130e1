/**
 * The rating screen end to end, in Chromium against the built app in browser mode: a rater
 * completes a 30-item blind pairwise session with the keyboard only; the server is killed
 * (SIGKILL) mid-session and restarted on the same workspace, and every label is still there.
 * Keys that must not label: behind the shortcuts sheet, in a session the owner closed, and on
 * tasks that already have their ratings (a rater with nothing left).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServer } from '../support/yardstickServer';
import { invoke, openRatingByKeyboard, seedLabeling } from './labelHelpers';

/** The key that picks the helpful answer of the task on screen ("Restart" is in it). */
async function betterKey(page: Page): Promise<'a' | 'b'> {
  const a = page.getByTestId('output-A');
  await expect(a).toBeVisible();
  return (await a.textContent())?.includes('Restart') ? 'a' : 'b';
}

test.setTimeout(180_000); // Two server starts and sixty keyed saves on a shared two-core machine.

test('a rater completes a 30-item blind pairwise session with the keyboard, across a SIGKILL', async ({
  page,
}) => {
  const home = mkdtempSync(join(tmpdir(), 'yardstick-label-e2e-'));
  const workspaceDir = join(home, 'workspace');
  const { sessionId } = await seedLabeling(workspaceDir, 30);
  let server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('overview-datasets')).toBeVisible();
    await openRatingByKeyboard(page, 'keyboard rater');
    await expect(page.getByTestId('progress-count')).toHaveText('0 / 30 rated');
    // Blind: no model names anywhere on the rating screen.
    await expect(page.locator('main')).not.toContainText('helpful');
    await expect(page.locator('main')).not.toContainText('vague');
    // Markdown and code are rendered, not shown as source.
    await expect(
      page.locator('[data-testid^="output-"] strong', { hasText: 'Restart' }),
    ).toBeVisible();
    await expect(page.locator('[data-testid^="output-"] pre code').first()).toContainText(
      'sync --restart',
    );
    // Links keep their text but not their target; remote images are not loaded.
    await expect(page.locator('.md-link', { hasText: 'the docs' })).not.toHaveAttribute('href');
    await expect(page.locator('.md-image')).toHaveText('[image not loaded: a diagram]');
    await expect(page.locator('[data-testid^="output-"] img')).toHaveCount(0);

    const helpfulShownFirst: boolean[] = [];
    // S skips (the task stays in the queue); ← comes back to it.
    const firstPosition = await page.getByTestId('task-position').textContent();
    await page.keyboard.press('s');
    await expect(page.getByTestId('task-position')).not.toHaveText(firstPosition ?? '');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('task-position')).toHaveText(firstPosition ?? '');
    // A wrong choice, undone with U, then the right one.
    const right = await betterKey(page);
    await page.keyboard.press(right === 'a' ? 'b' : 'a');
    await expect(page.getByTestId('progress-count')).toHaveText('1 / 30 rated');
    await page.keyboard.press('u');
    await expect(page.getByTestId('rating-notice')).toHaveText('Label removed.');
    await expect(page.getByTestId('progress-count')).toHaveText('0 / 30 rated');
    await expect(page.getByTestId('task-position')).toHaveText(firstPosition ?? '');
    // N writes a note (kept and saved with the choice); D shows the diff.
    await page.keyboard.press('n');
    await page.keyboard.type('the other one is vague');
    await page.keyboard.press('Escape');
    await page.keyboard.press('d');
    await expect(page.getByLabel('Differences between A and B')).toBeVisible();
    await page.keyboard.press('d');
    for (let i = 0; i < 12; i++) {
      const key = await betterKey(page);
      helpfulShownFirst.push(key === 'a');
      await page.keyboard.press(key);
      await expect(page.getByTestId('progress-count')).toHaveText(`${i + 1} / 30 rated`);
    }
    await expect(page.getByTestId('save-state')).toContainText('Saved');

    // The server dies mid-session, without a chance to flush anything.
    server.process.kill('SIGKILL');
    await new Promise((resolve) => server.process.once('exit', resolve));
    server = await startServer({ workspaceDir });
    await page.goto(server.url);
    await expect(page.getByTestId('overview-datasets')).toBeVisible();
    // A new origin forgets the rater preference: typing the same name picks the same profile.
    await openRatingByKeyboard(page, 'keyboard rater');
    await expect(page.getByTestId('progress-count')).toHaveText('12 / 30 rated');
    const kept = await invoke<{ labels: number; progress: { rater: string; rated: number }[] }>(
      page,
      server,
      'labeling.session',
      { sessionId },
    );
    expect(kept.labels).toBe(12);
    expect(kept.progress).toMatchObject([{ rater: 'keyboard rater', rated: 12 }]);

    for (let i = 12; i < 30; i++) {
      const key = await betterKey(page);
      helpfulShownFirst.push(key === 'a');
      await page.keyboard.press(key);
      await expect(page.getByTestId('progress-count')).toHaveText(`${i + 1} / 30 rated`);
    }
    await expect(page.getByTestId('rating-notice')).toHaveText(
      'Every task of this session is rated. Thank you!',
    );
    await page.screenshot({ path: 'artifacts/screenshots/label-rating.png' });
    // Position was randomised per item: the helpful answer was shown first some times, not always.
    const firsts = helpfulShownFirst.filter(Boolean).length;
    expect(firsts).toBeGreaterThan(5);
    expect(firsts).toBeLessThan(25);

    const done = await invoke<{ completeTasks: number; labels: number }>(
      page,
      server,
      'labeling.session',
      {
        sessionId,
      },
    );
    expect(done).toMatchObject({ completeTasks: 30, labels: 30 });
    // Every stored choice names the helpful side (stored in canonical order, shown at random).
    const agreement = await invoke<{ labels: string[]; ratings: number }>(
      page,
      server,
      'labeling.agreement',
      {
        sessionId,
        resamples: 200,
      },
    );
    expect(agreement).toMatchObject({ labels: ['helpful'], ratings: 30 });
    const file = await invoke<{ text: string }>(page, server, 'labeling.export', { sessionId });
    const notes = (JSON.parse(file.text) as { labels: { note: string | null }[] }).labels
      .map((l) => l.note)
      .filter((n) => n !== null);
    expect(notes).toEqual(['the other one is vague']);
    expect(errors).toEqual([]);
    // Only the app's own servers (both runs of it, on loopback) were asked for anything.
    expect(
      requested.filter((url) => !url.startsWith('http://127.0.0.1:') && !url.startsWith('blob:')),
    ).toEqual([]);
    expect(server.outboundConnections()).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('a rater with nothing left sees so, adds no label by key (nor behind a dialog, nor once closed), and can reach the summary', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-label-done-e2e-')), 'workspace');
  const { sessionId } = await seedLabeling(workspaceDir, 3);
  const server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('overview-datasets')).toBeVisible();
    await openRatingByKeyboard(page, 'first rater');
    const count = page.getByTestId('progress-count');
    const summary = page.getByRole('link', { name: 'See the session’s summary' });
    await expect(summary).toHaveCount(0);
    for (let i = 1; i <= 3; i++) {
      await page.keyboard.press(await betterKey(page));
      await expect(count).toHaveText(`${i} / 3 rated`);
    }
    // Done: a way on besides the sidebar.
    await expect(summary).toBeVisible();
    const notice = page.getByTestId('rating-notice');
    const saveState = page.getByTestId('save-state');
    const labelsStored = async () =>
      (await invoke<{ labels: number }>(page, server, 'labeling.session', { sessionId })).labels;

    // Keys behind a modal dialog (the shortcuts sheet) are the dialog's: the last label stays.
    const right = await betterKey(page);
    const wrong = right === 'a' ? 'b' : 'a';
    const rightButton = page.getByRole('button', {
      name: right === 'a' ? 'A is better' : 'B is better',
    });
    await expect(rightButton).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Control+/');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    await page.keyboard.press(wrong);
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    // S runs in the same queue as ratings: once it answers, any save pressed before it is done.
    await page.keyboard.press('s');
    await expect(notice).toHaveText('No other task is waiting for you.');
    await expect(rightButton).toHaveAttribute('aria-pressed', 'true');

    // The owner closes the session while the rater is on it: neither a change nor an undo is
    // taken, and the rater is told why.
    await invoke(page, server, 'labeling.setStatus', { sessionId, status: 'closed' });
    await page.keyboard.press(wrong);
    await expect(saveState).toHaveText(
      'Not saved: session "e2e pairs" is closed; reopen it to rate',
    );
    await page.keyboard.press('u');
    await expect(saveState).toHaveText(
      'Not saved: session "e2e pairs" is closed; reopen it to change labels',
    );
    expect(await labelsStored()).toBe(3);
    // Opened while closed: read-only, said so, and rating keys and undo do nothing.
    await page.getByRole('link', { name: '← Sessions' }).click();
    await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
    await page.evaluate((id) => (window.location.hash = `#/label/${id}`), sessionId);
    const readOnly = page.getByTestId('rating-read-only');
    const closedNotice = 'This session is closed: its labels cannot be given or changed.';
    await expect(readOnly).toHaveText(closedNotice);
    await expect(page.getByRole('button', { name: 'A is better' })).toBeDisabled();
    await page.keyboard.press(wrong);
    await page.keyboard.press('u');
    await expect(notice).toHaveText(closedNotice);
    await expect(saveState).toHaveText('Nothing saved yet');
    // The owner reopens it from the sessions list (Close / Reopen on each row).
    await page.getByRole('link', { name: '← Sessions' }).click();
    await page.getByRole('button', { name: 'Reopen' }).click();
    await expect(page.getByTestId('label-message')).toHaveText('Reopened "e2e pairs" for rating.');
    await expect(page.getByRole('button', { name: 'Close', exact: true })).toBeVisible();
    expect(await labelsStored()).toBe(3);

    // Without overlap every task already has its rating: the next rater gets nothing to do.
    await page.getByRole('button', { name: 'Switch rater' }).click();
    await page.getByLabel('Rater name').fill('second rater');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Rate', exact: true }).first().click();
    await expect(notice).toHaveText('Nothing left for you to rate in this session.');
    await expect(count).toHaveText('no task left for you');
    await expect(page.getByRole('progressbar', { name: 'Your progress' })).toHaveCount(0);
    // The task on screen has its rating from the first rater: shown read-only, and no rating
    // key (choices, a tie, both bad) adds a label to it.
    const taken = 'Task 1 already has its ratings from other raters: nothing to rate here.';
    await expect(readOnly).toHaveText(taken);
    await expect(page.getByRole('button', { name: 'Tie' })).toBeDisabled();
    for (const key of ['a', 'b', 't', 'x']) await page.keyboard.press(key);
    await expect(notice).toHaveText(taken);
    await page.keyboard.press('s');
    await expect(notice).toHaveText('No other task is waiting for you.');
    await expect(saveState).toHaveText('Nothing saved yet');
    expect(await labelsStored()).toBe(3);
    await expect(count).toHaveText('no task left for you');
    await summary.click();
    await expect(page).toHaveURL(new RegExp(`#/label/${sessionId}/summary$`));
    await expect(page.getByTestId('rater-progress')).toContainText('first rater');
    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('a task another rater fills while it is on screen: the refused key press shows why, keeps the note, and S moves on', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-label-race-e2e-')), 'workspace');
  const { sessionId } = await seedLabeling(workspaceDir, 3);
  const server = await startServer({ workspaceDir });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('overview-datasets')).toBeVisible();
    await openRatingByKeyboard(page, 'rater A');
    const count = page.getByTestId('progress-count');
    const position = page.getByTestId('task-position');
    await expect(count).toHaveText('0 / 3 rated');
    await expect(position).toHaveText('Task 1 of 3');
    // A types a note for the task on screen (kept to be saved with the choice).
    await page.keyboard.press('n');
    await page.keyboard.type('A saw a typo in B');
    await page.keyboard.press('Escape');

    // Meanwhile rater B rates that very task through the API; without overlap it needs one.
    const raterB = await invoke<{ id: string }>(page, server, 'labeling.addRater', {
      name: 'rater B',
    });
    const queueB = await invoke<{ entries: { taskId: string }[] }>(page, server, 'labeling.queue', {
      sessionId,
      raterId: raterB.id,
    });
    const raters = await invoke<{ id: string; name: string }[]>(
      page,
      server,
      'labeling.raters',
      {},
    );
    const raterA = raters.find((r) => r.name === 'rater A');
    const queueA = await invoke<{ entries: { taskId: string }[] }>(page, server, 'labeling.queue', {
      sessionId,
      raterId: raterA?.id,
    });
    const onScreen = queueA.entries[0]?.taskId;
    expect(queueB.entries.map((e) => e.taskId)).toContain(onScreen);
    await invoke(page, server, 'labeling.submit', {
      sessionId,
      taskId: onScreen,
      raterId: raterB.id,
      choice: 'tie',
    });
    const labelsStored = async () =>
      (await invoke<{ labels: number }>(page, server, 'labeling.session', { sessionId })).labels;

    // A presses a rating key on the stale task: refused by the core, explained calmly.
    await page.keyboard.press(await betterKey(page));
    const readOnly = page.getByTestId('rating-read-only');
    await expect(readOnly).toHaveText(
      'Another rater has just rated this task, so your rating was not saved. ' +
        'Press S for the next task waiting for you.',
    );
    await expect(position).toHaveText('Task 1 of 3');
    await expect(page.getByTestId('task-status')).toHaveText('enough ratings');
    await expect(page.getByRole('button', { name: 'A is better' })).toBeDisabled();
    // The counts are the core's again: one task fewer is A's.
    await expect(count).toHaveText('0 / 2 rated');
    await expect(page.getByTestId('save-state')).toHaveText('Nothing saved yet');
    // The typed note is not lost: shown, with a way to copy it.
    const unsaved = page.getByTestId('unsaved-note');
    await expect(unsaved.getByLabel('Unsaved note text')).toHaveValue('A saw a typo in B');
    await expect(unsaved.getByRole('button', { name: 'Copy note' })).toBeVisible();
    expect(await labelsStored()).toBe(1);
    // Another rating key there is ignored, with the same reason.
    await page.keyboard.press('t');
    await expect(page.getByTestId('rating-notice')).toHaveText(
      'Another rater has just rated this task, so your rating was not saved. ' +
        'Press S for the next task waiting for you.',
    );
    expect(await labelsStored()).toBe(1);

    // S reaches the next waiting task, which A rates as usual.
    await page.keyboard.press('s');
    await expect(position).toHaveText('Task 2 of 3');
    await expect(readOnly).toHaveCount(0);
    await expect(page.getByTestId('rating-notice')).toHaveCount(0);
    await expect(unsaved).toBeVisible();
    await page.keyboard.press(await betterKey(page));
    await expect(count).toHaveText('1 / 2 rated');
    expect(await labelsStored()).toBe(2);
    await unsaved.getByRole('button', { name: 'Dismiss' }).click();
    await expect(unsaved).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('undoing a choice keeps the note typed before it: shown again and saved with the next choice', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-label-undo-e2e-')), 'workspace');
  const { sessionId } = await seedLabeling(workspaceDir, 3);
  const server = await startServer({ workspaceDir });
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('overview-datasets')).toBeVisible();
    await openRatingByKeyboard(page, 'rater A');
    const position = page.getByTestId('task-position');
    const note = page.getByLabel('Note', { exact: true });
    await expect(position).toHaveText('Task 1 of 3');
    // The note first (kept as a draft), then a choice the rater takes back.
    await page.keyboard.press('n');
    await page.keyboard.type('B links docs instead of answering');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('t');
    await expect(position).toHaveText('Task 2 of 3');
    await expect(note).toHaveValue('');
    await page.keyboard.press('u');
    await expect(page.getByTestId('rating-notice')).toHaveText('Label removed.');
    await expect(position).toHaveText('Task 1 of 3');
    await expect(page.getByTestId('progress-count')).toHaveText('0 / 3 rated');
    await expect(note).toHaveValue('B links docs instead of answering');
    // The right choice now: saved together with the kept note.
    await page.keyboard.press(await betterKey(page));
    await expect(position).toHaveText('Task 2 of 3');
    const file = await invoke<{ text: string }>(page, server, 'labeling.export', { sessionId });
    const labels = (JSON.parse(file.text) as { labels: { choice: string; note: string | null }[] })
      .labels;
    expect(labels).toHaveLength(1);
    expect(labels[0]?.choice).not.toBe('tie');
    expect(labels[0]?.note).toBe('B links docs instead of answering');
  } finally {
    await server.stop();
  }
});
