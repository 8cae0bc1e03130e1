import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../support/tempDir';
import { fixturesDir, readAll } from './readHelpers';

describe('JSON Lines reading', () => {
  const tempDir = useTempDir();

  it('reads one object per line, skipping blank lines, with a BOM and CRLF', async () => {
    const records = await readAll(
      tempDir(),
      'a.jsonl',
      `\uFEFF{"a":1}\r\n\r\n  \n{"a":"ü"}\r\n{"a":3}`,
      'jsonl',
    );
    expect(records.map((r) => [r.line, r.values])).toEqual([
      [1, { a: 1 }],
      [4, { a: 'ü' }],
      [5, { a: 3 }],
    ]);
  });

  it('locates a bad JSON line, a non-object, invalid UTF-8 and an over-long line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"ok":1}\n{"broken": tru}\n[1,2]\n{"text":"caf'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(`"}\n{"big":"${'z'.repeat(300)}"}\n{"ok":2}\n`),
    ]);
    const records = await readAll(tempDir(), 'b.jsonl', bytes, 'jsonl', {
      maxFieldBytes: 100,
      maxRecordBytes: 200,
    });
    const problems = records.map((r) => r.problems[0] ?? null);
    expect(problems[0]).toBeNull();
    expect(problems[1]).toMatchObject({
      file: 'b.jsonl',
      line: 2,
      column: expect.stringMatching(/^char \d+$/) as string,
    });
    expect(problems[1]?.message).toMatch(/^invalid JSON: /);
    expect(problems[2]).toEqual({
      file: 'b.jsonl',
      line: 3,
      column: null,
      message: 'expected a JSON object, found an array',
    });
    expect(problems[3]).toEqual({
      file: 'b.jsonl',
      line: 4,
      column: 'byte 13',
      message: 'invalid UTF-8',
    });
    expect(problems[4]).toEqual({
      file: 'b.jsonl',
      line: 5,
      column: null,
      message: 'line is 310 bytes, over the 200 bytes limit',
    });
    expect(records[5]).toMatchObject({ line: 6, values: { ok: 2 } });
  });

  it('reports a field over the size limit by its key', async () => {
    const records = await readAll(
      tempDir(),
      'c.jsonl',
      `{"id":1,"text":"${'q'.repeat(500)}"}\n`,
      'jsonl',
      { maxFieldBytes: 100 },
    );
    expect(records[0]?.problems).toEqual([
      {
        file: 'c.jsonl',
        line: 1,
        column: 'text',
        message: 'field is 500 bytes, over the 100 bytes limit',
      },
    ]);
  });
});

describe('JSON array reading', () => {
  const tempDir = useTempDir();

  it('reads elements with their line, whatever brackets and quotes their strings hold', async () => {
    const records = await readAll(
      tempDir(),
      'p.json',
      readFileSync(join(fixturesDir, 'pairs.json')),
      'json',
    );
    expect(records.map((r) => r.line)).toEqual([2, 8, 9]);
    expect(records[0]?.values).toEqual({
      input: 'Pick the better reply: ["a", {"b": 1}]',
      output_1: 'first',
      output_2: 'second "quoted" ]',
      label: 1,
    });
    expect(records.every((r) => r.problems.length === 0)).toBe(true);
  });

  it('reads an empty array and nested arrays', async () => {
    expect(await readAll(tempDir(), 'e.json', ' [ ] ', 'json')).toEqual([]);
    const nested = await readAll(tempDir(), 'n.json', '[{"a":[[1],[2,[3]]]},{"b":"]"}]', 'json');
    expect(nested.map((r) => r.values)).toEqual([{ a: [[1], [2, [3]]] }, { b: ']' }]);
  });

  it('locates a bad element, a truncated file, a trailing comma and content after the array', async () => {
    const bad = await readAll(tempDir(), 'b.json', '[\n{"a":1},\n{"a": nope},\n3\n]', 'json');
    expect(bad.map((r) => [r.line, r.problems[0]?.message ?? null])).toEqual([
      [2, null],
      [3, expect.stringMatching(/^invalid JSON/) as string],
      [4, 'expected a JSON object, found number'],
    ]);
    const truncated = await readAll(tempDir(), 't.json', '[{"a":1},\n{"a":2', 'json');
    expect(truncated.at(-1)?.problems[0]).toEqual({
      file: 't.json',
      line: 2,
      column: null,
      message: 'the JSON array is not closed (is the file truncated?)',
    });
    const trailing = await readAll(tempDir(), 'c.json', '[{"a":1},\n]', 'json');
    expect(trailing.at(-1)?.problems[0]?.message).toBe('trailing comma before "]"');
    const after = await readAll(tempDir(), 'x.json', '[{"a":1}] {"b":2}', 'json');
    expect(after.at(-1)?.problems[0]?.message).toBe(
      'unexpected content after the end of the JSON array',
    );
    const notArray = await readAll(tempDir(), 'o.json', '{"a":1}', 'json');
    expect(notArray[0]?.problems[0]?.message).toMatch(/expected a JSON array/);
  });
});
