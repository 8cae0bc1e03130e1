import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A worker script: its entry name in the bundle and its source path under src-main/core. */
export interface WorkerScript {
  /** Key in `mainEntries` (electron.vite.config.ts): built to `out/main/<name>.js`. */
  name: string;
  /** Path of the TypeScript source relative to `src-main/core`, e.g. `runner/engineWorker.ts`. */
  source: string;
}

const here = fileURLToPath(import.meta.url);
/** Running from TypeScript sources (vitest, tsx) rather than the built bundle. */
export const isRunningFromSource = /\.[cm]?ts$/.test(here);

/**
 * Where a worker script is. In the bundle every entry sits flat in `out/main/`, next to the
 * chunk holding this module; from sources it is the `.ts` file under `src-main/core`.
 */
export function workerScriptPath(script: WorkerScript): string {
  return isRunningFromSource
    ? join(dirname(here), '..', script.source)
    : join(dirname(here), `${script.name}.js`);
}

/**
 * From sources, the worker first registers tsx's loader (with the repository's tsconfig, so
 * the `@core`/`@contract` aliases resolve whatever the working directory), then imports the
 * script. Registering inside the worker works on Node 20 and 22 alike, where passing
 * `--import tsx` in `execArgv` does not.
 */
function sourceBootstrap(file: string): string {
  const require = createRequire(import.meta.url);
  const tsxDir = dirname(require.resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const tsconfig = join(dirname(here), '..', '..', '..', 'tsconfig.json');
  return (
    `import(${JSON.stringify(api)})` +
    `.then(({ register }) => { register({ tsconfig: ${JSON.stringify(tsconfig)} }); ` +
    `return import(${JSON.stringify(pathToFileURL(file).href)}); })` +
    `.catch((error) => { setImmediate(() => { throw error; }); });`
  );
}

/** Starts a worker thread running `script`, from the bundle or from sources. */
export function startWorker(script: WorkerScript, options: WorkerOptions = {}): Worker {
  const file = workerScriptPath(script);
  if (!isRunningFromSource) return new Worker(file, options);
  return new Worker(sourceBootstrap(file), { ...options, eval: true });
}
