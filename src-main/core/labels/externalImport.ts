/**
 * Importing labels made elsewhere: CSV, TSV, JSON and JSONL tables in long or wide form,
 * Label Studio's JSON export and Argilla's record exports. The format comes from the file
 * extension (and, for JSON, from the shape of the records) unless given. Rows that cannot be
 * used become problems with file, line and field; the file is refused (LabelImportError)
 * only when nothing in it can be used.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { labelsFromArgilla, looksLikeArgilla } from './argilla';
import { LabelCollector } from './collector';
import { labelsFromLabelStudio, looksLikeLabelStudio } from './labelStudio';
import { readDelimited, readJson, readJsonLines, type RecordTable } from './records';
import { labelsFromTable } from './tabular';
import {
  LabelImportError,
  type ExternalFormat,
  type ExternalLabelSet,
  type ImportOptions,
} from './types';

function formatFromName(file: string): ExternalFormat | null {
  switch (extname(file).toLowerCase()) {
    case '.csv':
      return 'csv';
    case '.tsv':
    case '.tab':
      return 'tsv';
    case '.json':
      return 'json';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    default:
      return null;
  }
}

function isOneJsonValue(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    // Several objects, one per line, is JSONL; anything else is reported by readJson.
    return !/^\s*\{.*\}\s*\n\s*\{/.test(text);
  }
}

function readTable(text: string, format: ExternalFormat, collector: LabelCollector): RecordTable {
  switch (format) {
    case 'csv':
      return readDelimited(text, ',', collector);
    case 'tsv':
      return readDelimited(text, '\t', collector);
    case 'jsonl':
      return readJsonLines(text, collector);
    default: {
      // JSON, Label Studio and Argilla exports are JSON arrays; Argilla also writes JSONL.
      if (text.trimStart().startsWith('[') || isOneJsonValue(text))
        return readJson(text, collector);
      return readJsonLines(text, collector);
    }
  }
}

/**
 * Parses labels from `text`. `file` names the source in problems (a path or a display name).
 */
export function parseExternalLabels(
  text: string,
  file: string,
  options: ImportOptions = {},
): ExternalLabelSet {
  const collector = new LabelCollector(file, options);
  const content = text.replace(/^\uFEFF/, '');
  const declared = options.format ?? formatFromName(file);
  if (declared === null) {
    collector.problem(
      null,
      null,
      'unknown file type; name the format (csv, tsv, json, jsonl, label-studio, argilla)',
    );
    throw new LabelImportError(`${file}: unknown file type`, collector.problems);
  }
  const table = readTable(content, declared, collector);
  let format = declared;
  if (format === 'json' || format === 'jsonl') {
    if (looksLikeLabelStudio(table.records)) format = 'label-studio';
    else if (looksLikeArgilla(table.records)) format = 'argilla';
  }
  let shape: ExternalLabelSet['shape'];
  if (format === 'label-studio') {
    labelsFromLabelStudio(table.records, options, collector);
    shape = 'label-studio';
  } else if (format === 'argilla') {
    labelsFromArgilla(table.records, options, collector);
    shape = 'argilla';
  } else {
    shape = labelsFromTable(table, options, collector);
  }
  if (collector.labels.length === 0) {
    collector.problem(null, null, 'no usable labels in the file');
    throw new LabelImportError(`${file}: no usable labels`, collector.problems);
  }
  return {
    file,
    format,
    shape,
    labels: collector.labels,
    items: collector.items,
    sources: [...new Set(collector.labels.map((l) => l.source))],
    problems: collector.problems,
  };
}

/** Reads and parses a label file; problems name the file by its base name and path. */
export async function readExternalLabels(
  path: string,
  options: ImportOptions = {},
): Promise<ExternalLabelSet> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const message = `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    throw new LabelImportError(`${path}: ${message}`, [
      { file: path, line: null, field: null, message, severity: 'error' },
    ]);
  }
  return parseExternalLabels(text, path, options);
}
