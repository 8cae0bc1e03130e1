import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ImportPreview } from '@contract/routes/datasets';
import { isChatRecord } from './chatLog';
import { detectFormat } from './formats';
import type { ImportSettings } from './importer';
import { mapRecord, resolveMapping } from './mapping';
import { FileProblemError, type ImportProblem } from './problems';
import { limitsFor, type SourceRecord } from './records';
import { readRecords } from './sources';

const shownChars = 2000;

function shorten(value: unknown): unknown {
  if (typeof value === 'string' && value.length > shownChars)
    return `${value.slice(0, shownChars)}…`;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    if (text.length > shownChars) return `${text.slice(0, shownChars)}…`;
  }
  return value;
}

/**
 * The first `limit` records of the first file, read exactly as an import would read them,
 * with the mapping an import would use: what the wizard shows before anything is written.
 */
export async function previewImport(
  paths: string[],
  settings: ImportSettings,
  limit: number,
): Promise<ImportPreview> {
  const problems: ImportProblem[] = [];
  const files: ImportPreview['files'] = [];
  for (const path of paths) {
    try {
      const info = await stat(resolve(path));
      files.push({
        file: path,
        format: settings.format ?? (await detectFormat(resolve(path))),
        bytes: info.size,
      });
    } catch {
      problems.push({
        file: path,
        line: null,
        column: null,
        message: 'file not found or not readable',
      });
    }
  }
  const first = files[0];
  const empty: ImportPreview = {
    files,
    format: first?.format ?? 'csv',
    columns: [],
    rows: [],
    mapping: {},
    items: [],
    problems,
  };
  if (!first || problems.length > 0) return empty;

  const records: SourceRecord[] = [];
  const controller = new AbortController();
  try {
    const reader = readRecords(
      resolve(first.file),
      first.file,
      first.format,
      {
        hasHeader: settings.hasHeader ?? true,
        ...(settings.delimiter ? { delimiter: settings.delimiter } : {}),
        ...(settings.columnNames ? { columnNames: settings.columnNames } : {}),
      },
      limitsFor(settings.maxFieldBytes),
      null,
      controller.signal,
    );
    for await (const record of reader) {
      records.push(record);
      if (records.length >= limit) break;
    }
  } catch (error) {
    if (!(error instanceof FileProblemError)) throw error;
    problems.push(error.problem);
  }
  const good = records.find((r) => r.problems.length === 0);
  const chat =
    first.format === 'chat' ||
    (first.format === 'jsonl' &&
      settings.format !== 'jsonl' &&
      good !== undefined &&
      isChatRecord(good.values));
  const columns = good?.columns
    ? [...good.columns]
    : [...new Set(records.flatMap((r) => Object.keys(r.values)))];
  const resolved = resolveMapping(first.file, columns, settings.mapping ?? {}, {
    chat,
    keepUnmapped: settings.keepUnmapped ?? true,
    categoryFromFile: settings.categoryFromFile ?? false,
    strictColumns: good !== undefined,
  });
  problems.push(...resolved.problems);
  const canMap = resolved.problems.length === 0;
  return {
    files: files.map((f, i) => (i === 0 && chat ? { ...f, format: 'chat' } : f)),
    format: chat ? 'chat' : first.format,
    columns,
    rows: records.map((r) => ({
      line: r.line,
      values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, shorten(v)])),
    })),
    mapping: { ...resolved.mapping.entries },
    items: records.map((record) => {
      if (record.problems.length > 0 || !canMap)
        return { line: record.line, item: null, problems: record.problems };
      const mapped = mapRecord(record, resolved.mapping);
      if (!mapped.ok) return { line: record.line, item: null, problems: mapped.problems };
      const { item } = mapped;
      return {
        line: record.line,
        item: {
          key: item.key,
          inputFormat: item.inputFormat,
          input: shorten(item.input) as string,
          reference: item.reference,
          category: item.category,
          groupId: item.groupId,
          tags: [...(item.tags ?? [])],
          metadata: Object.fromEntries(
            Object.entries(item.metadata ?? {}).map(([k, v]) => [k, shorten(v)]),
          ),
        },
        problems: [],
      };
    }),
    problems,
  };
}
