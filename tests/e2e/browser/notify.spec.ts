import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../simulator';
import { importQaDataset } from '../support/seedScript';
import { startServer, type RunningServer } from '../support/yardstickServer';
import { simulatorSuiteYaml } from '../../support/simulatorSuite';

/**
 * Long work tells you when it ends: the window title carries the progress of executing runs,
 * and with "Notify me when long work ends" on, a run or a job that ends while the window is
 * not looked at shows a system notification (real Chromium, the real Notification API; an
 * init script records each construction and still builds the real notification).
 *
 * Headless Chromium keeps every page visible and focused whatever is in front (checked: a
 * second page brought to the front, with focus emulation off, leaves the first one
 * `visible` and focused), so "the user switched to another window" is made by overriding
 * `document.hasFocus` and `document.visibilityState` on the page, after opening another page
 * in front as a user would.
 */

let server: RunningServer;
let sim: Simulator;
const shots = 'artifacts/screenshots/notify';

test.beforeEach(async () => {
  // 100 ms per request, one at a time: a 40-cell run lasts about 4 s.
  sim = await startSimulator({ latency: 100 });
  server = await startServer();
});

test.afterEach(async () => {
  await server.stop();
  await sim.close();
});

/** A call as the page makes it, with the server's token. */
async function invoke<T>(route: string, input: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ route, input }),
  });
  const result = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  if (!result.ok) throw new Error(`${route} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

const importQa = (count: number) => importQaDataset(server.workspaceDir, count);

function startRun(name: string, limit: number) {
  const yaml = simulatorSuiteYaml('notify', sim.url);
  return invoke<{ runId: string }>('runs.start', {
    suite: { yaml },
    plan: { name, limit },
    execution: { concurrency: 1 },
  });
}

interface Recorded {
  title: string;
  body: string;
  tag: string;
}

/** Records every `new Notification(…)` and still constructs the real one. */
async function recordNotifications(page: Page) {
  await page.addInitScript(() => {
    const Real = window.Notification;
    const made: { title: string; body: string; tag: string; notification: Notification }[] = [];
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        made.push({
          title,
          body: options?.body ?? '',
          tag: options?.tag ?? '',
          notification: this,
        });
      }
      static override get permission() {
        return Real.permission;
      }
      static override requestPermission(...args: Parameters<typeof Real.requestPermission>) {
        return Real.requestPermission(...args);
      }
    }
    Object.assign(window, { Notification: Recording, madeNotifications: made });
  });
}

const notices = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { madeNotifications: Recorded[] }).madeNotifications.map(
      ({ title, body, tag }) => ({ title, body, tag }),
    ),
  );

/** Clicks the n-th notification the page made, as the system does when the user clicks it. */
const clickNotice = (page: Page, n: number) =>
  page.evaluate((i) => {
    const made = (window as unknown as { madeNotifications: { notification: Notification }[] })
      .madeNotifications;
    made[i]?.notification.dispatchEvent(new Event('click'));
  }, n);

/** The user switches to another window: another page in front, this one hidden and unfocused. */
async function leaveWindow(page: Page) {
  const other = await page.context().newPage();
  await other.goto('about:blank');
  await other.bringToFront();
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.hasFocus = () => false;
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('blur'));
  });
  return other;
}

async function returnToWindow(page: Page) {
  await page.bringToFront();
  await page.evaluate(() => {
    delete (document as { visibilityState?: unknown }).visibilityState;
    document.hasFocus = Document.prototype.hasFocus.bind(document);
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('focus'));
  });
}

async function turnNotificationsOn(page: Page) {
  await page.goto(`${server.url}#/settings`);
  const toggle = page.getByRole('switch', { name: 'Notify me when long work ends' });
  await expect(toggle).not.toBeChecked();
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page.getByRole('button', { name: 'Show a sample notification' })).toBeVisible();
}

const percentOf = (title: string) => Number(/^(?:paused · )?(\d+)% · /.exec(title)?.[1] ?? -1);

