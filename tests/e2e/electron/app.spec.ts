/// <reference lib="dom" />
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let app: ElectronApplication;

test.beforeEach(async () => {
  const executablePath = process.env.YARDSTICK_ELECTRON_BINARY;
  if (!executablePath)
    throw new Error('run this suite with `npm run test:electron`, which locates Electron');
  const home = mkdtempSync(join(tmpdir(), 'yardstick-electron-'));
  app = await electron.launch({
    executablePath,
    args: [repoRoot],
    env: { ...process.env, YARDSTICK_WORKSPACE: join(home, 'workspace'), XDG_CONFIG_HOME: home },
  });
});

test.afterEach(async () => {
  await app.close();
});

test('opens on the example workspace', async () => {
  const page = await app.firstWindow();
  await expect(page.getByTestId('overview-datasets')).toContainText('support-tickets');
  await page.screenshot({ path: 'artifacts/screenshots/electron-overview.png' });
});

test('the renderer is sandboxed: only the generic bridge, no Node, no navigation away', async () => {
  const page = await app.firstWindow();
  await expect(page.getByTestId('overview-datasets')).toBeVisible();
  const exposed = await page.evaluate(() => ({
    bridge: Object.keys((window as unknown as { yardstick: object }).yardstick).sort(),
    hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
    hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
  }));
  expect(exposed).toEqual({ bridge: ['invoke', 'on'], hasRequire: false, hasProcess: false });
  const opened = await page.evaluate(() => window.open('https://example.com') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/yardstick\//);
  const result = await page.evaluate(() =>
    (
      window as unknown as { yardstick: { invoke(r: string, i: unknown): Promise<unknown> } }
    ).yardstick.invoke('workspace.info', {}),
  );
  expect(result).toMatchObject({
    ok: true,
    value: { schemaVersion: expect.any(Number) as unknown },
  });
});
