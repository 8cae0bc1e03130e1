import Papa from 'papaparse';
import type { ByteCounter } from './fileStream';
import { fileChunks } from './fileStream';
import type { ImportProblem } from './problems';
import { describeBytes, exceedsBytes, type ReadLimits, type SourceRecord } from './records';
import { completePrefixLength, decodeLenient, firstInvalidUtf8Offset, isValidUtf8 } from './utf8';

export interface CsvOptions {
  /** Any single- or multi-character delimiter; guessed by papaparse when absent. */
  delimiter?: string;
  hasHeader: boolean;
  /** Names for the columns of a headerless file (default `column1`, `column2`, …). */
  columnNames?: string[];
}

/** The header row as column names: blanks named by position, duplicates suffixed `_2`, `_3`. */
export function columnNamesFrom(header: string[]): string[] {
  const used = new Set<string>();
  return header.map((raw, i) => {
    const base = raw.trim() || `column${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  });
}

/** Guesses delimiter and line break from the start of the file (papaparse's own guesser). */
export function sniffCsv(sample: string, delimiter?: string) {
  const result = Papa.parse<string[]>(sample, {
    preview: 50,
    ...(delimiter ? { delimiter } : { delimitersToGuess: [',', '\t', ';', '|'] }),
  });
  return { delimiter: result.meta.delimiter, linebreak: result.meta.linebreak };
}

/** Lines (1-based) holding invalid UTF-8, with the byte column of the first bad byte. */
class InvalidUtf8Lines {
  private readonly queue: Array<{ line: number; byte: number }> = [];
  private linesBefore = 0;

  constructor(private readonly newlineByte: number) {}

  /** Records the bad lines of one decoded piece; call for every piece in order. */
  scan(piece: Uint8Array): void {
    if (!isValidUtf8(piece)) {
      let from = 0;
      while (from < piece.length) {
        const offset = firstInvalidUtf8Offset(piece.subarray(from));
        if (offset < 0) break;
        const at = from + offset;
        const lineStart = piece.lastIndexOf(this.newlineByte, at - 1) + 1;
        this.queue.push({
          line: this.linesBefore + countByte(piece, this.newlineByte, 0, at) + 1,
          byte: at - lineStart + 1,
        });
        const next = piece.indexOf(this.newlineByte, at);
        from = next < 0 ? piece.length : next + 1;
      }
    }
    this.linesBefore += countByte(piece, this.newlineByte, 0, piece.length);
  }

  /** The first bad line within [from, to], dropping those before `from`. */
  within(from: number, to: number): { line: number; byte: number } | null {
    while (this.queue.length > 0 && (this.queue[0] as { line: number }).line < from)
      this.queue.shift();
    const head = this.queue[0];
    return head && head.line <= to ? head : null;
  }
}

function countByte(bytes: Uint8Array, byte: number, from: number, to: number): number {
  let n = 0;
  for (let i = bytes.indexOf(byte, from); i !== -1 && i < to; i = bytes.indexOf(byte, i + 1)) n++;
  return n;
}

interface RawRow {
  cells: string[];
  startLine: number;
  endLine: number;
  errors: Array<{ line: number; message: string }>;
}

/**
 * The text side of CSV reading: papaparse's parser run over the text since the last complete
 * row (quoted fields may span lines and chunks), with the physical line of every row and
 * error, and a guard against one unclosed quote swallowing the file.
 */
class CsvTextParser {
  private pending = '';
  private readonly parser: Papa.Parser;
  private readonly newline: string;
  // Position in `pending` up to which line breaks were counted, and the line there.
  private scanPos = 0;
  private scanLine = 1;
  private rowStart = 0;
  private lastRowEnd = 0;
  private rows: RawRow[] = [];
  private skippingLine = false;

  constructor(
    delimiter: string,
    private readonly linebreak: string,
    private readonly maxRecordChars: number,
  ) {
    this.newline = linebreak === '\r' ? '\r' : '\n';
    this.parser = new Papa.Parser({
      delimiter,
      newline: linebreak as '\n',
      step: (results: Papa.ParseStepResult<string[][]>) => this.step(results),
    });
  }

  private lineAt(pos: number): number {
    const nl = this.newline;
    const text = this.pending;
    for (let i = text.indexOf(nl, this.scanPos); i !== -1 && i < pos; i = text.indexOf(nl, i + 1)) {
      this.scanLine++;
    }
    this.scanPos = Math.max(this.scanPos, pos);
    return this.scanLine;
  }

  // The low-level parser hands `step` a one-row batch: `data` is `[row]`.
  private step(results: Papa.ParseStepResult<string[][]>) {
    const rowEnd = results.meta.cursor;
    const start = this.rowStart;
    const startLine = this.lineAt(start);
    const errors = results.errors.map((e) => ({
      line: this.lineAt(Math.max(start, e.index ?? start)),
      message:
        e.code === 'MissingQuotes'
          ? 'quoted field is not closed before the end of the file'
          : 'malformed quotes: a closing quote must be followed by a delimiter or a line break',
    }));
    // The last line the row touches (its line break belongs to it, so stop just before it).
    const endLine = this.lineAt(Math.max(start, rowEnd - this.linebreak.length));
    this.rows.push({ cells: results.data[0] ?? [], startLine, endLine, errors });
    this.lineAt(rowEnd);
    this.rowStart = rowEnd;
    this.lastRowEnd = rowEnd;
  }

  /** The rows completed by `text` (all the rest when `isLast`). */
  feed(text: string, isLast: boolean): RawRow[] {
    let more = text;
    if (this.skippingLine) {
      // Still inside an over-long line reported earlier: drop text up to its end.
      const next = more.indexOf(this.newline);
      if (next < 0) return [];
      more = more.slice(next + 1);
      this.skippingLine = false;
    }
    this.pending += more;
    if (this.pending.length === 0) return [];
    this.rows = [];
    this.lastRowEnd = 0;
    this.rowStart = 0;
    this.parser.parse(this.pending, 0, !isLast);
    this.pending = this.pending.slice(this.lastRowEnd);
    this.scanPos = Math.max(0, this.scanPos - this.lastRowEnd);
    return this.rows;
  }

  /**
   * When the text after the last complete row is over the record limit (most likely an
   * unbalanced quote), drops it up to the next line and returns the line it started on.
   */
  dropOverLongRow(): number | null {
    if (this.pending.length <= this.maxRecordChars) return null;
    const line = this.scanLine;
    const next = this.pending.indexOf(this.newline);
    this.skippingLine = next < 0;
    this.pending = next < 0 ? '' : this.pending.slice(next + 1);
    this.scanPos = 0;
    this.scanLine = line + 1;
    return line;
  }
}

/** Rows → records: the header, column names, and every problem of a row, located. */
class CsvRecordBuilder {
  private columns: string[] | null;
  private headerPending: boolean;

  constructor(
    private readonly file: string,
    options: CsvOptions,
    private readonly limits: ReadLimits,
  ) {
    this.columns = options.hasHeader ? null : (options.columnNames ?? null);
    this.headerPending = options.hasHeader;
  }

  *records(rows: RawRow[], invalid: InvalidUtf8Lines): Generator<SourceRecord> {
    const file = this.file;
    for (const row of rows) {
      if (row.cells.length === 1 && row.cells[0] === '' && row.errors.length === 0) continue;
      if (this.headerPending) {
        this.headerPending = false;
        this.columns = columnNamesFrom(row.cells);
        continue;
      }
      // A headerless file without names: columns are numbered from its first row.
      const columns = (this.columns ??= row.cells.map((_, i) => `column${i + 1}`));
      const problems: ImportProblem[] = row.errors.map((e) => ({
        file,
        line: e.line,
        column: null,
        message: e.message,
      }));
      const bad = invalid.within(row.startLine, row.endLine);
      if (bad)
        problems.push({
          file,
          line: bad.line,
          column: `byte ${bad.byte}`,
          message: 'invalid UTF-8',
        });
      if (row.cells.length !== columns.length) {
        const message = `expected ${columns.length} fields, found ${row.cells.length}`;
        problems.push({ file, line: row.startLine, column: null, message });
      }
      const values: Record<string, unknown> = {};
      row.cells.forEach((cell, i) => {
        const name = columns[i] ?? `column${i + 1}`;
        const size = exceedsBytes(cell, this.limits.maxFieldBytes);
        if (size === null) {
          values[name] = cell;
          return;
        }
        const message = `field is ${describeBytes(size)}, over the ${describeBytes(this.limits.maxFieldBytes)} limit`;
        problems.push({ file, line: row.startLine, column: name, message });
      });
      yield { file, line: row.startLine, values, problems, columns };
    }
  }
}

/**
 * Reads a CSV/TSV file as a stream: bytes → UTF-8 text (invalid sequences located by line) →
 * papaparse's parser over the text since the last complete row. Each row carries the line it
 * starts on, so every problem is located.
 */
export async function* readCsv(
  path: string,
  file: string,
  options: CsvOptions,
  limits: ReadLimits,
  counter: ByteCounter | null,
  signal: AbortSignal,
): AsyncGenerator<SourceRecord> {
  let carry: Uint8Array = new Uint8Array(0);
  let text: CsvTextParser | null = null;
  let invalid: InvalidUtf8Lines | null = null;
  const builder = new CsvRecordBuilder(file, options, limits);
  const overLong = (line: number): SourceRecord => {
    const message = `row is longer than ${describeBytes(limits.maxRecordBytes)} (an unclosed quote?)`;
    return { file, line, values: {}, problems: [{ file, line, column: null, message }] };
  };
  for await (const chunk of fileChunks(path, counter, signal)) {
    let bytes: Uint8Array = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const complete = completePrefixLength(bytes);
    carry = bytes.slice(complete);
    bytes = bytes.subarray(0, complete);
    invalid ??= new InvalidUtf8Lines(bytes.includes(10) || !bytes.includes(13) ? 10 : 13);
    invalid.scan(bytes);
    let decoded = decodeLenient(bytes);
    if (!text) {
      if (decoded.startsWith('\uFEFF')) decoded = decoded.slice(1);
      const sniffed = sniffCsv(decoded.slice(0, 1 << 16), options.delimiter);
      text = new CsvTextParser(sniffed.delimiter, sniffed.linebreak, limits.maxRecordBytes);
    }
    yield* builder.records(text.feed(decoded, false), invalid);
    const line = text.dropOverLongRow();
    if (line !== null) yield overLong(line);
  }
  if (!text || !invalid) return;
  if (carry.length > 0) invalid.scan(carry);
  const rest = carry.length > 0 ? decodeLenient(carry) : '';
  yield* builder.records(text.feed(rest, false), invalid);
  for (let line = text.dropOverLongRow(); line !== null; line = text.dropOverLongRow())
    yield overLong(line);
  yield* builder.records(text.feed('', true), invalid);
}
