/**
 * "UI equals CLI": the results overview of a finished run shows exactly the figures the built
 * CLI's `yardstick show RUN --json` prints — every model's score and pass rate per scorer with
 * their intervals, latency percentiles, TTFT, cost per success and error rate —
 * compared by raw value (`data-value`, `data-low`, `data-high`) and by the text on screen,
 * formatted with the renderer's own formatter. Then the charts, matrix and heat map render in
 * both themes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Estimate, RunScoreSummary } from '@contract/routes/scoring';
import {
  formatFigure,
  rawFigure,
  type FigureKind,
} from '../../../src-renderer/src/features/results/formatFigures';
import { startServer } from '../support/yardstickServer';
import { zeroBars } from './chartProbe';
import { invoke } from './labelHelpers';
import { cliJson, seedResults } from './resultsHelpers';

test.setTimeout(120_000); // Seeding, a CLI process and a server start on a shared machine.

interface ShowJson {
  runId: string;
  models: Array<{ modelKey: string; ttftMs: { p50: number | null } }>;
  scores: RunScoreSummary;
}

async function expectInterval(page: Page, id: string, e: Estimate | null, kind: FigureKind) {
  const figure = page.locator(`[data-figure="${id}"]`);
  await expect(figure, id).toHaveAttribute('data-value', rawFigure(e?.estimate));
  if (!e || e.estimate === null) return expect(figure, id).toHaveText('—');
  await expect(figure, id).toHaveAttribute('data-low', rawFigure(e.low));
  await expect(figure, id).toHaveAttribute('data-high', rawFigure(e.high));
  await expect(figure, id).toHaveText(
    `${formatFigure(e.estimate, kind)} [${formatFigure(e.low, kind)}, ${formatFigure(e.high, kind)}]`,
  );
}

async function expectValue(page: Page, id: string, value: number | null, kind: FigureKind) {
  const figure = page.locator(`[data-figure="${id}"]`);
  await expect(figure, id).toHaveAttribute('data-value', rawFigure(value));
  await expect(figure, id).toHaveText(formatFigure(value, kind));
}

test('the results overview shows exactly the figures of `yardstick show --json`', async ({
  page,
}) => {
  const workspaceDir = join(mkdtempSync(join(tmpdir(), 'yardstick-results-e2e-')), 'workspace');
  const { runId } = await seedResults(workspaceDir);
  const shown = await cliJson<ShowJson>(workspaceDir, ['show', runId, '--json']);
  expect(shown.scores.models.map((m) => m.modelKey)).toEqual(['large', 'medium', 'small']);
  const server = await startServer({ workspaceDir });
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}#/runs/${runId}`);
    const overview = page.getByTestId('results-overview');
    await expect(overview).toBeVisible();

    let expected = 0;
    for (const model of shown.scores.models) {
      const id = (name: string) => `${model.modelKey}/${name}`;
      for (const s of model.scorers) {
        const score = s.valueType === 'binary' ? s.passRate : s.mean;
        await expectInterval(page, id(`${s.scorerKey}/score`), score, 'score');
        await expectInterval(page, id(`${s.scorerKey}/passRate`), s.passRate, 'rate');
        expected += 2;
      }
      await expectInterval(page, id('latency.p50'), model.latency.p50, 'ms');
      await expectInterval(page, id('latency.p95'), model.latency.p95, 'ms');
      await expectInterval(page, id('latency.p99'), model.latency.p99, 'ms');
      await expectInterval(page, id('cost.perSuccess'), model.operational.costPerSuccessUsd, 'usd');
      await expectInterval(page, id('errorRate'), model.operational.errorRate, 'rate');
      const ttft = shown.models.find((m) => m.modelKey === model.modelKey)?.ttftMs.p50 ?? null;
      expect(ttft, `${model.modelKey} TTFT`).not.toBeNull();
      await expectValue(page, id('ttft.p50'), ttft, 'ms');
      expected += 6;
    }
    // Nothing in the model tables escapes the comparison.
    await expect(overview.locator('.results-model [data-figure]')).toHaveCount(expected);

    // The small model fails sometimes: its error rate is not zero, and the table says so.
    const small = shown.scores.models.find((m) => m.modelKey === 'small')!;
    expect(small.operational.errorRate.estimate).toBeGreaterThan(0);

    const matrix = page.getByTestId('pairwise-matrix');
    await expect(matrix).toContainText('significant');
    await expect(page.getByTestId('pair-large-small')).toHaveClass(/matrix-worse/);
    await expect(page.getByTestId('heat-small-rare')).toHaveClass(/heat-warning/);
    for (const chart of [
      'chart-cost-quality',
      'chart-latency-histogram',
      'chart-latency-cdf',
      'chart-category',
      'chart-trends',
    ])
      await expect(page.getByTestId(chart).locator('svg'), chart).toBeVisible();

    // A category rate of 0 is drawn as a stub with its figure, apart from missing data: the
    // small model answers every billing ticket wrongly.
    const breakdown = await invoke<
      Array<{ modelKey: string; groups: Array<{ group: string; estimate: number | null }> }>
    >(page, server, 'scoring.breakdown', { runId, scorerKey: 'answer', by: 'category' });
    const groups = [...new Set(breakdown.flatMap((m) => m.groups.map((g) => g.group)))];
    const estimates = breakdown.flatMap((m) =>
      groups.map((g) => m.groups.find((x) => x.group === g)?.estimate ?? null),
    );
    const zeros = estimates.filter((e) => e === 0).length;
    expect(zeros).toBeGreaterThan(0);
    expect(await zeroBars(page, 'chart-category')).toEqual({
      zeros,
      withStub: zeros,
      noData: estimates.filter((e) => e === null).length,
    });

    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.screenshot({ path: `artifacts/e2e/results-overview-${theme}.png` });
    await page
      .getByTestId('results-analysis')
      .screenshot({ path: `artifacts/e2e/results-significance-${theme}.png` });
    await page
      .getByTestId('results-charts')
      .screenshot({ path: `artifacts/e2e/results-charts-${theme}.png` });
    await page.keyboard.press('Control+Shift+L');
    const other = theme === 'dark' ? 'light' : 'dark';
    await expect(page.locator('html')).toHaveAttribute('data-theme', other);
    // Chart text follows the theme: the labels are drawn in the new theme's text colour.
    const chartTextColors = () =>
      page.evaluate(() => {
        const probe = document.createElement('span');
        probe.style.color = getComputedStyle(document.documentElement)
          .getPropertyValue('--text')
          .trim();
        document.body.append(probe);
        const want = getComputedStyle(probe).color;
        probe.remove();
        const texts = [...document.querySelectorAll('[data-testid="chart-cost-quality"] svg text')];
        return { want, fills: texts.map((t) => getComputedStyle(t).fill) };
      });
    await expect
      .poll(async () => {
        const { want, fills } = await chartTextColors();
        return fills.includes(want);
      })
      .toBe(true);
    await page
      .getByTestId('results-charts')
      .screenshot({ path: `artifacts/e2e/results-charts-${other}.png` });

    // `]` moves every scorer view to the next scorer.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(']');
    await expect(page.getByLabel('Scorer')).toHaveValue('overlap');
    await expect(
      page.getByRole('heading', { name: 'Pairwise significance · overlap' }),
    ).toBeVisible();
    expect(errors).toEqual([]);
    expect(server.outboundConnections()).toEqual([]);
  } finally {
    await server.stop();
  }
});
