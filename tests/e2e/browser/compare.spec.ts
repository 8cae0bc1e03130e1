/**
 * The compare screen on two fabricated, really scored runs (baseline and candidate): filter to
 * the regressions, open a row from the keyboard, diff the two outputs in Monaco, tag the
 * candidate's output with a failure mode and see the count per model — then check through the
 * API that the tag was stored.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { FailureModeCounts } from '@contract/routes/failureModes';
import { seedWorkspace } from '../support/seedScript';
import { startServer } from '../support/yardstickServer';
import { invoke } from './labelHelpers';

test.setTimeout(120_000); // A seed process (real scoring), a server start and Monaco on two shared cores.

function seedCompare(workspaceDir: string) {
  return seedWorkspace<{ baselineRunId: string; candidateRunId: string }>(
    'compareSeed.ts',
    workspaceDir,
  );
}

test('finds regressions, diffs two outputs and tags a failure mode', async ({ page }) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-compare-e2e-')), 'workspace');
  const { baselineRunId, candidateRunId } = await seedCompare(workspaceDir);
  const server = await startServer({ workspaceDir });
  try {
    await page.goto(
      `${server.url}#/compare/${candidateRunId}?baseline=${encodeURIComponent(baselineRunId)}`,
    );
    await expect(
      page.getByRole('heading', { name: /candidate v2 vs baseline baseline v1/ }),
    ).toBeVisible();
    await expect(page.getByTestId('compare-count')).toHaveText('8 of 8 rows');
    await expect(page.getByRole('columnheader', { name: 'bot — baseline run' })).toBeVisible();
    await page.screenshot({ path: 'artifacts/e2e/compare-1-grid.png' });

    await page.getByTestId('compare-regressions').selectOption('exact');
    await expect(page.getByTestId('compare-count')).toHaveText('2 of 8 rows');
    const rows = page
      .getByTestId('compare-grid')
      .getByRole('row')
      .filter({ has: page.getByTestId('compare-cell') });
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('ticket-3');
    await expect(rows.nth(1)).toContainText('ticket-6');
    await expect(rows.nth(0).getByText('exact fail')).toBeVisible();
    await page.screenshot({ path: 'artifacts/e2e/compare-2-regressions.png' });

    // Keyboard: into the grid, first row, Enter opens the detail.
    await page.locator('.compare-grid .vgrid-body').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('compare-detail');
    await expect(detail.getByRole('heading', { name: /ticket-3/ })).toBeVisible();
    await expect(detail.locator('.cmp-prompt').first()).toContainText(
      '[system]\nYou are a support agent.',
    );
    const outputs = detail.getByTestId('detail-output');
    await expect(outputs).toHaveCount(2);
    await expect(outputs.nth(1)).toContainText('I am not sure what happened to device 3');
    await expect(outputs.nth(1)).toContainText('latency');

    await detail.getByRole('button', { name: 'Show diff' }).click();
    const diff = page.getByTestId('compare-diff');
    await expect(diff.locator('.monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
    await expect(diff).toContainText('baseline v1 · bot');
    await page.screenshot({ path: 'artifacts/e2e/compare-3-diff.png' });

    const tag = outputs.nth(1).getByRole('button', { name: 'vague answer' });
    await tag.click();
    await expect(tag).toHaveAttribute('aria-pressed', 'true');
    const counts = page.getByTestId('failure-mode-counts');
    await expect(counts.getByRole('columnheader', { name: 'bot — candidate run' })).toBeVisible();
    await expect(counts.getByRole('row', { name: /vague answer/ })).toContainText('1');
    await expect(rows.nth(0)).toContainText('vague answer');
    await page.screenshot({ path: 'artifacts/e2e/compare-4-tagged.png' });

    const stored = await invoke<FailureModeCounts>(page, server, 'failureModes.counts', {
      runId: candidateRunId,
      baselineRunId,
    });
    expect(stored.modes.map((m) => [m.name, m.total])).toEqual([['vague answer', 1]]);
    expect(Object.values(stored.columns[0]?.counts ?? {})).toEqual([1]);

    // Esc closes the detail; / goes to the search box.
    await page.locator('.compare-grid .vgrid-body').focus();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('compare-detail')).toHaveCount(0);
    await page.keyboard.press('/');
    await expect(page.getByTestId('compare-search')).toBeFocused();
    await page.keyboard.type('contact support');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('compare-count')).toHaveText('2 of 8 rows');
    expect(server.outboundConnections()).toEqual([]);
  } finally {
    await server.stop();
  }
});
