/**
 * Pointwise rating from the keyboard: digits score, P / F pass or fail (in either order),
 * G then a digit tags a failure mode, and an approved output is promoted to its item's
 * reference answer (a new dataset version).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer } from '../support/yardstickServer';
import { invoke, openRatingByKeyboard, seedLabeling } from './labelHelpers';

test.setTimeout(120_000); // A server start and a dozen keyed saves on a shared two-core machine.

test('a rater scores, passes or fails, and tags outputs with the keyboard, then promotes one', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-pointwise-e2e-')), 'workspace');
  const { sessionId } = await seedLabeling(workspaceDir, 3, 0, 'pointwise');
  const server = await startServer({ workspaceDir });
  try {
    await page.goto(server.url);
    await openRatingByKeyboard(page, 'scorer');
    await expect(page.getByTestId('progress-count')).toHaveText('0 / 6 rated');
    await expect(page.getByRole('button', { name: /5 solves it/ })).toBeVisible();
    const count = page.getByTestId('progress-count');
    // The first task: a score, a tag, then the verdict completes the label and moves on.
    const first = await page.getByTestId('task-position').textContent();
    const helpful = (await page.getByTestId('output').textContent())?.includes('Restart') ?? false;
    await page.keyboard.press(helpful ? '5' : '1');
    await expect(count).toHaveText('1 / 6 rated');
    await expect(page.getByTestId('task-position')).toHaveText(first ?? '');
    await page.keyboard.press('g');
    await page.keyboard.press('1');
    await expect(page.getByRole('button', { name: 'vague answer' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await page.keyboard.press('Escape');
    await page.keyboard.press(helpful ? 'p' : 'f');
    await expect(page.getByTestId('task-position')).not.toHaveText(first ?? '');
    // The others: the verdict first (kept until the score arrives), then the score.
    for (let i = 1; i < 6; i++) {
      const good = (await page.getByTestId('output').textContent())?.includes('Restart') ?? false;
      await page.keyboard.press(good ? 'p' : 'f');
      await page.keyboard.press(good ? '5' : '1');
      await expect(count).toHaveText(`${i + 1} / 6 rated`);
    }
    await expect(page.getByTestId('rating-notice')).toHaveText(
      'Every task of this session is rated. Thank you!',
    );
    const file = await invoke<{ text: string }>(page, server, 'labeling.export', { sessionId });
    const labels = (
      JSON.parse(file.text) as { labels: { score: number; isPass: boolean; tags: string[] }[] }
    ).labels;
    expect(labels.map((l) => [l.score, l.isPass]).sort()).toEqual([
      [1, false],
      [1, false],
      [1, false],
      [5, true],
      [5, true],
      [5, true],
    ]);
    expect(labels.filter((l) => l.tags.length > 0).map((l) => l.tags)).toEqual([['vague answer']]);

    // Back to a passed output: promote it to its item's reference.
    const position = page.getByTestId('task-position');
    for (let step = 0; step < 6; step++) {
      if ((await page.getByTestId('output').textContent())?.includes('Restart')) break;
      const here = (await position.textContent()) ?? '';
      await page.keyboard.press('ArrowLeft');
      await expect(position).not.toHaveText(here);
      await expect(page.getByTestId('output')).toBeVisible();
    }
    await page.getByRole('button', { name: 'Promote output to reference' }).click();
    await expect(page.getByText(/Reference of item-\d+ set in dataset version 2\./)).toBeVisible();
  } finally {
    await server.stop();
  }
});
