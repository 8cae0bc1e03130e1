import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContaminationOutcome } from '@contract/index';
import type { Core } from '@core/host';
import { createRandom } from '@core/stats/random';
import { RollingWindow, tokenize } from '@core/datasets/contamination/ngramIndex';
import { writeFrozenVersion, type NewItem } from '@core/datasets/versionWriter';
import { addProvider } from '@core/providers/workspaceProviders';
import { startSimulator } from '../../simulator';
import { openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { runJob } from './jobHelpers';

const random = createRandom('contamination-test');
const words = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i.toString(36)}x${(i * 7919) % 997}`);
const datasetVocab = words('d', 400);
const corpusVocab = words('c', 400);
const pick = <T>(list: readonly T[]) => list[random.int(list.length)] as T;
const sentence = (vocab: readonly string[], n: number) =>
  Array.from({ length: n }, () => pick(vocab));

/** Writes the words of a span the way a corpus would: mixed case, punctuation, a line break. */
function disguise(span: string[]): string {
  return span
    .map(
      (w, i) =>
        (i % 4 === 0 ? w.toUpperCase() : w) + (i % 5 === 2 ? ',' : '') + (i === 6 ? '\n' : ' '),
    )
    .join('');
}

describe('contamination check', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(() => core.close());

  it('finds exactly the items with a planted 13-gram: precision and recall 1.0', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    const items: NewItem[] = Array.from({ length: 300 }, (_, i) => ({
      key: `item-${String(i).padStart(3, '0')}`,
      input: sentence(datasetVocab, 20 + random.int(40)).join(' '),
      reference: i % 3 === 0 ? sentence(datasetVocab, 15 + random.int(10)).join(' ') : null,
      category: null,
      groupId: null,
    }));
    const written = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'eval',
      source: {},
      items,
    });
    const planted = new Set<string>();
    const nearMisses = new Set<string>();
    const lines: string[] = [];
    for (let line = 0; line < 6000; line++)
      lines.push(sentence(corpusVocab, 5 + random.int(30)).join(' '));
    for (const [i, item] of items.entries()) {
      const field = item.reference && i % 2 === 0 ? item.reference : item.input;
      const fieldWords = field.split(' ');
      const at = random.int(lines.length);
      if (i % 7 === 0) {
        const length = 13 + random.int(Math.min(12, fieldWords.length - 13 + 1));
        const start = random.int(fieldWords.length - length + 1);
        lines[at] =
          `${lines[at] ?? ''} ${disguise(fieldWords.slice(start, start + length))} ${pick(corpusVocab)}`;
        planted.add(item.key);
      } else if (i % 11 === 0) {
        // Only 12 words in a row: below the 13-gram threshold, so not contamination.
        lines[at] = `${lines[at] ?? ''} ${fieldWords.slice(0, 12).join(' ')} ${pick(corpusVocab)}`;
        nearMisses.add(item.key);
      }
    }
    const corpus = join(dir, 'training.txt');
    writeFileSync(corpus, lines.join('\n'));
    const { value } = await runJob<'contamination'>(core, 'datasets.contamination', {
      versionId: written.versionId,
      corpusPath: corpus,
    });
    const outcome = value as ContaminationOutcome;
    const detected = new Set(outcome.items.map((i) => i.key));
    const truePositives = [...detected].filter((k) => planted.has(k)).length;
    const precision = truePositives / detected.size;
    const recall = truePositives / planted.size;
    expect(planted.size).toBe(43);
    expect(nearMisses.size).toBeGreaterThan(10);
    expect({ precision, recall }).toEqual({ precision: 1, recall: 1 });
    expect(outcome).toMatchObject({
      n: 13,
      itemCount: 300,
      checkedItems: 300,
      contaminatedItems: 43,
    });
    expect(outcome.rate).toBeCloseTo(43 / 300, 10);
    for (const item of outcome.items) {
      const span = item.spans[0];
      expect(span && span.text.split(' ').length).toBeGreaterThanOrEqual(13);
      const source = items.find((i) => i.key === item.key);
      expect(
        span &&
          (span.field === 'input' ? source?.input : source?.reference)?.slice(span.start, span.end),
      ).toBe(span?.text);
    }
  });

  it('reads JSON Lines corpora by field, without n-grams crossing records, and skips items too short', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    const text =
      'the quick brown fox jumps over the lazy dog while seven hungry cats watch it quietly';
    const written = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'small',
      source: {},
      items: [
        { key: 'long', input: text, reference: null, category: null, groupId: null },
        {
          key: 'short',
          input: 'too short to check',
          reference: null,
          category: null,
          groupId: null,
        },
      ],
    });
    const words = text.split(' ');
    const corpus = join(dir, 'corpus.jsonl');
    writeFileSync(
      corpus,
      [
        JSON.stringify({ text: words.slice(0, 8).join(' '), id: 1 }),
        JSON.stringify({ text: words.slice(8).join(' '), id: 2 }),
        JSON.stringify({ meta: text }),
      ].join('\n'),
    );
    const split = await runJob<'contamination'>(core, 'datasets.contamination', {
      versionId: written.versionId,
      corpusPath: corpus,
      corpusField: 'text',
    });
    expect(split.value).toMatchObject({ contaminatedItems: 0, checkedItems: 1, itemCount: 2 });
    const all = await runJob<'contamination'>(core, 'datasets.contamination', {
      versionId: written.versionId,
      corpusPath: corpus,
    });
    expect(all.value?.items.map((i) => [i.key, i.matchedNgrams, i.totalNgrams])).toEqual([
      ['long', 4, 4],
    ]);
    expect(all.value?.items[0]?.spans).toEqual([
      { field: 'input', start: 0, end: text.length, text },
    ]);
  });
});

describe('n-gram tokens and rolling hashes', () => {
  it('normalises case, width and punctuation, keeping offsets into the original text', () => {
    expect(tokenize('Ｈello, WORLD! café')).toEqual([
      { word: 'hello', start: 0, end: 5 },
      { word: 'world', start: 7, end: 12 },
      { word: 'café', start: 14, end: 18 },
    ]);
  });

  it('gives a window the same key however the stream reached it', () => {
    const a = new RollingWindow(3);
    const b = new RollingWindow(3);
    let keyA: number | null = null;
    for (const w of ['x', 'y', 'one', 'two', 'three']) keyA = a.push(w);
    let keyB: number | null = null;
    for (const w of ['one', 'two', 'three']) keyB = b.push(w);
    expect(keyA).toBe(keyB);
    expect(Number.isSafeInteger(keyA)).toBe(true);
  });
});

describe('contamination by embedding similarity', () => {
  const tempDir = useTempDir();
  let core: Core;
  let sim: Awaited<ReturnType<typeof startSimulator>> | null = null;
  afterEach(async () => {
    await sim?.close();
    sim = null;
    await core.close();
  });

  it('finds, through a configured embedding provider on loopback, the items whose text a corpus passage repeats', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    sim = await startSimulator({ embeddingDimensions: 64, seed: 3 });
    addProvider(core.context, {
      kind: 'openai-compatible',
      label: 'local-embedder',
      config: { baseUrl: `${sim.url}/v1` },
    });
    const items = Array.from({ length: 12 }, (_, i) => ({
      key: `e${i}`,
      input: sentence(datasetVocab, 10).join(' '),
      reference: null,
      category: null,
      groupId: null,
    }));
    const written = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'emb',
      source: {},
      items,
    });
    const corpus = join(dir, 'corpus.jsonl');
    const docs = Array.from({ length: 30 }, () => ({ text: sentence(corpusVocab, 10).join(' ') }));
    docs.splice(7, 0, { text: items[4]?.input ?? '' }, { text: items[9]?.input ?? '' });
    writeFileSync(corpus, docs.map((d) => JSON.stringify(d)).join('\n'));
    const { value, job } = await runJob<'contamination'>(core, 'datasets.contamination', {
      versionId: written.versionId,
      corpusPath: corpus,
      embedding: {
        provider: 'local-embedder',
        model: 'text-embedding-3-small',
        threshold: 0.99,
        passageWords: 10,
      },
    });
    expect(job.status).toBe('completed');
    expect(value?.embedding).toMatchObject({
      status: 'done',
      provider: 'local-embedder',
      passages: 32,
      isTruncated: false,
    });
    expect(value?.embedding.items.map((i) => i.key).sort()).toEqual(['e4', 'e9']);
    expect(value?.embedding.items[0]?.similarity).toBeCloseTo(1, 6);
    expect(sim.log().some((entry) => entry.path === '/v1/embeddings')).toBe(true);
  });

  it('refuses to send a personal dataset to a cloud embedding provider, before any request', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    addProvider(core.context, {
      kind: 'openai-compatible',
      label: 'cloud-embedder',
      config: { baseUrl: 'https://embeddings.example.com/v1' },
    });
    const written = writeFrozenVersion(core.context.db, core.context.repos.datasets, {
      datasetName: 'personal',
      source: {},
      items: [
        {
          key: 'p',
          input: 'write to jane.doe@example.com about the refund',
          reference: null,
          category: null,
          groupId: null,
        },
      ],
    });
    const corpus = join(dir, 'c.txt');
    writeFileSync(corpus, 'anything');
    const result = await core.dispatch('datasets.contamination', {
      versionId: written.versionId,
      corpusPath: corpus,
      embedding: { provider: 'cloud-embedder', model: 'm' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: expect.stringContaining('non-local providers: cloud-embedder') as string,
      },
    });
  });
});
