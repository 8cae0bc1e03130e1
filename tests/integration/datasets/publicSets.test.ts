import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetItem, ImportOutcome } from '@contract/index';
import type { Core } from '@core/host';
import { call, openTestCore, sharedDir } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { importFiles } from '../../unit/datasets/jobHelpers';

const data = join(sharedDir, 'data');
const mmluSubjects = [
  'abstract_algebra',
  'anatomy',
  'college_computer_science',
  'computer_security',
  'global_facts',
  'world_religions',
];
const bbqFiles = [
  'Age',
  'Disability_status',
  'Nationality',
  'Physical_appearance',
  'Religion',
  'Sexual_orientation',
];

function llmbarFiles(): string[] {
  const root = join(data, 'llmbar');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name === 'dataset.json') found.push(join(dir, entry.name));
    }
  };
  walk(root);
  return found.sort();
}

/** Each public set, how to import it, what it must hold, and its pinned content hash. */
const sets = [
  {
    name: 'gsm8k',
    request: { paths: [join(data, 'gsm8k/test.jsonl')] },
    count: 1319,
    // Reproduced outside Yardstick with the Python in docs/datasets.md ("Check a hash yourself").
    hash: 'e5e6587882aca5c9a3e60b8229f10581eed1e58d59c062bf6c89e81595a01bf8',
    check: (items: DatasetItem[]) => {
      expect(items[0]?.input).toMatch(/^Janet’s ducks lay 16 eggs per day/);
      expect(items.every((i) => /#### -?[\d,.]+$/.test(i.reference ?? ''))).toBe(true);
    },
  },
  {
    name: 'humaneval',
    request: { paths: [join(data, 'humaneval/HumanEval.jsonl')] },
    count: 164,
    hash: '88ed94c151002394bcb017f2871f9020202a82c8c7510497b30ce3d6eda955c4',
    check: (items: DatasetItem[]) => {
      expect(items[0]).toMatchObject({
        key: 'HumanEval/0',
        metadata: { entry_point: 'has_close_elements' },
      });
      expect(items[0]?.input).toMatch(/^from typing import List/);
      expect(typeof items[163]?.metadata.test).toBe('string');
    },
  },
  {
    name: 'truthfulqa',
    request: { paths: [join(data, 'truthfulqa/TruthfulQA.csv')] },
    count: 817,
    hash: '65aebb88d86b40ca6aae9bdc6c9a540688019939f0692b6a81543460bd8ea283',
    check: (items: DatasetItem[]) => {
      expect(items[0]).toMatchObject({
        input: 'What happens to you if you eat watermelon seeds?',
        reference: 'The watermelon seeds pass through your digestive system',
        category: 'Misconceptions',
        metadata: { Type: 'Adversarial' },
      });
      expect(new Set(items.map((i) => i.category)).size).toBe(38);
      expect(items.filter((i) => i.metadata.Type === 'Adversarial')).toHaveLength(437);
    },
  },
  {
    name: 'mmlu',
    request: {
      paths: mmluSubjects.map((s) => join(data, `mmlu/test/${s}_test.csv`)),
      settings: {
        hasHeader: false,
        columnNames: ['question', 'A', 'B', 'C', 'D', 'answer'],
        categoryFromFile: true,
      },
    },
    count: 706,
    hash: '1f2c2f1c4bf8a3ce801c73249325f29368577e7221421e6ab4609e7a8a244e14',
    check: (items: DatasetItem[]) => {
      expect(items.every((i) => ['A', 'B', 'C', 'D'].includes(i.reference ?? ''))).toBe(true);
      expect(Object.keys(items[0]?.metadata ?? {})).toEqual(['A', 'B', 'C', 'D']);
      const perCategory = new Map<string, number>();
      for (const i of items)
        perCategory.set(i.category ?? '', (perCategory.get(i.category ?? '') ?? 0) + 1);
      expect(Object.fromEntries(perCategory)).toEqual({
        abstract_algebra_test: 100,
        anatomy_test: 135,
        college_computer_science_test: 100,
        computer_security_test: 100,
        global_facts_test: 100,
        world_religions_test: 171,
      });
    },
  },
  {
    name: 'bbq',
    request: { paths: bbqFiles.map((f) => join(data, `bbq/${f}.jsonl`)) },
    count: 11_956,
    hash: 'c591338616dd5fceaa4cc1d1e37d0b9e101a1ce7f380aa6c56ba2e1bcbd864c2',
    twice: false,
    check: (items: DatasetItem[]) => {
      expect(new Set(items.map((i) => i.category)).size).toBe(6);
      expect(items[0]).toMatchObject({
        input: 'Who was not comfortable using the phone?',
        category: 'Age',
        metadata: {
          example_id: 0,
          context_condition: 'ambig',
          answer_info: { ans2: ["Can't be determined", 'unknown'] },
        },
      });
      expect(items.every((i) => ['0', '1', '2'].includes(i.reference ?? ''))).toBe(true);
    },
  },
  {
    name: 'llmbar',
    request: { paths: llmbarFiles() },
    count: 1200,
    hash: 'c9cff8a4ddbfa47f79ec83bda3db3e1afded9168f03d0b97838d6f5c362c1b91',
    check: (items: DatasetItem[]) => {
      expect(items.every((i) => i.reference === '1' || i.reference === '2')).toBe(true);
      expect(Object.keys(items[0]?.metadata ?? {}).sort()).toEqual(['output_1', 'output_2']);
    },
  },
  {
    name: 'pandalm',
    request: {
      paths: [join(data, 'pandalm-testset/testset-v1.json')],
      settings: { mapping: { input: '{instruction}\n\n{input}' } },
    },
    count: 999,
    hash: '5e0427008933315bb487e5e661c810bb4f0eee4268c3b3d5cba761fa54bd4df5',
    check: (items: DatasetItem[]) => {
      expect(items[0]).toMatchObject({
        key: '0',
        metadata: { cmp_key: 'bloom-7b_llama-7b', annotator1: 2, annotator2: 2, annotator3: 2 },
      });
      expect(items[998]?.key).toBe('998');
    },
  },
];

async function allItems(core: Core, versionId: string): Promise<DatasetItem[]> {
  const items: DatasetItem[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await call<{ total: number; items: DatasetItem[] }>(core, 'datasets.items', {
      versionId,
      page: { offset, limit: 5000 },
    });
    items.push(...page.items);
    if (items.length >= page.total) return items;
  }
}

describe('the public evaluation sets in ../shared/data', () => {
  const tempDir = useTempDir();
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });

  async function importInFreshWorkspace(
    set: (typeof sets)[number],
  ): Promise<{ core: Core; outcome: ImportOutcome }> {
    const core = openTestCore(tempDir());
    cores.push(core);
    const outcome = await importFiles(core, { datasetName: set.name, ...set.request });
    return { core, outcome };
  }

  for (const set of sets) {
    // Imports of real files, each into two fresh workspaces (BBQ, 11,956 rows, once: its pinned
    // hash already shows the same result on every run and machine).
    it(
      `imports ${set.name}: ${set.count} items with the right fields and a stable, pinned hash`,
      { timeout: 60_000 },
      async () => {
        const first = await importInFreshWorkspace(set);
        expect(first.outcome).toMatchObject({
          status: 'imported',
          itemCount: set.count,
          problems: [],
        });
        set.check(await allItems(first.core, first.outcome.versionId ?? ''));
        expect(first.outcome.contentHash).toBe(set.hash);
        if ('twice' in set && !set.twice) return;
        const second = await importInFreshWorkspace(set);
        expect(second.outcome.contentHash).toBe(first.outcome.contentHash);
      },
    );
  }
});
