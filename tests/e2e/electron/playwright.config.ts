import { defineConfig } from '@playwright/test';

/** The desktop app under Playwright's Electron support. Run through `npm run test:electron`. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../../artifacts/e2e-electron',
  workers: 1,
  forbidOnly: true,
  reporter: [['list']],
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' },
});
