/**
 * The decision view end to end: every candidate against the suite's criteria, a recorded
 * decision with its verdict and reasons in the history, and the exports — the HTML report,
 * downloaded through the window, opens in Chromium and shows the same verdict; the results
 * download as CSV with `yardstick export`'s columns and their provenance file; saving to a path writes the file there; a
 * baseline run with several models asks which one, and the decision records it.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Download } from '@playwright/test';
import type { Decision } from '@contract/routes/scoring';
import { exportColumns } from '@core/runner/export';
import { startServer } from '../support/yardstickServer';
import { invoke } from './labelHelpers';
import { seedResults } from './resultsHelpers';

test.setTimeout(120_000); // Seeding and a server start on a shared machine.

test('a recorded decision, its history, and a report that shows the same verdict', async ({
  page,
  context,
}) => {
  const home = mkdtempSync(join(tmpdir(), 'yardstick-decide-e2e-'));
  const workspaceDir = join(home, 'workspace');
  const { runId, earlierRunId } = await seedResults(workspaceDir);
  const server = await startServer({ workspaceDir });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}#/decide/${runId}`);
    const table = page.getByTestId('criteria-table');
    await expect(table).toBeVisible();
    await expect(table.locator('thead th')).toHaveText([
      'Metric',
      'Acceptable',
      'Ideal',
      'Weight',
      'Hard gate',
      'large',
      'medium',
      'small',
    ]);
    // 0.64 clears 0.6 but its interval does not: a hard gate held as uncertain.
    await expect(page.getByTestId('criterion-small-answer.pass_rate')).toContainText('uncertain');
    await expect(page.getByTestId('preview-verdict-small')).toContainText("Don't ship");

    await page
      .getByTestId('preview-verdict-large')
      .getByRole('button', { name: 'Record decision' })
      .click();
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toBeVisible();
    const stored = await invoke<Decision[]>(page, server, 'scoring.decisions', { runId });
    expect(stored).toHaveLength(1);
    await expect(verdict).toHaveAttribute('data-verdict', stored[0]!.verdict);
    await expect(page.getByTestId('verdict-reasons').locator('li')).toHaveCount(
      stored[0]!.reasons.length,
    );
    await expect(page.getByTestId('decision-history').locator('tbody tr')).toHaveCount(1);
    await page.screenshot({ path: 'artifacts/e2e/decide-verdict.png', fullPage: true });

    // Changing a weight re-evaluates in the core: the sensitivity said latency at weight 0
    // turns the large model's verdict into ship, and the preview follows.
    await page.getByLabel('Weight of latency.p95_ms').fill('0');
    const largeVerdict = page.getByTestId('preview-verdict-large').locator('.verdict-badge');
    await expect(largeVerdict).toHaveText('Ship');
    await page.getByRole('button', { name: "Back to the suite's weights" }).click();
    await expect(largeVerdict).toHaveText('Ship with caveats');

    // The HTML report, downloaded through the window, shows the same verdict offline.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report' }).click(),
    ]);
    const reportFile = join(home, download.suggestedFilename());
    await download.saveAs(reportFile);
    const report = await context.newPage();
    await report.goto(pathToFileURL(reportFile).href);
    // In the words the Decide screen uses ("Don't ship", not the stored "dont_ship").
    const words = { ship: 'Ship', ship_with_caveats: 'Ship with caveats', dont_ship: "Don't ship" };
    await expect(report.locator('.verdict')).toHaveText(words[stored[0]!.verdict]);
    await expect(report.locator('.verdict')).toHaveClass(new RegExp(stored[0]!.verdict));
    await report.screenshot({ path: 'artifacts/e2e/decide-report.png', fullPage: true });
    await report.close();

    // Results as CSV through the window: a job, then the file in chunks, and its provenance
    // file as a second download.
    const twoDownloads = new Promise<Download[]>((resolve) => {
      const got: Download[] = [];
      const onDownload = (d: Download) => {
        got.push(d);
        if (got.length < 2) return;
        page.off('download', onDownload);
        resolve(got);
      };
      page.on('download', onDownload);
    });
    await page.getByRole('button', { name: 'Download results' }).click();
    const [csv, sidecar] = await twoDownloads;
    const csvFile = join(home, csv!.suggestedFilename());
    await csv!.saveAs(csvFile);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe(exportColumns.join(','));
    expect(lines).toHaveLength(1 + 270);
    expect(sidecar!.suggestedFilename()).toBe(`${csv!.suggestedFilename()}.provenance.json`);
    const sidecarFile = join(home, sidecar!.suggestedFilename());
    await sidecar!.saveAs(sidecarFile);
    expect(JSON.parse(readFileSync(sidecarFile, 'utf8'))).toMatchObject({ runId, rows: 270 });
    await expect(page.getByTestId('export-outcome')).toContainText(
      `Results downloaded as ${csv!.suggestedFilename()} (with ${sidecar!.suggestedFilename()})`,
    );

    // Parquet to a path on this machine (the core writes it, with no partial file left).
    const target = join(home, 'results.parquet');
    await page.getByLabel('Results format').selectOption('parquet');
    await page.getByLabel('Save to path').nth(1).fill(target);
    await page.getByRole('button', { name: 'Save results' }).click();
    await expect(page.getByTestId('export-outcome')).toHaveText(`Results written to ${target}`);
    expect(existsSync(target)).toBe(true);
    expect(existsSync(`${target}.part`)).toBe(false);
    await page.screenshot({ path: 'artifacts/e2e/decide-export.png', fullPage: true });

    // A baseline run with two models: the view asks which one the candidates are measured
    // against, and the decision records it.
    await expect(page.getByLabel('Baseline model')).toHaveCount(0);
    await page.getByLabel('Baseline run').selectOption(earlierRunId);
    const baselineModel = page.getByLabel('Baseline model');
    await expect(baselineModel.locator('option')).toHaveText(['small', 'medium']);
    await baselineModel.selectOption('medium');
    await page
      .getByTestId('preview-verdict-large')
      .getByRole('button', { name: 'Record decision' })
      .click();
    await expect(page.getByTestId('decision-history').locator('tbody tr')).toHaveCount(2);
    const [newest] = await invoke<Decision[]>(page, server, 'scoring.decisions', { runId });
    expect(newest).toMatchObject({ baselineRunId: earlierRunId, baselineModel: 'medium' });
    await expect(page.getByTestId('decision-history')).toContainText(`${earlierRunId} · medium`);

    expect(errors).toEqual([]);
    expect(server.outboundConnections()).toEqual([]);
  } finally {
    await server.stop();
  }
});

test('in a 960×600 window, three candidates scroll in their table, never the whole page', async ({
  page,
}) => {
  await page.setViewportSize({ width: 960, height: 600 });
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-decide-narrow-e2e-')), 'ws');
  const { runId } = await seedResults(workspaceDir);
  const server = await startServer({ workspaceDir });
  try {
    await page.goto(`${server.url}#/decide/${runId}`);
    const table = page.getByTestId('criteria-table');
    await expect(table.locator('thead th')).toHaveCount(8); // Five criteria columns, 3 models.
    const sideways = await page
      .locator('main.content')
      .evaluate((m) => Math.max(0, m.scrollWidth - m.clientWidth));
    expect(sideways).toBe(0);
    // The last candidate's verdict stays reachable: scrolled into view inside the table.
    const last = table.locator('tfoot td').last().getByRole('button', { name: 'Record decision' });
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    await page.screenshot({ path: 'artifacts/e2e/decide-narrow.png' });
  } finally {
    await server.stop();
  }
});
