import { basename, extname } from 'node:path';
import { canonicalJson, sha256Hex } from '../../util/hash';
import { normaliseTags } from '../contentHash';
import type { NewItem } from '../versionWriter';
import { extractChat } from './chatLog';
import type { ImportProblem } from './problems';
import type { SourceRecord } from './records';

/** Item fields a column can be mapped to; plus `metadata.<name>` for one metadata key. */
export const mappableFields = [
  'id',
  'input',
  'reference',
  'category',
  'group',
  'tags',
  'metadata',
  'inputFormat',
] as const;
export type MappableField = (typeof mappableFields)[number];

/**
 * Header names recognised without a `--map`, compared case- and punctuation-insensitively,
 * in priority order (the first present wins).
 */
const autoNames: Record<Exclude<MappableField, 'metadata'>, string[]> = {
  id: [
    'id',
    '_id',
    'uid',
    'itemid',
    'taskid',
    'key',
    'questionid',
    'qid',
    'idx',
    'customid',
    'requestid',
  ],
  input: ['input', 'question', 'prompt', 'query', 'instruction', 'problem', 'text', 'messages'],
  reference: [
    'reference',
    'answer',
    'expected',
    'expectedoutput',
    'target',
    'bestanswer',
    'idealanswer',
    'ideal',
    'gold',
    'correctanswer',
    'canonicalsolution',
    'label',
    'output',
  ],
  category: ['category', 'subject', 'topic', 'class'],
  group: ['group', 'groupid', 'conversationid', 'threadid', 'sessionid'],
  tags: ['tags'],
  inputFormat: ['inputformat'],
};

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The mapping Yardstick would use for these columns: explicit entries win, the rest by name. */
export function autoMapping(
  columns: readonly string[],
  options: { chat: boolean },
): Record<string, string> {
  const mapping: Record<string, string> = {};
  const byName = new Map(columns.map((c) => [normaliseName(c), c]));
  for (const [field, names] of Object.entries(autoNames)) {
    // Chat logs: input and reference come from the conversation, the id from each line (see mapRecord).
    if (options.chat && ['input', 'reference', 'inputFormat', 'id'].includes(field)) continue;
    const column = names.map((n) => byName.get(n)).find((c) => c !== undefined);
    if (column !== undefined && !Object.values(mapping).includes(column)) mapping[field] = column;
  }
  const metadata = byName.get('metadata');
  if (metadata !== undefined && !Object.values(mapping).includes(metadata))
    mapping.metadata = metadata;
  return mapping;
}

export interface ResolvedMapping {
  /** field → column or `{template}` text. */
  readonly entries: Readonly<Record<string, string>>;
  readonly chat: boolean;
  /** Put columns no field uses into metadata (default true). */
  readonly keepUnmapped: boolean;
  readonly categoryFromFile: boolean;
}

const templatePattern = /\{([^{}]+)\}/g;

function isTemplate(source: string): boolean {
  return /\{[^{}]+\}/.test(source);
}

/** Columns a mapping entry reads: the column itself, or every `{name}` in a template. */
export function columnsOf(source: string): string[] {
  if (!isTemplate(source)) return [source];
  return [...source.matchAll(templatePattern)].map((m) => m[1] as string);
}

/**
 * Checks a mapping against the known columns (when known) and merges it over the automatic
 * one. Returns the problems that make the whole file unusable: an unknown field, a column
 * that is not there, or no input at all.
 */
export function resolveMapping(
  file: string,
  columns: readonly string[] | null,
  explicit: Readonly<Record<string, string>>,
  options: {
    chat: boolean;
    keepUnmapped: boolean;
    categoryFromFile: boolean;
    strictColumns: boolean;
  },
): { mapping: ResolvedMapping; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const fileProblem = (message: string, column: string | null = null) =>
    problems.push({ file, line: null, column, message });
  for (const field of Object.keys(explicit)) {
    if (!(mappableFields as readonly string[]).includes(field) && !/^metadata\.[^.]+/.test(field)) {
      fileProblem(
        `unknown field "${field}" in the mapping (use one of ${mappableFields.join(', ')}, or metadata.<name>)`,
      );
    }
  }
  const entries = { ...autoMapping(columns ?? [], options), ...explicit };
  for (const [field, source] of Object.entries(entries)) if (source === '') delete entries[field];
  if (columns && options.strictColumns) {
    for (const [field, source] of Object.entries(explicit)) {
      for (const column of columnsOf(source)) {
        if (!columns.includes(column) && !columns.includes(column.split('.')[0] ?? column)) {
          fileProblem(
            `column "${column}" (mapped to ${field}) is not in the file; its columns are: ${columns.join(', ')}`,
            column,
          );
        }
      }
    }
  }
  if (!options.chat && entries.input === undefined) {
    fileProblem(
      `no input column: none of ${autoNames.input.join(', ')} is present${columns ? ` (columns: ${columns.join(', ')})` : ''}; map one with --map input=COLUMN (in the app: the Columns step)`,
      'input',
    );
  }
  return {
    mapping: {
      entries,
      chat: options.chat,
      keepUnmapped: options.keepUnmapped,
      categoryFromFile: options.categoryFromFile,
    },
    problems,
  };
}

/** A value by column name, or by dotted path into nested JSON (`answer_info.ans0`). */
export function valueAt(values: Record<string, unknown>, column: string): unknown {
  if (Object.hasOwn(values, column)) return values[column];
  let current: unknown = values;
  for (const part of column.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part))
      return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Text of a cell: strings as they are (empty → null), numbers and booleans printed, objects as JSON. */
