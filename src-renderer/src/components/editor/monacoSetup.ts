import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import YamlWorker from './yaml.worker?worker';

/**
 * Monaco, bundled and served locally (never from a CDN): workers are built by Vite and
 * started from the app's own origin, which the CSP allows (`worker-src 'self' blob:`).
 */
self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    if (label === 'yaml') return new YamlWorker();
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

/** What monaco-yaml (through monaco-worker-manager 2) passes to `createWebWorker`. */
interface LegacyWorkerOptions {
  label?: string;
  moduleId?: string;
  createData?: unknown;
}

/**
 * monaco-yaml still creates its worker the pre-0.55 way, `createWebWorker({ moduleId, label,
 * createData })`; Monaco 0.55 and later want the Worker itself, so without this every YAML
 * request fell back to a main-thread worker that has no YAML service ("Could not create web
 * worker(s)", then "Missing requestHandler or method: doValidation"): no schema completion,
 * hover or validation in the suite editor (remcohaszing/monaco-yaml#272). This starts the YAML
 * worker itself and hands it its create data the way Monaco's own language
 * workers do (monaco-editor/esm/vs/internal/common/workers.js): a first message the worker
 * ignores, then the data.
 */
function createWebWorkerFromOptions<T extends object>(options: LegacyWorkerOptions) {
  const worker = new YamlWorker();
  worker.postMessage('ignore');
  worker.postMessage(options.createData);
  return monaco.editor.createWebWorker<T>({ worker });
}

const yaml = configureMonacoYaml(
  { ...monaco, editor: { ...monaco.editor, createWebWorker: createWebWorkerFromOptions } },
  {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    format: {},
    schemas: [],
  },
);

let currentSchemas = '';

/**
 * Validation and completion for YAML models whose URI matches `fileMatch`. Applied only when it
 * changes: monaco-yaml restarts its worker on every update, which would drop the requests in
 * flight of an editor that has just opened (the suite editor sets the schema each time it opens).
 */
export function setYamlSchema(fileMatch: string, uri: string, schema: JSONSchema) {
  const schemas = [{ fileMatch: [fileMatch], uri, schema }];
  const text = JSON.stringify(schemas);
  if (text === currentSchemas) return;
  currentSchemas = text;
  void yaml.update({ schemas });
}

// vs-dark draws comments in #608b4e, 4.2:1 on its background; WCAG AA asks for 4.5:1.
monaco.editor.defineTheme('yardstick-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'comment', foreground: '6a9955' }],
  colors: {},
});

export function monacoTheme(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'yardstick-dark' : 'vs';
}

export { monaco };
