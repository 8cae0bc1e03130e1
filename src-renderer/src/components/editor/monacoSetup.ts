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

const yaml = configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  format: {},
  schemas: [],
});

/** Validation and completion for YAML models whose URI matches `fileMatch`. */
export function setYamlSchema(fileMatch: string, uri: string, schema: JSONSchema) {
  void yaml.update({ schemas: [{ fileMatch: [fileMatch], uri, schema }] });
}

export function monacoTheme(theme: 'light' | 'dark'): string {
  return theme === 'dark' ? 'vs-dark' : 'vs';
}

export { monaco };
