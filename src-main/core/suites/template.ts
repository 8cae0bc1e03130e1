import type { ChatMessage, ChatRole } from '../providers/types';

/**
 * The prompt template language: plain text with `{{variable}}` slots and nothing else — no
 * expressions, loops or code, so a suite file can never run anything. Variables:
 * `{{input}}`, `{{reference}}`, `{{category}}`, `{{key}}` and `{{metadata.a.b}}`; spaces inside
 * the braces are allowed; `\{{` writes a literal `{{`.
 */

export type TemplateVariable =
  | { kind: 'field'; name: 'input' | 'reference' | 'category' | 'key' }
  | { kind: 'metadata'; path: readonly string[] };

export type TemplatePart = { text: string } | { variable: TemplateVariable; source: string };

export interface ParsedTemplate {
  parts: TemplatePart[];
  errors: string[];
}

const fieldNames = new Set(['input', 'reference', 'category', 'key']);
const metadataPattern = /^metadata((?:\.[A-Za-z0-9_-]+)+)$/;

function variableOf(name: string): TemplateVariable | null {
  if (fieldNames.has(name))
    return { kind: 'field', name: name as 'input' | 'reference' | 'category' | 'key' };
  const match = metadataPattern.exec(name);
  if (match?.[1]) return { kind: 'metadata', path: match[1].slice(1).split('.') };
  return null;
}

export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const errors: string[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\{{', i)) {
      literal += '{{';
      i += 3;
      continue;
    }
    if (!text.startsWith('{{', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const close = text.indexOf('}}', i + 2);
    if (close < 0) {
      errors.push(
        `"{{" at character ${i + 1} is never closed with "}}" (write \\{{ for a literal)`,
      );
      literal += text.slice(i);
      break;
    }
    const name = text.slice(i + 2, close).trim();
    const variable = variableOf(name);
    if (!variable) {
      errors.push(
        `unknown variable {{${name}}}: use input, reference, category, key or metadata.<name>`,
      );
    } else {
      if (literal) parts.push({ text: literal });
      literal = '';
      parts.push({ variable, source: name });
    }
    i = close + 2;
  }
  if (literal) parts.push({ text: literal });
  return { parts, errors };
}

/** The fields of a dataset item a template can read. */
export interface TemplateItem {
  key: string;
  inputFormat: 'text' | 'messages';
  input: string;
  reference: string | null;
  category: string | null;
  metadata: Record<string, unknown>;
}

/** Reads `metadata.a.b`; undefined when any step is missing. */
export function metadataValue(metadata: unknown, path: readonly string[]): unknown {
  let value: unknown = metadata;
  for (const step of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step))
      return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function inputAsText(item: TemplateItem): string {
  if (item.inputFormat !== 'messages') return item.input;
  return parseItemMessages(item)
    .map((m) => `${m.role}: ${m.content}`)
    .join('\n');
}

/** The conversation of a `messages`-format item. */
export function parseItemMessages(item: TemplateItem): ChatMessage[] {
  const value = JSON.parse(item.input) as unknown;
  if (!Array.isArray(value)) throw new Error(`item ${item.key}: input is not a list of messages`);
  return value.map((m: { role?: unknown; content?: unknown }) => ({
    role: m.role === 'system' || m.role === 'assistant' ? m.role : 'user',
    content: asText(m.content),
  }));
}

export function renderTemplate(parts: readonly TemplatePart[], item: TemplateItem): string {
  let out = '';
  for (const part of parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const v = part.variable;
    if (v.kind === 'metadata') out += asText(metadataValue(item.metadata, v.path));
    else if (v.name === 'input') out += inputAsText(item);
    else if (v.name === 'key') out += item.key;
    else out += item[v.name] ?? '';
  }
  return out;
}

export interface CompiledMessage {
  role: ChatRole;
  parts: TemplatePart[];
  /** The whole content is `{{input}}`: a messages-format item expands into its conversation. */
  isWholeInput: boolean;
}

export interface CompiledPrompt {
  id: string;
  messages: CompiledMessage[];
}

/** Compiles a prompt whose templates were already validated (errors throw). */
export function compilePrompt(prompt: {
  id: string;
  messages: ReadonlyArray<{ role: ChatRole; content: string }>;
}): CompiledPrompt {
  return {
    id: prompt.id,
    messages: prompt.messages.map((message) => {
      const parsed = parseTemplate(message.content);
      if (parsed.errors.length) throw new Error(`prompt ${prompt.id}: ${parsed.errors.join('; ')}`);
      const only = parsed.parts.length === 1 ? parsed.parts[0] : undefined;
      const isWholeInput =
        only !== undefined &&
        'variable' in only &&
        only.variable.kind === 'field' &&
        only.variable.name === 'input';
      return { role: message.role, parts: parsed.parts, isWholeInput };
    }),
  };
}

/** The chat messages one item produces from one prompt. */
export function renderMessages(prompt: CompiledPrompt, item: TemplateItem): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of prompt.messages) {
    if (message.isWholeInput && item.inputFormat === 'messages') {
      out.push(...parseItemMessages(item));
    } else {
      out.push({ role: message.role, content: renderTemplate(message.parts, item) });
    }
  }
  return out;
}

/** Every variable a prompt uses (for checking them against the dataset). */
export function variablesOf(prompt: CompiledPrompt): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  for (const message of prompt.messages)
    for (const part of message.parts) if ('variable' in part) out.push(part.variable);
  return out;
}
