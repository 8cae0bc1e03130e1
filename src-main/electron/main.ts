import { app, BrowserWindow, dialog } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { createCore, type Core } from '@core/host';
import { resumeInterruptedRuns } from '@core/runner/runManager';
import { finishInterruptedDatasetRemovals } from '@core/datasets/removal/removeDataset';
import { finishInterruptedRemovals } from '@core/runner/runRemoval';
import { userDataDir, defaultWorkspaceDir } from '@core/workspace/paths';
import { registerIpc } from './ipc';
import { KeychainSealedSecrets } from './keychainSecrets';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenApp } from './security';
import { bindTaskbarProgress } from './taskbarProgress';
import { createMainWindow } from './window';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appRoot = fileURLToPath(new URL('../../', import.meta.url));

/** better-sqlite3 built for Electron's ABI by `npm start` (scripts/build-electron-native.mjs). */
function electronNativeBinding(): string | undefined {
  const file = join(
    appRoot,
    'build',
    'electron-native',
    `electron-${process.versions.electron}`,
    'better_sqlite3.node',
  );
  return existsSync(file) ? file : undefined;
}

// Same folder the CLI uses by default, by construction.
app.setPath('userData', userDataDir());
registerAppScheme();

let core: Core | undefined;

async function start() {
  await app.whenReady();
  hardenApp(devServerUrl);
  serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
  const nativeBinding = electronNativeBinding();
  core = createCore({
    workspaceDir: defaultWorkspaceDir(),
    resourcesDir: app.isPackaged
      ? join(process.resourcesPath, 'resources')
      : join(appRoot, 'resources'),
    appVersion: version,
    seedExamples: true,
    sealedSecrets: ({ db }) => new KeychainSealedSecrets(db),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  registerIpc(core, () => BrowserWindow.getAllWindows(), devServerUrl);
  bindTaskbarProgress(core, () => BrowserWindow.getAllWindows());
  // Runs a crash or kill left unfinished continue where they stopped.
  resumeInterruptedRuns(core.context);
  // So do run deletions (the run stays hidden until then).
  finishInterruptedRemovals(core.context);
  // And dataset deletions (the dataset or version stays hidden until then).
  void finishInterruptedDatasetRemovals(core.context);
  createMainWindow(devServerUrl);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(devServerUrl);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
let isClosing = false;
app.on('will-quit', (event) => {
  // Stop runs and workers cleanly before the process ends.
  if (!core || isClosing) return;
  isClosing = true;
  event.preventDefault();
  void core.close().finally(() => app.quit());
});

start().catch((error: unknown) => {
  dialog.showErrorBox('Yardstick could not start', String(error));
  app.exit(1);
});
