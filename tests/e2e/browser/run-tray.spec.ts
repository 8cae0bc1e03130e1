/**
 * Screens that show a running run agree with it. The job tray beside a run's page says what
 * the page says. Found by walking a run in browser
 * mode: the tray read "6.0/s · 23 s left" beside the page's "9.8 cells/s · 14 s left", kept
 * counting down while the run was paused (the page said 1/1 in flight through it), and kept
 * the run's old name after F2 renamed it.
 * The Overview's recent runs and counts follow a run to its end: they said "running 0 / 12"
 * and the responses of before long after the run had completed. Real Chromium, the built app,
 * runs on the provider simulator.
 */
import { expect, test } from '@playwright/test';
import { startSimulator, type Simulator } from '../../simulator';
import { simulatorSuiteYaml } from '../../support/simulatorSuite';
import { importQaDataset } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { invoke } from './labelHelpers';

let server: RunningServer;
let sim: Simulator;

test.beforeEach(async () => {
  // 100 ms per request, one at a time: 80 cells last about 8 s, time to pause and rename.
  sim = await startSimulator({ latency: 100 });
  server = await startServer();
});

test.afterEach(async () => {
  await server.stop();
  await sim.close();
});

const importQa = (count: number) => importQaDataset(server.workspaceDir, count);

test('the tray shows the run page’s rate, says paused with no time left, and follows F2', async ({
  page,
}) => {
  await importQa(80);
  const { runId } = await invoke<{ runId: string }>(page, server, 'runs.start', {
    suite: { yaml: simulatorSuiteYaml('tray', sim.url) },
    plan: { name: 'tray check' },
    execution: { concurrency: 1 },
  });
  await page.goto(`${server.url}#/runs/${runId}`);
  const figures = page.getByTestId('run-figures');
  const tray = page.getByTestId('job').filter({ hasText: /^Run / });
  await expect(figures).toContainText(/[\d.]+ cells\/s/);
  await expect(tray).toContainText(/ left · /);

  // Paused, the figures hold still: the same rate on both, and no time left on either.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await expect(tray).toContainText(' · paused · ');
  const rate = /([\d.,]+) cells\/s/.exec((await figures.textContent()) ?? '')?.[1];
  expect(rate).toBeDefined();
  await expect(tray).toContainText(` · ${rate}/s · paused · `);
  await expect(tray).not.toContainText(' left');
  await expect(figures).not.toContainText(' left');
  // Paused means drained: the lanes say nothing is in flight.
  await expect(page.locator('.rn-lanes')).toContainText(': 0/1 in flight');

  // Renamed while it executes: the tray names it as the heading does.
  await page.keyboard.press('F2');
  await page.getByLabel('Run name').fill('tray check, renamed');
  await page.getByLabel('Run name').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'tray check, renamed' })).toBeVisible();
  await expect(tray.locator('strong')).toHaveText('Run tray check, renamed');
  await page.screenshot({ path: 'artifacts/e2e/run-tray-paused.png' });

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(tray).not.toContainText('paused');
  await page.getByRole('button', { name: 'Cancel' }).first().click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled');
});

test('the Overview follows a run live and to its end: status, cells and responses', async ({
  page,
}) => {
  await importQa(30);
  await page.goto(server.url);
  await expect(page.getByTestId('count-runs')).toContainText('0');
  const { runId } = await invoke<{ runId: string }>(page, server, 'runs.start', {
    suite: { yaml: simulatorSuiteYaml('overview', sim.url) },
    plan: { name: 'overview follows' },
    execution: { concurrency: 1 },
  });
  const row = page.getByTestId(`overview-run-${runId}`);
  // Live while it runs: the cells done move before the run ends (30 cells, about 3 s).
  await expect(row).toContainText(/running\s*([1-9]\d*) \/ 30/);
  await expect(row).toContainText(/completed\s*30 \/ 30/);
  const counts = await invoke<{ counts: { responses: number } }>(
    page,
    server,
    'workspace.overview',
    {},
  );
  expect(counts.counts.responses).toBe(30);
  await expect(page.getByTestId('count-responses')).toContainText('30');
});

test('deleting a paused run from its page asks nothing more of it: no refused runs.get', async ({
  page,
}) => {
  // Found by an audit: the run page kept re-reading the run while it was being deleted (the
  // deletion ends its execution and announces the change), each read refused with a 404.
  await importQa(80);
  const { runId } = await invoke<{ runId: string }>(page, server, 'runs.start', {
    suite: { yaml: simulatorSuiteYaml('doomed', sim.url) },
    plan: { name: 'doomed' },
    execution: { concurrency: 1 },
  });
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.status() < 400 || !response.url().endsWith('/api/invoke')) return;
    const body = response.request().postDataJSON() as { route?: string } | null;
    refused.push(`${response.status()} ${body?.route ?? '?'}`);
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(`${server.url}#/runs/${runId}`);
  await expect(page.getByTestId('run-figures')).toContainText(/[\d.]+ cells\/s/);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');

  await page.getByRole('button', { name: 'Delete run…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete run doomed' });
  await dialog.getByRole('button', { name: 'Delete run' }).click();
  await expect(page).toHaveURL(/#\/runs$/);
  await expect(page.getByTestId(`run-row-${runId}`)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  // Late events (the execution's end, the list's change) must not send the page asking either.
  await page.waitForTimeout(500);
  expect(refused).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('pausing says "Pausing…" until the core has paused; a cancelled run says Resume continues it', async ({
  page,
}) => {
  // Found in a walk: a pause waits for the requests in flight (2–6 s behind a Retry-After)
  // and the page and tray said "running" all along, the buttons still live.
  await importQa(80);
  const { runId } = await invoke<{ runId: string }>(page, server, 'runs.start', {
    suite: { yaml: simulatorSuiteYaml('pausing', sim.url) },
    plan: { name: 'pausing check' },
    execution: { concurrency: 1 },
  });
  await page.goto(`${server.url}#/runs/${runId}`);
  const status = page.getByTestId('run-status');
  const tray = page.getByTestId('job').filter({ hasText: /^Run / });
  await expect(page.getByTestId('run-figures')).toContainText(/[\d.]+ cells\/s/);
  // From the next request on, each answer takes 3 s: the pause waits for the one in flight.
  sim.setConfig({ latency: 3000 });
  await page.waitForTimeout(400);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(status).toHaveText('pausing…');
  await expect(page.getByRole('button', { name: 'Pausing…' })).toBeDisabled();
  const controls = page.locator('.rn-controls');
  await expect(controls.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await expect(tray).toContainText(' · pausing · ');
  // Survives a reload: the state is the core's, not the page's.
  await page.reload();
  await expect(status).toHaveText('pausing…');
  await expect(status).toHaveText('paused', { timeout: 10_000 });
  await expect(tray).toContainText(' · paused · ');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeEnabled();
  // A paused run resumes in place: no hint needed.
  await expect(page.locator('.rn-resume-hint')).toHaveCount(0);

  sim.setConfig({ latency: 100 });
  await controls.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveText('cancelled');
  const resume = page.getByRole('button', { name: 'Resume' });
  await expect(resume).toHaveAttribute(
    'title',
    'Resume — continue this run; answered cells are kept',
  );
  await expect(resume).toHaveAccessibleDescription('Continue this run; answered cells are kept');
});
