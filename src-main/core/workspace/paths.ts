import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The per-user data directory, computed exactly as Electron's `app.getPath('userData')`
 * does for an app named "Yardstick", so the CLI and the desktop app share one workspace.
 */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Env = process.env,
  home: string = homedir(),
): string {
  const appName = 'Yardstick';
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appName);
}

/** `YARDSTICK_WORKSPACE`, else `<userData>/workspace`. */
export function defaultWorkspaceDir(env: Env = process.env): string {
  return env.YARDSTICK_WORKSPACE || join(userDataDir(process.platform, env), 'workspace');
}

/** The key for file-sealed secrets: outside any workspace. */
export function defaultSecretKeyFile(env: Env = process.env): string {
  return env.YARDSTICK_KEY_FILE || join(userDataDir(process.platform, env), 'keys', 'secret.key');
}

export function workspaceFiles(workspaceDir: string) {
  return {
    database: join(workspaceDir, 'workspace.sqlite'),
    sealedSecrets: join(workspaceDir, 'secrets.sealed.json'),
    log: join(workspaceDir, 'yardstick.log'),
  };
}
