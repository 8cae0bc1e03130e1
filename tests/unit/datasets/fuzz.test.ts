import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { versionContentHash } from '@core/datasets/contentHash';
import { runImport, type ImportOutcome } from '@core/datasets/import/importer';
import { openTestCore } from '../../support/core';
import { storeCounts } from './jobHelpers';

const csvBase = Buffer.from(
  'id,question,answer,category\n' +
    Array.from(
      { length: 12 },
      (_, i) => `q${i},"Question ${i}, with ""quotes""\nand a second line",${i * 7},cat${i % 3}`,
    ).join('\n') +
    '\n',
);
const jsonlBase = Buffer.from(
  Array.from({ length: 12 }, (_, i) =>
    JSON.stringify({
      id: `j${i}`,
      question: `Wie viel ist ${i}+${i}? ü`,
      answer: String(2 * i),
      tags: ['a', `t${i}`],
    }),
  ).join('\n') + '\n',
);

/** Edits that break files the way real files break. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('insertText' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '"',
      '\n',
      ',',
      '{',
      '}',
      '[',
      '\\',
      '\r\n',
      '""',
      '"x"y',
      '\u0000',
      '\uFEFF',
    ),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('invalidUtf8' as const),
    at: fc.nat(),
    bytes: fc.constantFrom(
      [0xff],
      [0xc3, 0x28],
      [0xe2, 0x82],
      [0xf0, 0x9f, 0x98],
      [0xed, 0xa0, 0x80],
    ),
  }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('giantField' as const),
    at: fc.nat(),
    size: fc.integer({ min: 2100, max: 6000 }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(base: Buffer, mutations: Mutation[]): Buffer {
  let bytes = base;
  for (const m of mutations) {
    const at = 'at' in m ? m.at % (bytes.length + 1) : 0;
    switch (m.kind) {
      case 'truncate':
        bytes = bytes.subarray(0, at);
        break;
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
        break;
      case 'insertText':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
        break;
      case 'invalidUtf8':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
        break;
      case 'duplicateLine': {
        const lines = bytes.toString('latin1').split('\n');
        const i = m.line % Math.max(1, lines.length);
        lines.splice(i, 0, lines[i] ?? '');
        bytes = Buffer.from(lines.join('\n'), 'latin1');
        break;
      }
      case 'giantField':
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from('Z'.repeat(m.size)),
          bytes.subarray(at),
        ]);
        break;
    }
  }
  return bytes;
}

const fileLevel =
  /^(no records found in the file|nothing to import: no records|no input column|column ".*" \(mapped to|expected a JSON)/;

describe('fuzzed imports', () => {
  let core: Core;
  let dir: string;
  let round = 0;
  // One workspace for every case: each import must leave it exactly as it found it, or whole.
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yardstick-fuzz-'));
    core = openTestCore(dir);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function check(name: string, bytes: Buffer, skipBadRows: boolean): Promise<ImportOutcome> {
    const path = join(dir, `${round++}-${name}`);
    writeFileSync(path, bytes);
    const before = storeCounts(core);
    const outcome = await runImport(
      core.context,
      { paths: [path], datasetName: `fuzz-${round}`, skipBadRows, maxFieldBytes: 2000 },
      { signal: new AbortController().signal, progress: () => undefined },
    );
    const after = storeCounts(core);
    expect(after?.drafts).toBe(0);
    for (const problem of outcome.problems) {
      expect(problem.file).toBe(path);
      // Located: a line (and usually a column), or a problem with the file as a whole.
      expect(problem.line !== null || fileLevel.test(problem.message), problem.message).toBe(true);
    }
    if (outcome.status === 'refused') {
      expect(after).toEqual(before);
      expect(outcome.problemCount).toBeGreaterThan(0);
    } else {
      expect(outcome.status).toBe('imported');
      // Every problem cost its row (a file-level problem would have refused the import).
      if (outcome.problemCount > 0) expect(outcome.skipped).toBeGreaterThan(0);
      if (!skipBadRows) expect(outcome.problemCount).toBe(0);
      const versionId = outcome.versionId ?? '';
      const stored = core.context.repos.datasets.version(versionId);
      expect(stored).toMatchObject({
        isFrozen: true,
        itemCount: outcome.itemCount,
        contentHash: outcome.contentHash,
      });
      expect(core.context.repos.datasets.countItems(versionId)).toBe(outcome.itemCount);
      const hashes = core.context.db.all<{ h: string }>(
        sql`SELECT content_hash AS h FROM items WHERE version_id = ${versionId} ORDER BY item_key COLLATE BINARY`,
      );
      expect(versionContentHash(hashes.map((r) => r.h))).toBe(outcome.contentHash);
    }
    return outcome;
  }

  for (const [name, base] of [
    ['mutated.csv', csvBase],
    ['mutated.jsonl', jsonlBase],
  ] as const) {
    it(
      `never crashes, never leaves a partial version, and locates every problem in ${name}`,
      { timeout: 30_000 },
      async () => {
        let refused = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(mutation, { minLength: 1, maxLength: 4 }),
            fc.boolean(),
            async (mutations, skip) => {
              const outcome = await check(name, apply(base, mutations), skip);
              if (outcome.status === 'refused') refused++;
            },
          ),
          { numRuns: 1000, seed: 20_260_101 },
        );
        // The mutations do break files: a good share of imports must have been refused.
        expect(refused).toBeGreaterThan(100);
      },
    );
  }
});
