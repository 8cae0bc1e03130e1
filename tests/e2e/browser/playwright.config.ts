import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';

/** Browser-mode end-to-end tests: Debian's Chromium against `yardstick serve` (the built app). */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../../artifacts/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1400, height: 900 },
  },
});
