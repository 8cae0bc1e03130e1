// Builds better-sqlite3 for Electron's ABI into build/electron-native/electron-<version>/,
// leaving node_modules' Node build (used by tests, the CLI and browser mode) untouched.
// The Electron layer passes this file to better-sqlite3's `nativeBinding` option.
// Needs Electron's headers, so it runs only on the `npm start` / packaging path.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { electronVersion, repoRoot } from './electronBinary.mjs';

export function electronNativeBindingPath(version = electronVersion()) {
  return join(repoRoot, 'build', 'electron-native', `electron-${version}`, 'better_sqlite3.node');
}

export function buildElectronNative() {
  const version = electronVersion();
  const target = electronNativeBindingPath(version);
  if (existsSync(target)) return target;
  const work = join(repoRoot, 'build', 'electron-native', 'src');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(repoRoot, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  const nodeGyp = process.env.npm_config_node_gyp;
  const command = nodeGyp ? [process.execPath, nodeGyp] : ['npx', '--yes', 'node-gyp'];
  process.stderr.write(
    `Building better-sqlite3 for Electron ${version} (downloads Electron's headers)…\n`,
  );
  const env = { ...process.env, npm_config_nodedir: '' };
  const result = spawnSync(
    command[0],
    [
      ...command.slice(1),
      'rebuild',
      '--release',
      `--target=${version}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit', env },
  );
  if (result.status !== 0) {
    throw new Error(
      'could not build better-sqlite3 for Electron (are Electron headers reachable?)',
    );
  }
  mkdirSync(join(target, '..'), { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.stdout.write(`${buildElectronNative()}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
