/**
 * Benchmarks measure the engine as it ships: bundled JavaScript, the way `out/main` runs in
 * the app and the CLI. Run from TypeScript sources through tsx, every thread also carries
 * tsx's loader (a module-hooks thread, sources compiled as they are first imported), which
 * slowed the engine worker's start-up and added its own memory to the measured process.
 *
 * `bundled(entry)` builds a benchmark entry together with the core's worker entries into
 * `out/bench/` with the app's own aliases and target (flat, so workers sit next to the chunk
 * that starts them, as in `out/main`), and returns the built file to run with `node`.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { aliases, mainEntries } from '../electron.vite.config';

const root = fileURLToPath(new URL('../', import.meta.url));
export const benchOutDir = join(root, 'out', 'bench');

/** Builds `entries` (name → source path from the repository root) and returns their files. */
export async function bundled(entries: Record<string, string>): Promise<Record<string, string>> {
  const { engineWorker, scoringWorker, statsWorker, importWorker } = mainEntries;
  const workers = { engineWorker, scoringWorker, statsWorker, importWorker };
  const input = Object.fromEntries(
    Object.entries({ ...workers, ...entries }).map(([name, path]) => [name, resolve(root, path)]),
  );
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    resolve: { alias: aliases },
    build: {
      // Node bundle: dependencies stay in node_modules, as in out/main.
      ssr: true,
      outDir: benchOutDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input,
        output: {
          format: 'esm',
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  });
  return Object.fromEntries(
    Object.keys(entries).map((name) => [name, join(benchOutDir, `${name}.js`)]),
  );
}
