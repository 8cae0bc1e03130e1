/**
 * Labels from plain tables (CSV, TSV, JSON, JSONL), in long form — one row per (item, rater
 * or judge, label) — or wide form — one row per item with one column per rater or judge, as
 * published annotated sets usually are (PandaLM's annotator1..3, LLMBar's label).
 */
import { createHash } from 'node:crypto';
import { scalarText, type LabelCollector } from './collector';
import type { RecordTable, SourceRecord } from './records';
import { LabelImportError, type ImportOptions, type LabelShape } from './types';

const candidates = {
  item: [
    'item',
    'item_id',
    'itemid',
    'idx',
    'id',
    'unit',
    'unit_id',
    'uid',
    'key',
    'example_id',
    'question_id',
    'task_id',
    'content_hash',
  ],
  rater: [
    'rater',
    'rater_id',
    'annotator',
    'annotator_id',
    'judge',
    'judge_id',
    'labeler',
    'coder',
    'user',
    'user_id',
    'worker',
    'worker_id',
    'source',
    'evaluator',
  ],
  label: [
    'label',
    'rating',
    'score',
    'verdict',
    'choice',
    'winner',
    'preference',
    'value',
    'answer',
    'annotation',
    'gold',
    'gold_label',
  ],
  note: ['note', 'notes', 'reasoning', 'reason', 'explanation', 'rationale', 'comment', 'comments'],
  order: ['order', 'position', 'timestamp', 'time', 'created_at', 'labelled_at', 'rated_at'],
  swapped: ['swapped', 'is_swapped', 'reversed', 'is_reversed', 'flipped'],
  kind: ['kind', 'source_kind', 'rater_kind', 'rater_type'],
};

type Role = keyof typeof candidates;

/** Wide-form label columns recognised without being named: annotator1, rater_2, gpt_result, … */
const widePatterns = [
  /^(annotator|rater|coder|judge|human|labeler|annotation|label|rating)[\s_-]*\d+$/i,
  /_(result|label|verdict|rating|score|judgement|judgment|preference)$/i,
];

function findColumn(
  columns: readonly string[],
  explicit: string | undefined,
  role: Role,
  collector: LabelCollector,
): string | null {
  if (explicit !== undefined) {
    if (columns.includes(explicit)) return explicit;
    collector.problem(
      null,
      explicit,
      `no ${role} column "${explicit}"; the columns are ${columns.join(', ')}`,
    );
    throw new LabelImportError(`${collector.file}: no column "${explicit}"`, collector.problems);
  }
  const lower = columns.map((c) => c.toLowerCase());
  for (const name of candidates[role]) {
    const index = lower.indexOf(name);
    if (index >= 0) return columns[index] as string;
  }
  return null;
}

