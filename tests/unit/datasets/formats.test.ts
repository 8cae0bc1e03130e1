import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetItem, ImportPreview } from '@contract/index';
import type { Core } from '@core/host';
import { detectFormat } from '@core/datasets/import/formats';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { importFiles } from './jobHelpers';
import { fixturesDir, readAll } from './readHelpers';

describe('Parquet and format detection', () => {
  const tempDir = useTempDir();

  it('reads Parquet columns of every common type as JSON values', async () => {
    const dir = tempDir();
    const path = join(dir, 'typed.parquet');
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: 'question', data: ['one?', 'two?', 'three?'], type: 'STRING' },
        { name: 'answer', data: ['1', null, '3'], type: 'STRING' },
        { name: 'count', data: [1n, 9_007_199_254_740_993n, -4n], type: 'INT64' },
        { name: 'score', data: [0.5, 1.25, -2], type: 'DOUBLE' },
        { name: 'ok', data: [true, false, true], type: 'BOOLEAN' },
        {
          name: 'at',
          data: [new Date(0), new Date(86_400_000), new Date(1_700_000_000_000)],
          type: 'TIMESTAMP',
        },
      ],
      rowGroupSize: 2,
    });
    const records = await readAll(dir, 'typed.parquet', readFileSync(path), 'parquet');
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(records[1]?.values).toEqual({
      question: 'two?',
      answer: null,
      count: '9007199254740993',
      score: 1.25,
      ok: false,
      at: '1970-01-02T00:00:00.000Z',
    });
    expect(records[0]?.values.count).toBe(1);
  });

  it('tells formats apart by extension, then by their first bytes', async () => {
    const dir = tempDir();
    const write = (name: string, content: string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    expect(await detectFormat(write('a.txt', '[{"a":1}]'))).toBe('json');
    expect(await detectFormat(write('b.json', '\uFEFF {"a":1}\n{"a":2}'))).toBe('jsonl');
    expect(await detectFormat(write('c.data', 'a,b\n1,2'))).toBe('csv');
    expect(await detectFormat(write('d.tab', 'a\tb'))).toBe('tsv');
    expect(await detectFormat(write('e.bin', 'PAR1xxxx'))).toBe('parquet');
  });
});

describe('limits and previews', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(() => core.close());

  it('reports a 10 MB field with its file, line and column under the default 1 MiB limit', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    const big = 'x'.repeat(10 * 1024 * 1024);
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, `id,question,answer\n1,small,a\n2,${big},b\n3,small too,c\n`);
    const jsonl = join(dir, 'big.jsonl');
    writeFileSync(jsonl, `{"id":"1","question":"q"}\n{"id":"2","question":"q","notes":"${big}"}\n`);
    for (const [path, line, column] of [
      [csv, 3, 'question'],
      [jsonl, 2, 'notes'],
    ] as const) {
      const outcome = await importFiles(core, { paths: [path], datasetName: 'big' });
      expect(outcome).toMatchObject({ status: 'refused', problemCount: 1 });
      expect(outcome.problems[0]).toEqual({
        file: path,
        line,
        column,
        message: 'field is 10,485,760 bytes, over the 1,048,576 bytes limit',
      });
    }
  });

  it('previews the first records with the mapping an import would use, and their problems', async () => {
    core = openTestCore(tempDir());
    const preview = await call<ImportPreview>(core, 'datasets.preview', {
      paths: [join(fixturesDir, 'chat-logs.jsonl')],
      limit: 3,
    });
    expect(preview.format).toBe('chat');
    expect(preview.rows).toHaveLength(3);
    expect(preview.items[0]?.item).toMatchObject({
      key: 'log-1',
      inputFormat: 'messages',
      reference: 'Invoices are under Settings → Billing.',
    });
    const csv = await call<ImportPreview>(core, 'datasets.preview', {
      paths: [join(fixturesDir, 'semicolon-bom.csv')],
      settings: { mapping: { reference: 'category', input: '{question} [{id}]' } },
    });
    expect(csv.columns).toEqual(['id', 'question', 'answer', 'category']);
    expect(csv.mapping).toMatchObject({
      id: 'id',
      input: '{question} [{id}]',
      reference: 'category',
    });
    expect(csv.items[2]?.item).toMatchObject({ input: 'Plain [q3]', reference: null });
    const missing = await call<ImportPreview>(core, 'datasets.preview', {
      paths: ['/no/such/file.csv'],
    });
    expect(missing.problems).toEqual([
      {
        file: '/no/such/file.csv',
        line: null,
        column: null,
        message: 'file not found or not readable',
      },
    ]);
    const unmappable = await call<ImportPreview>(core, 'datasets.preview', {
      paths: [join(fixturesDir, 'pairs.json')],
      settings: { mapping: { input: 'prompt' } },
    });
    expect(unmappable.problems[0]?.message).toMatch(
      /column "prompt" \(mapped to input\) is not in the file/,
    );
    // A preview writes nothing.
    expect(await call<DatasetItem[]>(core, 'datasets.list')).toEqual([]);
  });
});
