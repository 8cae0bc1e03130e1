import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../support/tempDir';
import { fixturesDir, readAll } from './readHelpers';

describe('CSV reading', () => {
  const tempDir = useTempDir();

  it('reads quoted fields, embedded newlines, doubled quotes, a BOM, CRLF and a guessed delimiter', async () => {
    const records = await readAll(
      tempDir(),
      'a.csv',
      readFileSync(join(fixturesDir, 'semicolon-bom.csv')),
      'csv',
    );
    expect(records.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(records[0]?.values).toEqual({
      id: 'q1',
      question: 'What is 2+2;\r\nanswer in digits',
      answer: '4',
      category: 'math',
    });
    expect(records[1]?.values.question).toBe('She said "hi"');
    expect(records[2]?.values.category).toBe('');
    expect(records.every((r) => r.problems.length === 0)).toBe(true);
    expect(records[0]?.columns).toEqual(['id', 'question', 'answer', 'category']);
  });

  it('reads old Mac line breaks (CR only), counting lines by them', async () => {
    const records = await readAll(tempDir(), 'cr.csv', 'a,b\r1,"x\ry"\r2,z\r3\r', 'csv');
    expect(records.map((r) => [r.line, r.values, r.problems.length])).toEqual([
      [2, { a: '1', b: 'x\ry' }, 0],
      [4, { a: '2', b: 'z' }, 0],
      [5, { a: '3' }, 1],
    ]);
  });

  it('reads TSV and any given delimiter, including a multi-character one', async () => {
    const tsv = await readAll(
      tempDir(),
      'a.tsv',
      readFileSync(join(fixturesDir, 'simple.tsv')),
      'tsv',
    );
    expect(tsv.map((r) => r.values.answer)).toEqual(['water', 'Paris']);
    const piped = await readAll(tempDir(), 'b.txt', 'a||b\n1||"x||y"\n', 'csv', {
      delimiter: '||',
    });
    expect(piped[0]?.values).toEqual({ a: '1', b: 'x||y' });
  });

  it('names the columns of a headerless file', async () => {
    const named = await readAll(tempDir(), 'h.csv', '"What, exactly?",A,B\nsecond,C,D\n', 'csv', {
      hasHeader: false,
      columnNames: ['q', 'x', 'y'],
    });
    expect(named.map((r) => r.values)).toEqual([
      { q: 'What, exactly?', x: 'A', y: 'B' },
      { q: 'second', x: 'C', y: 'D' },
    ]);
    const numbered = await readAll(tempDir(), 'n.csv', 'a,b\n', 'csv', { hasHeader: false });
    expect(numbered[0]?.values).toEqual({ column1: 'a', column2: 'b' });
  });

  it('reports ragged rows with their line, and keeps counting lines across quoted newlines', async () => {
    const records = await readAll(
      tempDir(),
      'r.csv',
      'a,b\n1,"multi\nline\nvalue"\n2\n3,4,5\n6,7\n',
      'csv',
    );
    expect(records.map((r) => [r.line, r.problems.map((p) => p.message)])).toEqual([
      [2, []],
      [5, ['expected 2 fields, found 1']],
      [6, ['expected 2 fields, found 3']],
      [7, []],
    ]);
  });

  it('reports broken quoting with a line', async () => {
    const malformed = await readAll(tempDir(), 'm.csv', 'a,b\n1,"bad"x\n2,3\n', 'csv');
    const problems = malformed.flatMap((r) => r.problems);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.file === 'm.csv' && p.line !== null && p.line >= 2)).toBe(true);
    const unclosed = await readAll(tempDir(), 'u.csv', 'a,b\n1,2\n3,"never closed\n4,5\n', 'csv');
    expect(unclosed[0]?.problems).toEqual([]);
    expect(unclosed[1]?.problems[0]).toMatchObject({
      line: 3,
      message: 'quoted field is not closed before the end of the file',
    });
  });

  it('locates invalid UTF-8 by line and byte, and leaves the other rows alone', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\nok,1\nbad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(',2\nfine,3\n'),
    ]);
    const records = await readAll(tempDir(), 'x.csv', bytes, 'csv');
    expect(records.map((r) => r.problems)).toEqual([
      [],
      [{ file: 'x.csv', line: 3, column: 'byte 5', message: 'invalid UTF-8' }],
      [],
    ]);
    expect(records[2]?.values).toEqual({ a: 'fine', b: '3' });
  });

  it('reports a field over the size limit with its column, not importing it', async () => {
    const big = 'x'.repeat(5000);
    const records = await readAll(tempDir(), 'big.csv', `id,text\n1,${big}\n2,small\n`, 'csv', {
      maxFieldBytes: 1000,
    });
    expect(records[0]?.problems).toEqual([
      {
        file: 'big.csv',
        line: 2,
        column: 'text',
        message: 'field is 5,000 bytes, over the 1,000 bytes limit',
      },
    ]);
    expect(records[1]?.problems).toEqual([]);
  });

  it('gives up on a row longer than the record limit (an unclosed quote) and resumes at the next line', async () => {
    const long = `id,text\n1,"${'y'.repeat(3000)}\n2,after\n3,later\n`;
    const records = await readAll(tempDir(), 'long.csv', long, 'csv', {
      maxFieldBytes: 100,
      maxRecordBytes: 1000,
    });
    expect(records[0]?.problems[0]?.message).toMatch(/row is longer than 1,000 bytes/);
    expect(records[0]?.line).toBe(2);
  });

  it('streams a file larger than one read chunk, with rows and quoted newlines across chunk boundaries', async () => {
    const rows: string[] = ['id,text'];
    for (let i = 0; i < 30_000; i++) rows.push(`${i},"row ${i} ü\nsecond line, with comma"`);
    const records = await readAll(tempDir(), 'chunks.csv', `${rows.join('\n')}\n`, 'csv');
    expect(records).toHaveLength(30_000);
    expect(records.every((r) => r.problems.length === 0)).toBe(true);
    expect(records[29_999]).toMatchObject({
      line: 2 + 2 * 29_999,
      values: { id: '29999', text: 'row 29999 ü\nsecond line, with comma' },
    });
  });
});
