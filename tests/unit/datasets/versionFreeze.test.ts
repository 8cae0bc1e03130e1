/**
 * `VersionDraft.freezeInChunks`: the re-hash of a large version, a chunk at a time with the
 * event loop turning in between (progress, cancel), giving exactly `freeze`'s hash; a stop
 * during it leaves an open draft that `discard` (or the import's clean-up) removes entirely.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { itemContentHash, normaliseTags, versionContentHash } from '@core/datasets/contentHash';
import { runImport } from '@core/datasets/import/importer';
import { VersionDraft, type NewItem } from '@core/datasets/versionWriter';
import { JobCancelled, type JobControl } from '@core/jobs/jobManager';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { storeCounts } from './jobHelpers';

const tempDir = useTempDir();
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

function open(): Core {
  core = openTestCore(tempDir());
  return core;
}

/** Keys deliberately out of order (and of several lengths): the hash orders them by bytes. */
function items(count: number): NewItem[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `k${(i * 7919) % count}`,
    input: `question ${i}?`,
    reference: i % 3 === 0 ? null : `answer ${i}`,
    category: i % 2 ? 'odd' : 'even',
    groupId: null,
    tags: ['t', i % 5 ? 'b' : 'a'],
  }));
}

function draftOf(c: Core, name: string, rows: readonly NewItem[]): VersionDraft {
  const draft = VersionDraft.open(c.context.db, c.context.repos.datasets, {
    datasetName: name,
    source: { test: true },
  });
  for (let i = 0; i < rows.length; i += 1000) draft.addBatch(rows.slice(i, i + 1000));
  return draft;
}

/** The version hash computed here from the items alone, as docs/dataset-hash.md defines it. */
function expectedHash(rows: readonly NewItem[]): string {
  const lines = rows
    .map((item) => ({
      key: item.key,
      hash: itemContentHash({
        key: item.key,
        inputFormat: 'text',
        input: item.input,
        reference: item.reference ?? null,
        category: item.category ?? null,
        groupId: item.groupId ?? null,
        tags: normaliseTags(item.tags ?? []),
        metadata: {},
      }),
    }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  return versionContentHash(lines.map((l) => l.hash));
}

describe('freezing a version in chunks', () => {
  it('gives the hash freeze gives, whatever the chunk size', async () => {
    const c = open();
    const rows = items(2_345);
    const whole = draftOf(c, 'whole', rows).freeze();
    expect(whole.contentHash).toBe(expectedHash(rows));
    for (const chunkRows of [1, 7, 1000, 2_345, 100_000, undefined]) {
      const written = await draftOf(c, `chunks-${String(chunkRows)}`, rows).freezeInChunks({
        chunkRows,
      });
      expect({ chunkRows, hash: written.contentHash }).toEqual({
        chunkRows,
        hash: whole.contentHash,
      });
      expect(written).toMatchObject({ version: 1, itemCount: rows.length });
      expect(c.context.repos.datasets.version(written.versionId)?.isFrozen).toBe(true);
    }
  });

  it('reports after each chunk, lets the event loop turn between chunks, and refuses new items meanwhile', async () => {
    const c = open();
    const draft = draftOf(c, 'reported', items(10_000));
    const seen: Array<{ hashed: number; total: number; turns: number }> = [];
    let turns = 0;
    let beating = true;
    const beat = () => {
      turns++;
      if (beating) setImmediate(beat);
    };
    setImmediate(beat);
    let refusal = '';
    try {
      await draft.freezeInChunks({
        chunkRows: 1_500,
        afterChunk: async (hashed, total) => {
          seen.push({ hashed, total, turns });
          try {
            draft.addBatch(items(1));
          } catch (error) {
            refusal = (error as Error).message;
          }
          await new Promise((resolve) => setImmediate(resolve));
        },
      });
    } finally {
      beating = false;
    }
    expect(seen.map((s) => s.hashed)).toEqual([1500, 3000, 4500, 6000, 7500, 9000, 10_000]);
    expect(seen.every((s) => s.total === 10_000)).toBe(true);
    for (const [i, s] of seen.entries())
      if (i > 0) expect(s.turns).toBeGreaterThan((seen[i - 1] as (typeof seen)[number]).turns);
    expect(refusal).toBe('version draft is hashing');
  });

  it('stops where afterChunk throws, leaving an open draft that discard removes whole', async () => {
    const c = open();
    const before = storeCounts(c);
    const draft = draftOf(c, 'stopped', items(6_000));
    const stop = new Error('stop');
    const chunksSeen: number[] = [];
    await expect(
      draft.freezeInChunks({
        chunkRows: 1_000,
        afterChunk: (hashed) => {
          chunksSeen.push(hashed);
          return hashed >= 2_000 ? Promise.reject(stop) : Promise.resolve();
        },
      }),
    ).rejects.toBe(stop);
    expect(chunksSeen).toEqual([1000, 2000]);
    expect(c.context.repos.datasets.version(draft.versionId)?.isFrozen).toBe(false);
    draft.discard();
    expect(storeCounts(c)).toEqual(before);
  });
});

describe('an import hashing its version', () => {
  function jsonl(count: number): string {
    const path = join(tempDir(), 'many.jsonl');
    const lines = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ id: `r${i}`, question: `question number ${i}` }),
    );
    writeFileSync(path, lines.join('\n'));
    return path;
  }

  /** A job's control for `runImport`, keeping each progress message. */
  function control(onMessage: (message: string) => void = () => undefined) {
    const abort = new AbortController();
    const messages: string[] = [];
    const value: JobControl = {
      signal: abort.signal,
      progress: (_done, _total, message) => {
        if (message === undefined) return;
        messages.push(message);
        onMessage(message);
      },
    };
    return { value, messages, abort };
  }

  it('reports the hashing as it goes', async () => {
    const c = open();
    const { value, messages } = control();
    const outcome = await runImport(c.context, { paths: [jsonl(12_000)], datasetName: 'm' }, value);
    expect(outcome).toMatchObject({ status: 'imported', itemCount: 12_000 });
    const hashing = messages.filter((m) => m.startsWith('hashing items'));
    expect(hashing).toEqual([
      'hashing items: 5,000 of 12,000',
      'hashing items: 10,000 of 12,000',
      'hashing items: 12,000 of 12,000',
    ]);
  });

  it('is cancelled during the hash: nothing of it is left', async () => {
    const c = open();
    const before = storeCounts(c);
    const job = control((message) => {
      if (message.startsWith('hashing items: 5,000')) job.abort.abort();
    });
    const path = jsonl(12_000);
    await expect(
      runImport(c.context, { paths: [path], datasetName: 'cancelled' }, job.value),
    ).rejects.toBeInstanceOf(JobCancelled);
    expect(job.messages.filter((m) => m.startsWith('hashing items'))).toEqual([
      'hashing items: 5,000 of 12,000',
    ]);
    expect(storeCounts(c)).toEqual(before);
  });
});