export function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function parseTags(value: unknown): string[] | string {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (typeof value !== 'string') return 'tags must be a list or text';
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed))
        return parsed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    } catch {
      return 'tags look like a JSON array but do not parse';
    }
  }
  return text
    .split(/[,;|]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function parseMetadataObject(value: unknown): Record<string, unknown> | string {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      // fall through to the problem below
    }
  }
  return 'metadata must be a JSON object';
}

function isMessagesArray(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (m) =>
        m !== null && typeof m === 'object' && typeof (m as { role?: unknown }).role === 'string',
    )
  );
}

/**
 * An id for an item without one: "h" + the first 16 hex digits of the sha256 of the RFC 8785
 * JSON of its other hashed fields (docs/datasets.md). The same content always gets the same id.
 */
export function derivedKey(item: Omit<NewItem, 'key'>): string {
  return `h${sha256Hex(
    canonicalJson({
      inputFormat: item.inputFormat ?? 'text',
      input: item.input,
      reference: item.reference,
      category: item.category,
      groupId: item.groupId,
      tags: normaliseTags(item.tags ?? []),
      metadata: item.metadata ?? {},
    }),
  ).slice(0, 16)}`;
}

/** Where a chat log line keeps its id, in order of preference. */
export const chatIdFields = ['id', 'custom_id', 'request_id', 'trace_id'];

export function fileStem(file: string): string {
  return basename(file, extname(file));
}

export type MappedRecord =
  | { ok: true; item: NewItem & { inputFormat: 'text' | 'messages' }; isDerivedKey: boolean }
  | { ok: false; problems: ImportProblem[] };

/** Turns one source record into an item, or says exactly what is wrong with it. */
export function mapRecord(record: SourceRecord, mapping: ResolvedMapping): MappedRecord {
  const { file, line, values } = record;
  const problems: ImportProblem[] = [];
  const problem = (column: string | null, message: string) =>
    problems.push({ file, line, column, message });
  const used = new Set<string>();
  const read = (field: string): unknown => {
    const source = mapping.entries[field];
    if (source === undefined) return undefined;
    if (!isTemplate(source)) {
      used.add(source.split('.')[0] ?? source);
      return valueAt(values, source);
    }
    return source.replace(templatePattern, (_m, name: string) => {
      used.add(name.split('.')[0] ?? name);
      const value = valueAt(values, name);
      if (value === undefined)
        problem(name, `missing field "${name}" (used in the ${field} template)`);
      return asText(value) ?? '';
    });
  };

  let input: string | null = null;
  let inputFormat: 'text' | 'messages' = 'text';
  let reference: string | null = null;
  const metadata: Record<string, unknown> = {};
  if (mapping.chat && mapping.entries.input === undefined) {
    const chat = extractChat(values);
    if (!chat.ok) {
      problem(chat.field, chat.message);
    } else {
      input = JSON.stringify(chat.messages);
      inputFormat = 'messages';
      reference = chat.reference;
      chat.consumed.forEach((key) => used.add(key));
      if (chat.model !== null && !('model' in values)) metadata.model = chat.model;
    }
  } else {
    const raw = read('input');
    if (isMessagesArray(raw)) {
      input = JSON.stringify(raw);
      inputFormat = 'messages';
    } else {
      input = asText(raw);
    }
    if (input === null && problems.length === 0) {
      const source = mapping.entries.input ?? 'input';
      problem(
        source,
        raw === undefined ? `missing field "${source}" (mapped to input)` : 'input is empty',
      );
    }
  }
  if (mapping.entries.reference !== undefined) reference = asText(read('reference'));

  const declaredFormat = asText(read('inputFormat'));
  if (declaredFormat === 'messages' || declaredFormat === 'text') inputFormat = declaredFormat;
  else if (declaredFormat !== null)
    problem(
      mapping.entries.inputFormat ?? null,
      `input format must be "text" or "messages", not "${declaredFormat}"`,
    );
  if (inputFormat === 'messages' && input !== null && !isMessagesArray(safeParse(input))) {
    problem(
      mapping.entries.input ?? 'messages',
      'a messages input must be a JSON array of {role, content} objects',
    );
  }

  const idSource = mapping.entries.id;
  let key = idSource === undefined ? null : asText(read('id'));
  if (idSource !== undefined && key === null) problem(idSource, 'id is empty');
  if (mapping.chat && idSource === undefined) {
    // Gateways and batch files name a line's id differently; the first one present wins.
    const idField = chatIdFields.find((f) => asText(values[f]) !== null);
    if (idField !== undefined) {
      key = asText(values[idField]);
      used.add(idField);
    }
  }

  let category = asText(read('category'));
  if (category === null && mapping.categoryFromFile && mapping.entries.category === undefined)
    category = fileStem(file);
  const groupId = asText(read('group'));
  const tags = parseTags(read('tags'));
  if (typeof tags === 'string') problem(mapping.entries.tags ?? null, tags);

  if (mapping.keepUnmapped) {
    for (const [column, value] of Object.entries(values)) {
      if (
        !used.has(column) &&
        !Object.values(mapping.entries).includes(column) &&
        value !== undefined
      )
        metadata[column] = value;
    }
  }
  const whole = parseMetadataObject(read('metadata'));
  if (typeof whole === 'string') problem(mapping.entries.metadata ?? null, whole);
  else Object.assign(metadata, whole);
  for (const field of Object.keys(mapping.entries)) {
    if (field.startsWith('metadata.')) {
      const value = read(field);
      if (value !== undefined) metadata[field.slice('metadata.'.length)] = value;
    }
  }
  if (problems.length > 0 || input === null || typeof tags === 'string')
    return { ok: false, problems };
  const item = { input, inputFormat, reference, category, groupId, tags, metadata };
  return key === null
    ? { ok: true, item: { key: derivedKey(item), ...item }, isDerivedKey: true }
    : { ok: true, item: { key, ...item }, isDerivedKey: false };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