function itemIdOf(
  record: SourceRecord,
  itemColumn: string | null,
  hashColumns: readonly string[],
  collector: LabelCollector,
): string | null {
  if (itemColumn !== null) {
    const raw = record.fields[itemColumn];
    const id = raw === null || raw === undefined ? '' : scalarText(raw).trim();
    if (id === '') {
      collector.problem(record.line, itemColumn, 'no item id; row skipped');
      return null;
    }
    return id;
  }
  const content = JSON.stringify(hashColumns.map((c) => record.fields[c] ?? null));
  return `h:${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
}

function attributesOf(record: SourceRecord, used: ReadonlySet<string>): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record.fields))
    if (!used.has(key)) attributes[key] = value;
  return attributes;
}

interface CommonColumns {
  item: string | null;
  hashColumns: string[];
  note: string | null;
  order: string | null;
  swapped: string | null;
  kind: string | null;
}

function commonColumns(
  table: RecordTable,
  options: ImportOptions,
  collector: LabelCollector,
  excluded: Set<string>,
): CommonColumns {
  for (const column of options.itemFrom ?? []) findColumn(table.columns, column, 'item', collector);
  const item = options.itemFrom
    ? null
    : findColumn(table.columns, options.itemColumn, 'item', collector);
  const note = findColumn(table.columns, options.noteColumn, 'note', collector);
  const order = findColumn(table.columns, options.orderColumn, 'order', collector);
  const swapped = findColumn(table.columns, options.swappedColumn, 'swapped', collector);
  const kind = findColumn(table.columns, options.kindColumn, 'kind', collector);
  for (const c of [item, note, order, swapped, kind]) if (c !== null) excluded.add(c);
  const hashColumns = options.itemFrom ?? table.columns.filter((c) => !excluded.has(c));
  if (item === null && !options.itemFrom) {
    collector.problem(
      null,
      null,
      `no item id column; items are keyed by a hash of ${hashColumns.join(', ')}`,
      'warning',
    );
  }
  return { item, hashColumns, note, order, swapped, kind };
}

function readExtras(record: SourceRecord, columns: CommonColumns, collector: LabelCollector) {
  const f = record.fields;
  return {
    note: columns.note === null ? null : collector.noteValue(f[columns.note]),
    order:
      columns.order === null
        ? null
        : collector.orderValue(f[columns.order], record.line, columns.order),
    isSwapped:
      columns.swapped === null
        ? null
        : collector.swappedValue(f[columns.swapped], record.line, columns.swapped),
    kind: collector.kindValue(
      columns.kind === null ? null : f[columns.kind],
      record.line,
      columns.kind ?? 'kind',
    ),
  };
}

function readLong(
  table: RecordTable,
  options: ImportOptions,
  collector: LabelCollector,
  rater: string,
  label: string,
) {
  const excluded = new Set([rater, label]);
  const columns = commonColumns(table, options, collector, excluded);
  for (const record of table.records) {
    const itemId = itemIdOf(record, columns.item, columns.hashColumns, collector);
    if (itemId === null) continue;
    collector.rememberItem(itemId, attributesOf(record, excluded));
    const source = record.fields[rater];
    if (source === null || source === undefined || scalarText(source).trim() === '') {
      collector.problem(record.line, rater, 'no rater or judge named; row skipped');
      continue;
    }
    const value = collector.labelValue(record.fields[label]);
    if ('error' in value) {
      collector.problem(record.line, label, `${value.error}; row skipped`);
      continue;
    }
    if ('missing' in value) continue;
    collector.add(
      {
        itemId,
        source: scalarText(source).trim(),
        label: value.label,
        line: record.line,
        ...readExtras(record, columns, collector),
      },
      label,
    );
  }
}

function wideLabelColumns(
  table: RecordTable,
  options: ImportOptions,
  collector: LabelCollector,
): string[] {
  if (options.raters && options.raters.length > 0) {
    for (const column of options.raters) findColumn(table.columns, column, 'label', collector);
    return options.raters;
  }
  const matched = table.columns.filter((c) => widePatterns.some((p) => p.test(c)));
  if (matched.length > 0) return matched;
  const single = findColumn(table.columns, options.labelColumn, 'label', collector);
  if (single !== null) return [single];
  collector.problem(
    null,
    null,
    `cannot tell which columns hold labels (columns: ${table.columns.join(', ')}); name them with raters (--raters)`,
  );
  throw new LabelImportError(`${collector.file}: no label columns found`, collector.problems);
}

/** A wide label column's own note column: gpt_result → gpt_reason, judge_verdict → judge_reasoning. */
function ownNoteColumns(table: RecordTable, labelColumns: readonly string[]): Map<string, string> {
  const notes = new Map<string, string>();
  for (const column of labelColumns) {
    const prefix = column.replace(
      /[\s_-]*(result|label|verdict|rating|score|judgement|judgment|preference)$/i,
      '',
    );
    if (prefix === column || prefix === '') continue;
    for (const suffix of ['reason', 'reasoning', 'explanation', 'rationale', 'note', 'comment']) {
      const match = table.columns.find(
        (c) => c.toLowerCase() === `${prefix}_${suffix}`.toLowerCase(),
      );
      if (match) {
        notes.set(column, match);
        break;
      }
    }
  }
  return notes;
}

function readWide(table: RecordTable, options: ImportOptions, collector: LabelCollector) {
  const labelColumns = wideLabelColumns(table, options, collector);
  const ownNotes = ownNoteColumns(table, labelColumns);
  const excluded = new Set([...labelColumns, ...ownNotes.values()]);
  const columns = commonColumns(table, options, collector, excluded);
  for (const record of table.records) {
    const itemId = itemIdOf(record, columns.item, columns.hashColumns, collector);
    if (itemId === null) continue;
    collector.rememberItem(itemId, attributesOf(record, excluded));
    const extras = readExtras(record, columns, collector);
    for (const column of labelColumns) {
      const value = collector.labelValue(record.fields[column]);
      if ('error' in value) {
        collector.problem(record.line, column, `${value.error}; label skipped`);
        continue;
      }
      if ('missing' in value) continue;
      const noteColumn = ownNotes.get(column);
      const note =
        noteColumn === undefined ? extras.note : collector.noteValue(record.fields[noteColumn]);
      collector.add(
        { itemId, source: column, label: value.label, line: record.line, ...extras, note },
        column,
      );
    }
  }
}

/** Reads long or wide labels from a table; returns the shape used. */
export function labelsFromTable(
  table: RecordTable,
  options: ImportOptions,
  collector: LabelCollector,
): LabelShape {
  const rater =
    options.shape === 'wide'
      ? null
      : findColumn(table.columns, options.raterColumn, 'rater', collector);
  const label =
    options.shape === 'wide'
      ? null
      : findColumn(table.columns, options.labelColumn, 'label', collector);
  if (options.shape === 'long' && (rater === null || label === null)) {
    const missing = rater === null ? 'rater' : 'label';
    collector.problem(
      null,
      null,
      `long form needs a ${missing} column (columns: ${table.columns.join(', ')})`,
    );
    throw new LabelImportError(`${collector.file}: no ${missing} column`, collector.problems);
  }
  if (rater !== null && label !== null) {
    readLong(table, options, collector, rater, label);
    return 'long';
  }
  readWide(table, options, collector);
  return 'wide';
}
