import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetItem } from '@contract/index';
import type { Core } from '@core/host';
import { runImport } from '@core/datasets/import/importer';
import { VersionDraft } from '@core/datasets/versionWriter';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { waitForDatasetJob } from '@core/datasets/jobs';
import { importFiles, storeCounts } from './jobHelpers';
import { fixturesDir } from './readHelpers';

describe('importing files', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => {
    await core?.close();
    core = undefined as unknown as Core;
  });

  function file(name: string, content: string | Buffer) {
    const dir = tempDir();
    const path = join(dir, name);
    writeFileSync(path, content);
    core ??= openTestCore(dir);
    return path;
  }

  it('imports JSON Lines with auto-mapped fields and freezes a hashed version', async () => {
    core = openTestCore(tempDir());
    const outcome = await importFiles(core, {
      paths: [join(fixturesDir, 'items.jsonl')],
      datasetName: 'trivia',
    });
    expect(outcome).toMatchObject({
      status: 'imported',
      itemCount: 3,
      version: 1,
      rowsRead: 3,
      skipped: 0,
      problems: [],
    });
    expect(outcome.mapping).toEqual({
      id: 'id',
      input: 'question',
      reference: 'answer',
      category: 'category',
      tags: 'tags',
    });
    const { items } = await call<{ items: DatasetItem[] }>(core, 'datasets.items', {
      versionId: outcome.versionId,
    });
    expect(items[1]).toMatchObject({
      key: 'a2',
      input: 'Name a prime above 10.',
      reference: '11',
      category: 'math',
      tags: ['easy', 'numbers'],
      metadata: { difficulty: 2 },
    });
    expect(items[2]?.metadata).toEqual({ difficulty: 1, source: { book: 'trivia', page: 12 } });
  });

  it('imports chat-format production logs as messages inputs with the logged response as reference', async () => {
    core = openTestCore(tempDir());
    const outcome = await importFiles(core, {
      paths: [join(fixturesDir, 'chat-logs.jsonl')],
      datasetName: 'logs',
    });
    expect(outcome).toMatchObject({
      status: 'imported',
      itemCount: 6,
      files: [{ format: 'chat', rows: 6 }],
    });
    const { items } = await call<{ items: DatasetItem[] }>(core, 'datasets.items', {
      versionId: outcome.versionId,
    });
    expect(items.map((i) => [i.key, i.inputFormat, i.reference])).toEqual([
      ['log-1', 'messages', 'Invoices are under Settings → Billing.'],
      ['log-2', 'messages', "Use the 'Forgot password' link on the sign-in page."],
      ['log-3', 'messages', 'Meeting now at 3pm.'],
      ['log-4', 'messages', 'Hi!'],
      ['batch-5', 'messages', '4'],
      ['log-6', 'messages', 'Pong'],
    ]);
    expect(JSON.parse(items[0]?.input ?? '')).toEqual([
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: 'Where is my invoice?' },
    ]);
    expect(JSON.parse(items[3]?.input ?? '')).toEqual([{ role: 'user', content: 'Say hi' }]);
    expect(items[0]?.metadata).toEqual({ model: 'gpt-4o-mini', latency_ms: 812 });
    expect(items[2]?.metadata).toEqual({ model: 'gpt-4o' });
  });

  it('imports CSV, TSV and JSON arrays', async () => {
    core = openTestCore(tempDir());
    const csv = await importFiles(core, {
      paths: [join(fixturesDir, 'semicolon-bom.csv')],
      datasetName: 'csv',
    });
    expect(csv).toMatchObject({ status: 'imported', itemCount: 3 });
    const tsv = await importFiles(core, {
      paths: [join(fixturesDir, 'simple.tsv')],
      datasetName: 'tsv',
    });
    expect(tsv).toMatchObject({
      status: 'imported',
      itemCount: 2,
      mapping: { input: 'question', reference: 'answer', category: 'subject' },
    });
    const json = await importFiles(core, {
      paths: [join(fixturesDir, 'pairs.json')],
      datasetName: 'pairs',
    });
    expect(json).toMatchObject({
      status: 'imported',
      itemCount: 3,
      mapping: { input: 'input', reference: 'label' },
    });
  });

  it('refuses an import with any bad row, listing every problem located, and writes nothing', async () => {
    const path = file(
      'bad.jsonl',
      '{"id":"1","question":"ok"}\n{"id":"2","question":}\n{"id":"1","question":"dup"}\n{"id":"3"}\n{"id":"4","question":"fine"}\n',
    );
    const before = storeCounts(core);
    const outcome = await importFiles(core, { paths: [path], datasetName: 'bad' });
    expect(outcome.status).toBe('refused');
    expect(outcome.problems).toEqual([
      { file: path, line: 2, column: 'char 22', message: "invalid JSON: Unexpected token '}'" },
      { file: path, line: 3, column: 'id', message: 'duplicate id "1"' },
      {
        file: path,
        line: 4,
        column: 'question',
        message: 'missing field "question" (mapped to input)',
      },
    ]);
    expect(storeCounts(core)).toEqual(before);
    expect(await call(core, 'datasets.list')).toEqual([]);
  });

  it('with skipBadRows imports the good rows and reports what it skipped', async () => {
    const path = file('bad.csv', 'id,question\n1,ok\n2,"broken\n');
    const refused = await importFiles(core, { paths: [path], datasetName: 'partial' });
    expect(refused.status).toBe('refused');
    const outcome = await importFiles(core, {
      paths: [path],
      datasetName: 'partial',
      skipBadRows: true,
    });
    expect(outcome).toMatchObject({
      status: 'imported',
      itemCount: 1,
      skipped: 1,
      problemCount: 1,
    });
    expect(outcome.problems.every((p) => p.line === 3)).toBe(true);
    expect(
      JSON.parse(
        JSON.stringify(
          (
            await call<{ source: unknown }>(core, 'datasets.version', {
              versionId: outcome.versionId,
            })
          ).source,
        ),
      ),
    ).toMatchObject({
      kind: 'import',
      skipped: 1,
      settings: { skipBadRows: true },
      files: [
        {
          name: 'bad.csv',
          format: 'csv',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
        },
      ],
    });
  });

  it('refuses a file whose required column is missing, whatever skipBadRows says', async () => {
    const path = file('cols.csv', 'name,score\nx,1\n');
    const outcome = await importFiles(core, {
      paths: [path],
      datasetName: 'cols',
      skipBadRows: true,
    });
    expect(outcome.status).toBe('refused');
    expect(outcome.problems[0]).toMatchObject({ file: path, line: null, column: 'input' });
    const mapped = await importFiles(core, {
      paths: [path],
      datasetName: 'cols',
      settings: { mapping: { input: 'name', reference: 'nope' } },
    });
    expect(mapped.problems[0]?.message).toBe(
      'column "nope" (mapped to reference) is not in the file; its columns are: name, score',
    );
  });

  it('numbers identical records that have no id column instead of refusing them', async () => {
    const path = file('same.jsonl', '{"q":"same"}\n{"q":"same"}\n{"q":"other"}\n');
    const outcome = await importFiles(core, {
      paths: [path],
      datasetName: 'same',
      settings: { mapping: { input: 'q' } },
    });
    expect(outcome).toMatchObject({ status: 'imported', itemCount: 3 });
    const { items } = await call<{ items: DatasetItem[] }>(core, 'datasets.items', {
      versionId: outcome.versionId,
    });
    expect(items[1]?.key).toBe(`${items[0]?.key}~2`);
  });

  it('validates without writing on a dry run', async () => {
    core = openTestCore(tempDir());
    const before = storeCounts(core);
    const outcome = await importFiles(core, {
      paths: [join(fixturesDir, 'items.jsonl')],
      datasetName: 'dry',
      dryRun: true,
    });
    expect(outcome).toMatchObject({ status: 'validated', itemCount: 3, versionId: null });
    expect(storeCounts(core)).toEqual(before);
  });

  it('adds a version to an existing dataset with the next number', async () => {
    core = openTestCore(tempDir());
    const first = await importFiles(core, {
      paths: [join(fixturesDir, 'items.jsonl')],
      datasetName: 'twice',
    });
    const second = await importFiles(core, {
      paths: [join(fixturesDir, 'simple.tsv')],
      datasetName: 'twice',
    });
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.datasetId).toBe(first.datasetId);
  });

  it('removes the draft when the import is cancelled, keeping what was there before', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) =>
      JSON.stringify({ id: `r${i}`, question: `question number ${i}` }),
    ).join('\n');
    const path = file('long.jsonl', lines);
    const before = storeCounts(core);
    const { jobId } = await call<{ jobId: string }>(core, 'datasets.import', {
      paths: [path],
      datasetName: 'cancelled',
    });
    await new Promise<void>((resolve) => {
      const off = core.events.subscribe((name, payload) => {
        if (
          name === 'job.progress' &&
          (payload as { id: string; done: number }).id === jobId &&
          (payload as { done: number }).done > 0
        ) {
          off();
          resolve();
        }
      });
    });
    await call(core, 'jobs.cancel', { jobId });
    await expect(waitForDatasetJob(core.context, jobId)).rejects.toThrow('cancelled');
    expect(core.context.jobs.get(jobId)?.status).toBe('cancelled');
    expect(storeCounts(core)).toEqual(before);
  });

  it('reports every problem of a file it cannot find', async () => {
    core = openTestCore(tempDir());
    const outcome = await importFiles(core, { paths: ['/nonexistent/x.csv'], datasetName: 'gone' });
    expect(outcome).toMatchObject({
      status: 'refused',
      problems: [
        { file: '/nonexistent/x.csv', line: null, message: 'file not found or not readable' },
      ],
    });
  });

  it('hides a draft while it is written, and removes drafts left by a crash at start-up', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    const draft = VersionDraft.open(core.context.db, core.context.repos.datasets, {
      datasetName: 'crashy',
      source: {},
    });
    draft.addBatch([{ key: 'a', input: 'x', reference: null, category: null, groupId: null }]);
    expect(await call(core, 'datasets.list')).toEqual([]);
    await core.close();
    core = openTestCore(dir);
    expect(storeCounts(core)).toMatchObject({ datasets: 0, versions: 0, items: 0 });
  });
});

