/**
 * The Calibrate screen end to end: a judge scored by the real scoring engine (the provider
 * simulator's pairwise judge, with a planted position bias) against a human session over the
 * same outputs — agreement with its interval, the confusion heat map, the position-bias probe,
 * judge-corrected estimates, and the disagreements side by side.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, startServer } from '../support/yardstickServer';
import { heatLabels, zeroBars } from './chartProbe';
import { unlabelledFields } from './fieldLabels';
import { invoke } from './labelHelpers';

test.setTimeout(120_000); // Seeding scores 80 judge calls and starts a server on a shared machine.

async function seed(workspaceDir: string): Promise<{ runId: string; sessionId: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'tests/e2e/browser/calibrateSeed.ts'), workspaceDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`seeding failed (${String(code)}): ${err}`);
  return JSON.parse(out.trim()) as { runId: string; sessionId: string };
}

test('the Calibrate screen finds the judge’s position bias and shows its disagreements', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-calibrate-e2e-')), 'workspace');
  const { runId, sessionId } = await seed(workspaceDir);
  const server = await startServer({ workspaceDir });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Calibrate', exact: true }).click();
    const report = page.getByTestId('calibration-report');
    await expect(report).toBeVisible();
    await expect(page.getByLabel('Judge', { exact: true })).toContainText(
      'versus (judge-pairwise)',
    );
    await expect(page.getByTestId('position-verdict')).toHaveText('favours the first position');
    // Every field of the report and of the versions panel below it has a name.
    await expect(page.getByRole('heading', { name: 'Versions compared' })).toBeVisible();
    expect(await unlabelledFields(page)).toEqual([]);
    await expect(page.getByTestId('confusion-chart').locator('svg')).toBeVisible();
    await expect(page.getByTestId('ppi-estimates')).toContainText('candidate');
    const first = page.getByTestId('disagreements').locator('li').first();
    await expect(first).toContainText('Judge reasoning');
    await expect(first).toContainText('the other one misses the record');
    // Every number on the screen is the core's: the agreement shown is the route's.
    const value = await invoke<{
      comparison: { agreement: { estimate: number }; confusion: { counts: number[][] } };
      scaleUse: {
        judge: { shares: Array<number | null> };
        human: { shares: Array<number | null> };
      };
    }>(page, server, 'calibration.report', { sessionId, runId, scorerKey: 'versus' });
    await expect(report.locator('.stat-value').first()).toHaveText(
      value.comparison.agreement.estimate.toFixed(3),
    );
    await page.screenshot({ path: 'artifacts/screenshots/calibrate.png', fullPage: true });
    // A share of 0 is a stub with its figure, not a gap: the seed's people never call a tie.
    const shares = [...value.scaleUse.judge.shares, ...value.scaleUse.human.shares];
    expect(shares.filter((x) => x === 0).length).toBeGreaterThan(0);
    expect(await zeroBars(page, 'scale-use-chart')).toEqual({
      zeros: shares.filter((x) => x === 0).length,
      withStub: shares.filter((x) => x === 0).length,
      noData: shares.filter((x) => x === null).length,
    });
    // The heat map follows the theme: in the light one its cells run from a tint of the page to
    // the accent (no dark blocks), and every count in a cell keeps 4.5:1 against it.
    const cellCount = value.comparison.confusion.counts.flat().length;
    const expectReadableCells = async (theme: string) => {
      const labels = await heatLabels(page, 'confusion-chart');
      const sorted = (xs: string[]) => [...xs].sort();
      expect(sorted(labels.map((l) => l.text)), theme).toEqual(
        sorted(value.comparison.confusion.counts.flat().map(String)),
      );
      expect(
        labels.filter((l) => l.ratio < 4.5),
        `${theme}: labels below 4.5:1`,
      ).toEqual([]);
      return labels;
    };
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const light = await expectReadableCells('light');
    const accent = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
    );
    expect(light).toHaveLength(cellCount);
    // The emptiest cell is light (dark ink on it), the fullest is the accent itself.
    const byCount = [...light].sort((a, b) => Number(a.text) - Number(b.text));
    expect(byCount[byCount.length - 1]?.fill).toBe(accent);
    expect(byCount[0]?.ink).toBe(
      await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--text').trim(),
      ),
    );
    // The charts follow the theme: in the dark one, axis labels and the legend are drawn in
    // its muted text colour, not in ECharts' own grey (#54555a, about 2.5:1 on that background).
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const muted = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--text-muted').trim(),
    );
    for (const chart of ['confusion-chart', 'scale-use-chart']) {
      const label = page.getByTestId(chart).locator('svg text', { hasText: /^baseline$/ });
      await expect(label.first()).toHaveAttribute('fill', muted);
    }
    await expect(
      page.getByTestId('scale-use-chart').locator('svg text', { hasText: /^people$/ }),
    ).not.toHaveAttribute('fill', '#54555a');
    await expect
      .poll(async () => (await heatLabels(page, 'confusion-chart')).map((l) => l.fill))
      .not.toEqual(light.map((l) => l.fill));
    const dark = await expectReadableCells('dark');
    expect(dark.find((l) => l.text === byCount[byCount.length - 1]?.text)?.fill).toBe(
      await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
      ),
    );
    expect(await zeroBars(page, 'scale-use-chart')).toMatchObject({
      withStub: shares.filter((x) => x === 0).length,
    });
    await page
      .getByTestId('confusion-chart')
      .screenshot({ path: 'artifacts/screenshots/calibrate-confusion-dark.png' });
    expect(errors).toEqual([]);
    expect(server.outboundConnections()).toEqual([]);
  } finally {
    await server.stop();
  }
});
