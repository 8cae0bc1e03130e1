import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';

/**
 * The suite YAML as a `yaml` Document, so the form view edits the same text the YAML view
 * shows — comments, key order and formatting of untouched parts are kept. Only structure is
 * read here; validation stays in the core (`suites.validate`).
 */

export type Path = ReadonlyArray<string | number>;

export interface FormModel {
  id: string;
  provider: string;
  model: string;
  temperature: number | null;
  maxTokens: number | null;
}

export interface ProviderLimits {
  concurrency: number | null;
  rpm: number | null;
  tpm: number | null;
}

/** The fields the form view shows, read from the document. */
export interface SuiteFormFields {
  datasetName: string;
  datasetVersion: string;
  models: FormModel[];
  repeats: number | null;
  concurrency: number | null;
  /** `run.cache`: reuse stored responses of identical requests (the schema's default is true). */
  cache: boolean;
  limits: Record<string, ProviderLimits>;
}

export function parseSuiteDoc(text: string): Document.Parsed | null {
  const doc = parseDocument(text);
  return doc.errors.length || !isMap(doc.contents) ? null : doc;
}

function str(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function readFields(doc: Document): SuiteFormFields {
  const models = doc.getIn(['models']);
  const count = isSeq(models) ? models.items.length : 0;
  const providers = doc.getIn(['run', 'providers']);
  const limits: Record<string, ProviderLimits> = {};
  if (isMap(providers))
    for (const pair of providers.items) {
      const name = str((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      limits[name] = {
        concurrency: num(doc.getIn(['run', 'providers', name, 'concurrency'])),
        rpm: num(doc.getIn(['run', 'providers', name, 'rpm'])),
        tpm: num(doc.getIn(['run', 'providers', name, 'tpm'])),
      };
    }
  return {
    datasetName: str(doc.getIn(['dataset', 'name'])),
    datasetVersion: str(doc.getIn(['dataset', 'version']) ?? 'latest'),
    models: Array.from({ length: count }, (_, i) => ({
      id: str(doc.getIn(['models', i, 'id'])),
      provider: str(doc.getIn(['models', i, 'provider'])),
      model: str(doc.getIn(['models', i, 'model'])),
      temperature: num(doc.getIn(['models', i, 'params', 'temperature'])),
      maxTokens: num(doc.getIn(['models', i, 'params', 'max_tokens'])),
    })),
    repeats: num(doc.getIn(['repeats'])),
    concurrency: num(doc.getIn(['run', 'concurrency'])),
    cache: doc.getIn(['run', 'cache']) !== false,
    limits,
  };
}

/** Sets a value (creating missing maps on the way); null or '' removes the key. */
export function setField(doc: Document, path: Path, value: string | number | null) {
  if (value === null || value === '') {
    if (doc.hasIn(path)) doc.deleteIn(path);
    pruneEmpty(doc, path.slice(0, -1));
  } else {
    doc.setIn(path, value);
  }
}

/**
 * Turns the response cache on or off. Off writes `run.cache: false`; on writes `true` over a key
 * already there (keeping its comment) and adds nothing otherwise, as on is the default.
 */
export function setCache(doc: Document, isOn: boolean) {
  if (!isOn) doc.setIn(['run', 'cache'], false);
  else if (doc.hasIn(['run', 'cache'])) doc.setIn(['run', 'cache'], true);
}

/** Removes maps left empty by a deletion (e.g. `params: {}`), up to the top level. */
function pruneEmpty(doc: Document, path: Path) {
  for (let depth = path.length; depth > 1; depth--) {
    const at = path.slice(0, depth);
    const node = doc.getIn(at);
    if (isMap(node) && node.items.length === 0) doc.deleteIn(at);
    else break;
  }
}

/** A dataset version as YAML wants it: `latest`, a number, or `sha256:…`. */
export function versionValue(text: string): string | number {
  return /^\d+$/.test(text) ? Number(text) : text;
}

export function addModel(doc: Document, model: { id: string; provider: string; model: string }) {
  if (!isSeq(doc.getIn(['models']))) doc.setIn(['models'], doc.createNode([]));
  doc.addIn(['models'], doc.createNode(model));
}

export function removeModel(doc: Document, index: number) {
  doc.deleteIn(['models', index]);
}

/** A model id not yet used: `base`, `base-2`, … */
export function freshModelId(existing: readonly string[], base: string): string {
  const clean = base.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'model';
  if (!existing.includes(clean)) return clean;
  for (let n = 2; ; n++) if (!existing.includes(`${clean}-${n}`)) return `${clean}-${n}`;
}

/**
 * The suite text under another name, through the document, so comments, key order and
 * formatting stay as they were. Null when the text is not a YAML mapping.
 */
export function renameSuite(text: string, name: string): string | null {
  const doc = parseSuiteDoc(text);
  if (!doc) return null;
  // Only the name's scalar is rewritten, at its place in the text: re-serialising the whole
  // document would also re-wrap folded scalars (a long description) that nobody touched.
  const node = doc.get('name', true);
  if (isScalar(node) && node.range) {
    const scalar = new Document(name).toString({ lineWidth: 0 }).trimEnd();
    const [start, end] = node.range;
    const spliced = text.slice(0, start) + scalar + text.slice(end);
    if (parseSuiteDoc(spliced)?.get('name') === name) return spliced;
  }
  doc.setIn(['name'], name);
  return doc.toString();
}