describe('importing in a worker thread (large files)', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(() => core.close());

  // Starts a worker thread that loads the TypeScript sources through tsx: a second or two.
  it(
    'gives the same version as importing inline, problems included',
    { timeout: 30_000 },
    async () => {
      const dir = tempDir();
      core = openTestCore(dir);
      const path = join(dir, 'rows.jsonl');
      const lines = Array.from({ length: 3000 }, (_, i) =>
        JSON.stringify({
          id: `r${i % 2900}`,
          question: `question ${i} for a@example.com`,
          answer: String(i),
        }),
      );
      lines.splice(10, 0, '{"broken": }');
      writeFileSync(path, lines.join('\n'));
      const inline = await importFiles(core, {
        paths: [path],
        datasetName: 'inline',
        skipBadRows: true,
      });
      const threaded = await runImport(
        core.context,
        { paths: [path], datasetName: 'threaded', skipBadRows: true, useWorker: true },
        { signal: new AbortController().signal, progress: () => undefined },
      );
      expect(threaded).toMatchObject({
        status: 'imported',
        itemCount: 2900,
        skipped: 101,
        problemCount: 101,
        personalItems: 2900,
      });
      expect(threaded.contentHash).toBe(inline.contentHash);
      expect(threaded.problems).toEqual(inline.problems);
    },
  );

  it('stops the worker and removes the draft when cancelled', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    const path = join(dir, 'many.jsonl');
    writeFileSync(
      path,
      Array.from({ length: 200_000 }, (_, i) =>
        JSON.stringify({ id: `r${i}`, question: `question ${i}` }),
      ).join('\n'),
    );
    const before = storeCounts(core);
    const controller = new AbortController();
    const running = runImport(
      core.context,
      { paths: [path], datasetName: 'stopped', useWorker: true },
      {
        signal: controller.signal,
        progress: (done) => {
          if (done > 0) controller.abort();
        },
      },
    );
    await expect(running).rejects.toThrow('cancelled');
    expect(storeCounts(core)).toEqual(before);
  });
});
