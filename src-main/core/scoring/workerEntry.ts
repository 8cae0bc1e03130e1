/**
 * Locates a worker script in both worlds: from TypeScript sources (vitest, tsx, `npm run`
 * scripts) the `.ts` file next to the calling module, started with tsx loaded; from the
 * electron-vite bundle, `<name>.js`, which must be an entry of `mainEntries` in
 * electron.vite.config.ts so that it lands flat in out/main next to the calling chunk.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WorkerScript {
  filename: string;
  execArgv: string[];
}

export function workerScript(callerUrl: string, name: string): WorkerScript {
  if (callerUrl.endsWith('.ts')) {
    return { filename: new URL(`./${name}.ts`, callerUrl).href, execArgv: ['--import', 'tsx'] };
  }
  const bundled = new URL(`./${name}.js`, callerUrl);
  if (!existsSync(fileURLToPath(bundled))) {
    throw new Error(
      `the worker script ${name}.js is missing next to ${fileURLToPath(callerUrl)}: add it to mainEntries in electron.vite.config.ts`,
    );
  }
  return { filename: bundled.href, execArgv: [] };
}