test('the title follows a run; its end is told while the window is elsewhere, and the notice opens it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications'], { origin: server.origin });
  await recordNotifications(page);
  await importQa(40);
  await turnNotificationsOn(page);
  await expect(page).toHaveTitle('Yardstick');

  const { runId } = await startRun('notify-run', 40);
  await expect(page).toHaveTitle(/^\d+% · notify-run — Yardstick$/);
  const first = percentOf(await page.title());
  await expect.poll(async () => percentOf(await page.title())).toBeGreaterThan(first);
  await page.screenshot({ path: `${shots}/title-running.png` });

  await invoke('runs.pause', { runId });
  await expect(page).toHaveTitle(/^paused · \d+% · notify-run — Yardstick$/);
  // The preference is kept with the other UI preferences, across a reload; a paused run, which
  // sends no progress, is found again when the page opens.
  await page.reload();
  await expect(page).toHaveTitle(/^paused · \d+% · notify-run — Yardstick$/);
  await expect(page.getByRole('switch', { name: 'Notify me when long work ends' })).toBeChecked();
  await invoke('runs.resume', { runId });
  await expect(page).toHaveTitle(/^\d+% · notify-run — Yardstick$/);

  const other = await leaveWindow(page);
  await expect(page).toHaveTitle('Yardstick', { timeout: 30_000 });
  await expect
    .poll(() => notices(page))
    .toEqual([
      {
        title: 'Run finished',
        body: expect.stringMatching(/^notify-run: 40 ok, 0 errors in \d/) as unknown as string,
        tag: `yardstick-run-${runId}`,
      },
    ]);

  await returnToWindow(page);
  await other.close();
  await clickNotice(page, 0);
  await expect(page).toHaveURL(new RegExp(`#/runs/${runId}$`));
  await expect(page.getByTestId('run-status')).toHaveText('completed');
});

test('nothing pops up while the window is looked at; a job that ends in the background is told', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications'], { origin: server.origin });
  await recordNotifications(page);
  await importQa(5);
  await turnNotificationsOn(page);

  // Focused: the screen shows the end, no notification.
  const { runId } = await startRun('seen-run', 5);
  await expect
    .poll(async () => (await invoke<{ status: string }>('runs.get', { runId })).status)
    .toBe('completed');
  await expect(page).toHaveTitle('Yardstick');
  const backupTo = (name: string) => ({ file: join(server.workspaceDir, 'backups', name) });
  const backupWhileHere = await invoke<{ jobId: string }>(
    'workspace.backup',
    backupTo('while-here.sqlite'),
  );
  await expect
    .poll(() => invoke('workspace.backupResult', { jobId: backupWhileHere.jobId }))
    .not.toBeNull();
  expect(await notices(page)).toEqual([]);

  // Elsewhere: a backup started meanwhile ends, and says so.
  await leaveWindow(page);
  const { jobId } = await invoke<{ jobId: string }>(
    'workspace.backup',
    backupTo('while-away.sqlite'),
  );
  await expect
    .poll(() => notices(page))
    .toEqual([
      {
        title: 'Back up the workspace: done',
        body: expect.stringMatching(/^Finished in \d/) as unknown as string,
        tag: `yardstick-job-${jobId}`,
      },
    ]);
  await returnToWindow(page);
  // Same document (the recorded notification lives in it): move away by the hash.
  await page.evaluate(() => (window.location.hash = '#/overview'));
  await expect(page).toHaveURL(/#\/overview$/);
  await clickNotice(page, 0);
  await expect(page).toHaveURL(/#\/settings$/);
});

test('blocked notifications say so and the switch stays off; older stored preferences still load', async ({
  page,
}) => {
  // What the previous version stored (version 1, before this switch existed).
  await page.addInitScript(() => {
    if (!localStorage.getItem('yardstick.ui'))
      localStorage.setItem(
        'yardstick.ui',
        JSON.stringify({
          state: { themeChoice: 'light', isGettingStartedDismissed: true },
          version: 1,
        }),
      );
  });
  await page.goto(`${server.url}#/settings`);
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();
  const toggle = page.getByRole('switch', { name: 'Notify me when long work ends' });
  await expect(toggle).not.toBeChecked();
  // No permission granted to this context: headless Chromium answers the request with a denial.
  await toggle.click();
  await expect(page.getByTestId('notify-blocked')).toContainText(
    'Notifications are blocked for this page',
  );
  await expect(toggle).not.toBeChecked();
  await page.screenshot({ path: `${shots}/settings-blocked.png` });
});

test('a permission prompt closed without an answer leaves the switch off and says why', async ({
  page,
}) => {
  // Closing the browser's prompt (its ×, or Esc) answers "default": neither granted nor denied.
  // Headless Chromium shows no prompt to close, so the page's request gets that answer here.
  await page.addInitScript(() => {
    Notification.requestPermission = () => Promise.resolve('default');
  });
  await page.goto(`${server.url}#/settings`);
  const toggle = page.getByRole('switch', { name: 'Notify me when long work ends' });
  await toggle.click();
  await expect(page.getByTestId('notify-unanswered')).toContainText(
    'The permission prompt closed without an answer',
  );
  await expect(toggle).not.toBeChecked();
  await expect(toggle).toBeEnabled();
  await expect(page.getByTestId('notify-blocked')).toHaveCount(0);
});
