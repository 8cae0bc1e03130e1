import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportOutcome } from '@contract/index';
import type { Core } from '@core/host';
import { writeFrozenVersion, type NewItem } from '@core/datasets/versionWriter';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { importFiles, runJob } from './jobHelpers';

const tricky: NewItem[] = [
  {
    key: 'plain',
    input: 'What is 2+2?',
    reference: '4',
    category: 'math',
    groupId: null,
    tags: ['easy'],
    metadata: { difficulty: 1 },
  },
  {
    key: 'quotes',
    input: 'She said "hi", then left,\r\nand "bye"\n',
    reference: null,
    category: null,
    groupId: 'g1',
    tags: [],
    metadata: {},
  },
  {
    key: 'spaces',
    input: '  padded  ',
    reference: ' x ',
    category: 'a,b',
    groupId: null,
    tags: ['b', 'a'],
    metadata: { nested: { list: [1, 2.5, true, null], text: 'ünïcødé 🙂' } },
  },
  {
    key: 'chat',
    inputFormat: 'messages',
    input: JSON.stringify([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi\nthere' },
    ]),
    reference: 'Hello!',
    category: 'chat',
    groupId: 'conv-9',
    tags: ['logs'],
    metadata: { model: 'gpt-4o-mini', latency_ms: 812.5 },
  },
  {
    key: 'Ünicode-key',
    input: '=SUM(A1:A2)',
    reference: '0',
    category: null,
    groupId: null,
    tags: [],
    metadata: { formula: '=1+1' },
  },
];

describe('exporting a version', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(() => core.close());

  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    it(`round-trips ${format}: export, then import, gives the same content hash`, async () => {
      const dir = tempDir();
      core = openTestCore(dir);
      const written = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
        datasetName: 'tricky',
        description: 'edge cases',
        source: { kind: 'test' },
        items: tricky,
      });
      const path = join(dir, `out.${format}`);
      const { value } = await runJob<'export'>(core, 'datasets.export', {
        versionId: written.versionId,
        format,
        path,
      });
      const outcome = value as ExportOutcome;
      expect(outcome).toMatchObject({
        path,
        itemCount: 5,
        contentHash: written.contentHash,
        provenancePath: `${path}.provenance.json`,
      });
      const provenance = JSON.parse(readFileSync(outcome.provenancePath, 'utf8')) as Record<
        string,
        unknown
      >;
      expect(provenance).toMatchObject({
        kind: 'yardstick-dataset-export',
        dataset: { name: 'tricky', description: 'edge cases' },
        version: { id: written.versionId, number: 1, parentId: null },
        contentHash: written.contentHash,
        itemCount: 5,
        source: { kind: 'test' },
        file: { name: `out.${format}`, format, sha256: outcome.fileSha256 },
      });
      const back = await importFiles(core, { paths: [path], datasetName: `back-${format}` });
      expect(back).toMatchObject({ status: 'imported', itemCount: 5, problems: [] });
      expect(back.contentHash).toBe(written.contentHash);
      expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    });
  }

  it('puts the hash and provenance into the Parquet file itself', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    const written = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 't',
      source: {},
      items: tricky,
    });
    const path = join(dir, 'x.parquet');
    await runJob(core, 'datasets.export', {
      versionId: written.versionId,
      format: 'parquet',
      path,
    });
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    const kv = Object.fromEntries((metadata.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    expect(kv['yardstick.contentHash']).toBe(written.contentHash);
    expect(Number(metadata.num_rows)).toBe(5);
  });

  it('refuses to overwrite a file unless asked, and leaves nothing behind when it fails', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    const written = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 't',
      source: {},
      items: tricky,
    });
    const path = join(dir, 'x.jsonl');
    await runJob(core, 'datasets.export', { versionId: written.versionId, format: 'jsonl', path });
    const again = await core.dispatch('datasets.export', {
      versionId: written.versionId,
      format: 'jsonl',
      path,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const overwritten = await runJob(core, 'datasets.export', {
      versionId: written.versionId,
      format: 'csv',
      path,
      overwrite: true,
    });
    expect(overwritten.job.status).toBe('completed');
    const missingDir = join(dir, 'no', 'such', 'dir', 'y.csv');
    const failed = await runJob(core, 'datasets.export', {
      versionId: written.versionId,
      format: 'csv',
      path: missingDir,
    });
    expect(failed.job.status).toBe('failed');
    expect(existsSync(missingDir)).toBe(false);
  });
});
