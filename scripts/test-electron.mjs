// `npm run test:electron`: the Playwright Electron suite. Where the Electron binary cannot be
// obtained it says so plainly and exits non-zero: nothing was tested.
import { spawnSync } from 'node:child_process';
import { findElectronBinary, installElectronBinary, repoRoot } from './electronBinary.mjs';
import { buildElectronNative } from './build-electron-native.mjs';

const binary = findElectronBinary() ?? installElectronBinary();
if (!binary) {
  process.stderr.write(
    '\nELECTRON SUITE NOT RUN: the Electron binary is not installed and could not be downloaded on\n' +
      'this machine. No Electron test ran. The same core, API and renderer are covered by `npm test`\n' +
      '(browser mode in Chromium); run this suite where Electron can be installed.\n',
  );
  process.exit(2);
}
try {
  buildElectronNative();
} catch (error) {
  process.stderr.write(`\nELECTRON SUITE NOT RUN: ${error.message}\n`);
  process.exit(2);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(
  'npx',
  ['playwright', 'test', '-c', 'tests/e2e/electron/playwright.config.ts'],
  {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, YARDSTICK_ELECTRON_BINARY: binary },
  },
);
process.exit(run.status ?? 1);
