// `npm start`: build, make sure Electron and its native module are there, open the desktop app.
import { spawnSync } from 'node:child_process';
import { findElectronBinary, installElectronBinary, repoRoot } from './electronBinary.mjs';
import { buildElectronNative } from './build-electron-native.mjs';

const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const binary = findElectronBinary() ?? installElectronBinary();
if (!binary) {
  process.stderr.write(
    '\nThe Electron binary is not available on this machine (it could not be downloaded), so the desktop\n' +
      'app cannot open here. Everything else works under plain Node: run `npm run web` for browser mode.\n',
  );
  process.exit(1);
}
try {
  buildElectronNative();
} catch (error) {
  process.stderr.write(`\n${error.message}\nRun \`npm run web\` for browser mode instead.\n`);
  process.exit(1);
}
const app = spawnSync(binary, [repoRoot], { stdio: 'inherit' });
process.exit(app.status ?? 0);
