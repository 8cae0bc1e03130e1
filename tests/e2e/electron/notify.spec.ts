/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../../simulator';
import { simulatorSuiteYaml } from '../../support/simulatorSuite';

/**
 * The desktop side of "long work tells you when it ends": the window's title mirrors the page
 * title, the taskbar/dock bar follows the executing runs from the main process and is removed
 * when none is left, and the app's own page may show notifications (the permission handler
 * grants them to app://yardstick only).
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let app: ElectronApplication;
let sim: Simulator;
let home: string;

test.beforeEach(async () => {
  const executablePath = process.env.YARDSTICK_ELECTRON_BINARY;
  if (!executablePath)
    throw new Error('run this suite with `npm run test:electron`, which locates Electron');
  sim = await startSimulator({ latency: 100 });
  home = mkdtempSync(join(tmpdir(), 'yardstick-electron-'));
  app = await electron.launch({
    executablePath,
    args: [repoRoot],
    env: { ...process.env, YARDSTICK_WORKSPACE: join(home, 'workspace'), XDG_CONFIG_HOME: home },
  });
});

test.afterEach(async () => {
  await app.close();
  await sim.close();
});

/** A call through the preload's generic bridge, as the renderer makes it. */
async function invoke<T>(page: Page, route: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    ([r, i]) =>
      (
        window as unknown as {
          yardstick: { invoke(r: string, i: unknown): Promise<{ ok: boolean; value: unknown }> };
        }
      ).yardstick.invoke(r, i),
    [route, input] as const,
  );
  if (!result.ok) throw new Error(`${route} failed: ${JSON.stringify(result)}`);
  return result.value as T;
}

test('the window title and the taskbar bar follow a run; its end is notified when unfocused', async () => {
  const page = await app.firstWindow();
  await expect(page.getByTestId('overview-datasets')).toBeVisible();

  // Every setProgressBar call of the main process, recorded and still made.
  await app.evaluate(({ BrowserWindow }) => {
    const calls: Array<[number, string | null]> = [];
    const proto = BrowserWindow.prototype as unknown as {
      setProgressBar: (this: unknown, p: number, o?: { mode?: string }) => void;
    };
    const original = proto.setProgressBar;
    proto.setProgressBar = function (this: unknown, progress, options) {
      calls.push([progress, options?.mode ?? null]);
      original.call(this, progress, options);
    };
    Object.assign(globalThis, { progressCalls: calls });
  });
  const progressCalls = () =>
    app.evaluate(
      () => (globalThis as unknown as { progressCalls: [number, string][] }).progressCalls,
    );
  const windowTitle = () =>
    app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle() ?? '');

  // The switch asks for permission; the app's own page is granted notifications.
  await page.evaluate(() => (window.location.hash = '#/settings'));
  const toggle = page.getByRole('switch', { name: 'Notify me when long work ends' });
  await toggle.click();
  await expect(toggle).toBeChecked();
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');
  await page.evaluate(() => {
    const Real = window.Notification;
    const made: { title: string; body: string }[] = [];
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        made.push({ title, body: options?.body ?? '' });
      }
      static override get permission() {
        return Real.permission;
      }
    }
    Object.assign(window, { Notification: Recording, madeNotifications: made });
  });

  const items = join(home, 'qa.jsonl');
  writeFileSync(
    items,
    Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ id: `q${i}`, input: `question ${i}`, reference: `answer ${i}` }),
    ).join('\n'),
  );
  await invoke(page, 'datasets.import', { paths: [items], datasetName: 'qa' });
  await expect
    .poll(async () =>
      (await invoke<{ name: string }[]>(page, 'datasets.list', {})).some((d) => d.name === 'qa'),
    )
    .toBe(true);
  const yaml = simulatorSuiteYaml('electron-notify', sim.url);
  await invoke(page, 'runs.start', {
    suite: { yaml },
    plan: { name: 'desk-run' },
    execution: { concurrency: 1 },
  });
  await expect(page).toHaveTitle(/^\d+% · desk-run — Yardstick$/);
  // The native window's title is the page's.
  await expect.poll(windowTitle).toMatch(/^\d+% · desk-run — Yardstick$/);

  // The user is in another application meanwhile.
  await page.evaluate(() => {
    document.hasFocus = () => false;
  });
  await expect(page).toHaveTitle('Yardstick', { timeout: 30_000 });
  await expect.poll(windowTitle).toBe('Yardstick');

  const calls = await progressCalls();
  expect(calls.some(([p]) => p > 0 && p < 1)).toBe(true);
  expect(calls.at(-1)).toEqual([-1, 'normal']);
  await expect
    .poll(() =>
      page.evaluate(
        () => (window as unknown as { madeNotifications: { title: string }[] }).madeNotifications,
      ),
    )
    .toEqual([
      {
        title: 'Run finished',
        body: expect.stringMatching(/^desk-run: 30 ok, 0 errors in /) as unknown as string,
      },
    ]);
});
