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
import { auditBothThemes, blocking, saveFindings } from './axeAudit';
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
    // Every column of the grid, the untagged baseline's included (nothing counted there).
    expect(stored.columns.map((c) => [c.label, c.taggedOutputs, Object.values(c.counts)])).toEqual([
      ['bot — baseline run', 0, []],
      ['bot — candidate run', 1, [1]],
    ]);

    // Nothing of the baseline is tagged: its column says "no data" (no bar), not a zero.
    const countCells = (mode: RegExp) => counts.getByRole('row', { name: mode }).getByRole('cell');
    await expect(counts.getByRole('columnheader', { name: 'bot — baseline run' })).toBeVisible();
    await expect(countCells(/vague answer/).nth(1)).toHaveText('no data');
    await expect(
      countCells(/vague answer/)
        .nth(1)
        .locator('.cmp-bar'),
    ).toHaveCount(0);
    await expect(countCells(/vague answer/).nth(2)).toHaveText('1');
    // Once a baseline output is tagged with another mode, its "vague answer" count is a true
    // zero: a stub and "0" (the charts' 3 px), as is the candidate's count of the new mode.
    await page.getByRole('textbox', { name: 'New failure mode' }).fill('wrong device');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await outputs.nth(0).getByRole('button', { name: 'wrong device' }).click();
    await expect(countCells(/wrong device/).nth(1)).toHaveText('1');
    for (const zero of [countCells(/vague answer/).nth(1), countCells(/wrong device/).nth(2)]) {
      await expect(zero).toHaveText('0');
      await expect(zero.locator('.cmp-bar')).toHaveCSS('width', '3px');
    }
    await page.screenshot({ path: 'artifacts/e2e/compare-5-zero-and-no-data.png' });

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

/**
 * A narrow window (960×600, the desktop app's smallest): beside a grid, an open row would
 * leave both unreadable (one output column, a 250 px diff). The open row takes the whole area
 * instead, with Back / Esc to the list and j / k to the neighbouring rows; nothing scrolls
 * sideways. Widened to 1280×800, the grid and the open row are side by side again.
 */
test('in a narrow window the open row takes the whole area, and Esc goes back to the list', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-compare-e2e-')), 'workspace');
  const { baselineRunId, candidateRunId } = await seedCompare(workspaceDir);
  const server = await startServer({ workspaceDir });
  /** Width a region would need beyond its own: 0 when nothing scrolls sideways. */
  const sideways = (selector: string) =>
    page.locator(selector).evaluate((e) => Math.max(0, e.scrollWidth - e.clientWidth));
  const width = async (testId: string) =>
    (await page.getByTestId(testId).boundingBox())?.width ?? 0;
  try {
    await page.setViewportSize({ width: 960, height: 600 });
    await page.goto(
      `${server.url}#/compare/${candidateRunId}?baseline=${encodeURIComponent(baselineRunId)}`,
    );
    await expect(page.getByTestId('compare-count')).toHaveText('8 of 8 rows');
    // The list alone: both output columns whole, beside the item column.
    const area = (await page.locator('.cmp-body').boundingBox())?.width ?? 0;
    expect(await width('compare-grid')).toBeGreaterThan(area - 2);
    expect(await sideways('.compare-grid .vgrid-body')).toBe(0);

    const grid = page.locator('.compare-grid .vgrid-body');
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const focus = page.getByTestId('compare-focus');
    const detail = page.getByTestId('compare-detail');
    await expect(detail.getByRole('heading', { name: /ticket-3/ })).toBeVisible();
    await expect(page.getByTestId('compare-focus-position')).toHaveText('Row 3 of 8');
    // The row has the area to itself, the keys go to it (↑/↓ scroll it), the list is inert.
    expect(await width('compare-focus')).toBeGreaterThan(area - 2);
    await expect(focus.locator('.cmp-focus-body')).toBeFocused();
    expect(await page.locator('.cmp-narrow-list').evaluate((e) => (e as HTMLElement).inert)).toBe(
      true,
    );

    await detail.getByRole('button', { name: 'Show diff' }).click();
    const diff = page.getByTestId('compare-diff');
    await expect(diff.locator('.monaco-diff-editor')).toBeVisible({ timeout: 30_000 });
    // Readable: the diff spans the area, inline (one label a line, as Monaco draws it).
    expect(await width('compare-diff')).toBeGreaterThan(area - 40);
    await expect(diff).toHaveClass(/is-unified/);
    await expect(diff.locator('.monaco-diff-editor')).not.toHaveClass(/side-by-side/);
    expect(await sideways('main.content')).toBe(0);
    expect(await sideways('.cmp-focus-body')).toBe(0);
    await page.screenshot({ path: 'artifacts/e2e/compare-narrow-1-row.png' });
    const findings = await auditBothThemes(page, 'compare: open row in a narrow window');
    saveFindings('compare-narrow', findings);
    expect(blocking(findings)).toEqual([]);

    // j / k and the buttons move between rows without going back to the list.
    await page.keyboard.press('j');
    await expect(detail.getByRole('heading', { name: /ticket-4/ })).toBeVisible();
    await expect(page.getByTestId('compare-focus-position')).toHaveText('Row 4 of 8');
    await page.keyboard.press('k');
    await expect(detail.getByRole('heading', { name: /ticket-3/ })).toBeVisible();
    await focus.getByRole('button', { name: '↓ Next' }).click();
    await expect(detail.getByRole('heading', { name: /ticket-4/ })).toBeVisible();
    await page.keyboard.press('j');
    await expect(detail.getByRole('heading', { name: /ticket-5/ })).toBeVisible();

    // Esc: back to the list, on the row last read, with the keys in the grid again.
    await page.keyboard.press('Escape');
    await expect(focus).toHaveCount(0);
    await expect(grid).toBeFocused();
    const selected = page.locator('.compare-grid [role="row"][aria-selected="true"]');
    await expect(selected).toContainText('ticket-5');
    await expect(selected).toBeInViewport();
    await page.screenshot({ path: 'artifacts/e2e/compare-narrow-2-back.png' });
    await page.keyboard.press('Enter');
    await expect(detail.getByRole('heading', { name: /ticket-5/ })).toBeVisible();
    await focus.getByRole('button', { name: '← Back to list' }).click();
    await expect(focus).toHaveCount(0);
    await expect(grid).toBeFocused();

    // Wide enough again: grid and open row side by side, as before.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(page.locator('.pane-separator')).toBeVisible();
    await grid.focus();
    await page.keyboard.press('Enter');
    await expect(detail.getByRole('heading', { name: /ticket-5/ })).toBeVisible();
    await expect(focus).toHaveCount(0);
    const gridBox = await page.getByTestId('compare-grid').boundingBox();
    const detailBox = await detail.boundingBox();
    expect(detailBox?.x ?? 0).toBeGreaterThan((gridBox?.x ?? 0) + (gridBox?.width ?? 0));

    // The panes' sizes are the user's: kept through a spell in a narrow window.
    const gridWidth = () => width('compare-grid');
    const before = await gridWidth();
    await page.locator('.pane-separator').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(gridWidth).toBeLessThan(before - 20);
    const resized = await gridWidth();
    await page.setViewportSize({ width: 960, height: 600 });
    await expect(page.locator('.pane-separator')).toHaveCount(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(page.locator('.pane-separator')).toBeVisible();
    expect(Math.abs((await gridWidth()) - resized)).toBeLessThan(2);
  } finally {
    await server.stop();
  }
});
