// Finds the Electron binary without triggering electron's lazy download (electron >= 45
// downloads on first require, which cannot work on an offline machine).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(repoRoot, 'node_modules', 'electron');

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
}

/** The binary's path, or null when it is not installed. */
export function findElectronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist');
  const binary = join(base, relative);
  return existsSync(binary) ? binary : null;
}

/** Tries electron's own installer once (works where the network allows); returns the binary or null. */
export function installElectronBinary() {
  process.stderr.write(
    `Electron ${electronVersion()} binary is not installed; trying to download it…\n`,
  );
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'inherit',
    timeout: 120_000,
  });
  return result.status === 0 ? findElectronBinary() : null;
}
