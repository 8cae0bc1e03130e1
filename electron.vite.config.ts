import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

/** Path aliases: they name the boundary an import crosses (contract, core, renderer). */
export const aliases = {
  '@contract': resolve(root, 'src-main/contract'),
  '@core': resolve(root, 'src-main/core'),
  '@renderer': resolve(root, 'src-renderer/src'),
};

/**
 * Node entry points of the main bundle. Every file lands flat in out/main so that
 * worker threads can be located next to the module that starts them (see
 * src-main/core/runtime/workerEntry.ts).
 */
export const mainEntries = {
  index: 'src-main/electron/main.ts',
  cli: 'src-main/cli/main.ts',
  engineWorker: 'src-main/core/runner/engineWorker.ts',
  scoringWorker: 'src-main/core/scoring/scoringWorker.ts',
  statsWorker: 'src-main/core/stats/statsWorker.ts',
  importWorker: 'src-main/core/datasets/import/importWorker.ts',
  checkWorker: 'src-main/core/workspace/checkWorker.ts',
};

export default defineConfig({
  main: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/main',
      // The same bundle runs in Electron (Node 22+) and under plain Node 20 (CLI, browser mode).
      target: 'node20',
      rolldownOptions: {
        input: Object.fromEntries(
          Object.entries(mainEntries).map(([k, v]) => [k, resolve(root, v)]),
        ),
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    resolve: {
      alias: [
        ...Object.entries(aliases).map(([find, replacement]) => ({ find, replacement })),
        // monaco-yaml's worker imports `monaco-editor/esm/vs/…`, a path monaco-editor 0.57's
        // exports map does not expose; point it at the file.
        {
          find: /^monaco-editor\/esm\/vs\/(.*)$/,
          replacement: resolve(root, 'node_modules/monaco-editor/esm/vs/$1'),
        },
      ],
    },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
