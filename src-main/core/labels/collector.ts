/**
 * Collects labels from any reader with the same rules: label text normalised (label map,
 * missing markers), one label per (item, source, order shown) — a repeated identical label is
 * ignored with a warning, a conflicting one is an error naming the first line — and problems
 * recorded with file, line and field.
 */
import type { ExternalLabel, ImportOptions, ImportProblem, SourceKind } from './types';

/** A raw field value as text: strings and numbers as they are, anything else as JSON. */
export function scalarText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint')
    return String(raw);
  return JSON.stringify(raw) ?? '';
}

export const defaultMissingLabels = ['', 'na', 'n/a', 'null', 'none', 'nan'];

export type LabelValue = { label: string } | { missing: true } | { error: string };

export class LabelCollector {
  readonly labels: ExternalLabel[] = [];
  readonly problems: ImportProblem[] = [];
  readonly items = new Map<string, Record<string, unknown>>();
  private readonly seen = new Map<string, ExternalLabel>();
  private readonly missing: Set<string>;

  constructor(
    readonly file: string,
    private readonly options: ImportOptions,
  ) {
    this.missing = new Set((options.missing ?? defaultMissingLabels).map((m) => m.toLowerCase()));
  }

  problem(
    line: number | null,
    field: string | null,
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) {
    this.problems.push({ file: this.file, line, field, message, severity });
  }

  /** Normalises a raw label value (string, number, boolean; a one-element list is unwrapped). */
  labelValue(raw: unknown): LabelValue {
    let value = raw;
    if (Array.isArray(value) && value.length === 1) value = value[0];
    if (value === null || value === undefined) return { missing: true };
    let text: string;
    if (typeof value === 'string') text = value.trim();
    else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
    else
      return {
        error: `expected a label (text or number), found ${Array.isArray(value) ? 'a list' : 'an object'}`,
      };
    const mapped = this.options.labelMap?.[text] ?? text;
    if (this.missing.has(mapped.toLowerCase())) return { missing: true };
    return { label: mapped };
  }

  noteValue(raw: unknown): string | null {
    if (raw === null || raw === undefined) return null;
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
    return text.trim() === '' ? null : text;
  }

  orderValue(raw: unknown, line: number, field: string): number | null {
    if (raw === null || raw === undefined || raw === '') return null;
    if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
    if (typeof raw === 'string') {
      const number = Number(raw);
      if (raw.trim() !== '' && Number.isFinite(number)) return number;
      const time = Date.parse(raw);
      if (Number.isFinite(time)) return time;
    }
    this.problem(
      line,
      field,
      `"${scalarText(raw)}" is neither a number nor a date; order ignored`,
      'warning',
    );
    return null;
  }

  swappedValue(raw: unknown, line: number, field: string): boolean | null {
    if (raw === null || raw === undefined || raw === '') return null;
    if (typeof raw === 'boolean') return raw;
    const text = scalarText(raw).trim().toLowerCase();
    if (['1', 'true', 'yes', 'y', 'swapped', 'reversed', 'ba'].includes(text)) return true;
    if (['0', 'false', 'no', 'n', 'original', 'ab'].includes(text)) return false;
    this.problem(
      line,
      field,
      `"${scalarText(raw)}" is not a yes/no value; treated as not swapped`,
      'warning',
    );
    return false;
  }

  /** The kind a kind column states; the file-wide default (options.kind) when it states none. */
  kindValue(raw: unknown, line: number, field: string): SourceKind | null {
    const fallback = this.options.kind ?? null;
    if (raw === null || raw === undefined || raw === '') return fallback;
    const text = scalarText(raw).trim().toLowerCase();
    if (['human', 'person', 'annotator', 'rater', 'user', 'expert'].includes(text)) return 'human';
    if (['judge', 'model', 'llm', 'ai', 'machine', 'prediction', 'suggestion'].includes(text)) {
      return 'judge';
    }
    this.problem(
      line,
      field,
      `unknown source kind "${scalarText(raw)}" (expected human or judge)`,
      'warning',
    );
    return fallback;
  }

  rememberItem(itemId: string, attributes: Record<string, unknown>) {
    if (!this.items.has(itemId)) this.items.set(itemId, attributes);
  }

  add(label: ExternalLabel, field: string) {
    const key = `${label.itemId}\u0000${label.source}\u0000${String(label.isSwapped ?? false)}`;
    const first = this.seen.get(key);
    if (first) {
      if (first.label === label.label) {
        this.problem(
          label.line,
          field,
          `repeats the label of item "${label.itemId}" by "${label.source}" from line ${first.line}; ignored`,
          'warning',
        );
      } else {
        this.problem(
          label.line,
          field,
          `item "${label.itemId}" already has label "${first.label}" by "${label.source}" (line ${first.line}); "${label.label}" skipped`,
        );
      }
      return;
    }
    this.seen.set(key, label);
    this.labels.push(label);
  }
}
