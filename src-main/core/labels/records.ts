/**
 * Files → records (one object per row or JSON element) with the line each starts on. CSV and
 * TSV are parsed by papaparse (quoted fields, embedded newlines); JSON must be an array of
 * objects (or an object holding one such array); JSONL is one object per line.
 */
import Papa from 'papaparse';
import type { LabelCollector } from './collector';
import { arrayElementOffsets, jsonErrorLine, LineIndex } from './textPositions';
import { LabelImportError } from './types';

export interface SourceRecord {
  fields: Record<string, unknown>;
  line: number;
}

export interface RecordTable {
  columns: string[];
  records: SourceRecord[];
}

function fail(
  collector: LabelCollector,
  line: number | null,
  field: string | null,
  message: string,
): never {
  collector.problem(line, field, message);
  throw new LabelImportError(
    `${collector.file}${line === null ? '' : `:${line}`}: ${message}`,
    collector.problems,
  );
}

export function readDelimited(
  text: string,
  delimiter: ',' | '\t',
  collector: LabelCollector,
): RecordTable {
  const lines = new LineIndex(text);
  const rows: { cells: string[]; line: number }[] = [];
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    step: (result) => {
      const line = lines.lineAt(rowStart);
      rowStart = result.meta.cursor;
      for (const error of result.errors) {
        collector.problem(line, null, `${error.message} (${error.code})`);
      }
      const cells = result.data;
      if (cells.length === 1 && cells[0] === '') return;
      if (result.errors.length > 0) return;
      rows.push({ cells, line });
    },
  });
  const header = rows.shift();
  if (!header) fail(collector, null, null, 'the file is empty: no header row');
  const columns = header.cells.map((c) => c.trim());
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate !== undefined)
    fail(collector, header.line, duplicate, 'this column name appears twice in the header');
  const records: SourceRecord[] = [];
  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      collector.problem(
        row.line,
        null,
        `expected ${columns.length} fields (as the header), found ${row.cells.length}; row skipped`,
      );
      continue;
    }
    const fields: Record<string, unknown> = {};
    columns.forEach((column, i) => (fields[column] = row.cells[i]));
    records.push({ fields, line: row.line });
  }
  return { columns, records };
}

function columnsOf(records: SourceRecord[]): string[] {
  const columns = new Set<string>();
  for (const record of records.slice(0, 1000))
    for (const key of Object.keys(record.fields)) columns.add(key);
  return [...columns];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readJson(text: string, collector: LabelCollector): RecordTable {
  const lines = new LineIndex(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(
      collector,
      jsonErrorLine(error, lines),
      null,
      `not valid JSON: ${(error as Error).message}`,
    );
  }
  let array: unknown[];
  let offsets: number[];
  if (Array.isArray(data)) {
    array = data;
    offsets = arrayElementOffsets(text);
  } else if (isPlainObject(data)) {
    const arrays = Object.entries(data).filter(([, v]) => Array.isArray(v));
    if (arrays.length !== 1)
      fail(
        collector,
        1,
        null,
        'expected a JSON array of records (or an object holding exactly one array)',
      );
    const [key, value] = arrays[0] as [string, unknown[]];
    array = value;
    // Positions are recovered by scanning the inner array's text.
    const start = text.indexOf('[', text.indexOf(JSON.stringify(key)));
    offsets = arrayElementOffsets(text.slice(start)).map((o) => o + start);
  } else {
    fail(collector, 1, null, 'expected a JSON array of records');
  }
  const records: SourceRecord[] = [];
  array.forEach((element, index) => {
    const line = lines.lineAt(offsets[index] ?? 0);
    if (!isPlainObject(element)) {
      collector.problem(line, null, `record ${index + 1} is not an object; skipped`);
      return;
    }
    records.push({ fields: element, line });
  });
  return { columns: columnsOf(records), records };
}

export function readJsonLines(text: string, collector: LabelCollector): RecordTable {
  const records: SourceRecord[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === '') return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      collector.problem(line, null, `not valid JSON: ${(error as Error).message}; line skipped`);
      return;
    }
    if (!isPlainObject(value)) {
      collector.problem(line, null, 'expected a JSON object; line skipped');
      return;
    }
    records.push({ fields: value, line });
  });
  return { columns: columnsOf(records), records };
}
