import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { RouteOutput } from '@contract/index';
import type { Core } from '@core/host';
import { call, repoRoot, sharedDir } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';
import { importFiles } from '../../unit/datasets/jobHelpers';

const data = join(sharedDir, 'data');
type Options = RouteOutput<'suites.scaffoldOptions'>;
type Validation = RouteOutput<'suites.validate'>;

/** Public sets imported as a user would (docs/datasets.md), and what a scaffold must make of them. */
const sets = [
  {
    name: 'gsm8k',
    request: { paths: [join(data, 'gsm8k/test.jsonl')] },
    suggested: ['numeric-match'],
    prompt: ['{{input}}', '#### <number>'],
  },
  {
    name: 'humaneval',
    request: { paths: [join(data, 'humaneval/HumanEval.jsonl')] },
    suggested: ['code-exec'],
    prompt: ['{{input}}', 'Python function'],
    // The tests are for the scorer: they must not be sent to the model.
    notInPrompt: ['metadata.test', 'metadata.entry_point'],
  },
  {
    name: 'truthfulqa',
    request: { paths: [join(data, 'truthfulqa/TruthfulQA.csv')] },
    suggested: ['token-f1', 'rouge'],
    prompt: ['{{input}}'],
    notInPrompt: ['{{reference}}'],
  },
  {
    name: 'mmlu',
    request: {
      paths: ['anatomy', 'global_facts'].map((s) => join(data, `mmlu/test/${s}_test.csv`)),
      settings: {
        hasHeader: false,
        columnNames: ['question', 'A', 'B', 'C', 'D', 'answer'],
        categoryFromFile: true,
      },
    },
    suggested: ['multiple-choice'],
    prompt: ['{{input}}', 'A. {{metadata.A}}', 'D. {{metadata.D}}', '(X: A, B, C, D)'],
  },
  {
    name: 'bbq-age',
    request: { paths: [join(data, 'bbq/Age.jsonl')] },
    suggested: ['numeric-match'],
    prompt: ['{{metadata.context}}', '{{input}}', 'ans0: {{metadata.ans0}}'],
  },
  {
    name: 'llmbar-natural',
    request: { paths: [join(data, 'llmbar/LLMBar/Natural/dataset.json')] },
    suggested: ['numeric-match'],
    prompt: ['{{input}}', 'output_1: {{metadata.output_1}}'],
  },
  {
    name: 'chat-logs',
    request: { paths: [join(repoRoot, 'tests/fixtures/datasets/chat-logs.jsonl')] },
    suggested: null,
    prompt: ['{{input}}'],
  },
];

const modelKinds = [
  { what: 'the built-in local model', models: [{ provider: 'local', model: 'default' }] },
  {
    what: 'the local model on a GGUF file',
    models: [{ provider: 'local', model: join(sharedDir, 'models/stories260K.gguf') }],
  },
  {
    what: 'a configured OpenAI provider',
    models: [{ provider: 'team-openai', model: 'gpt-4o-mini' }],
  },
  {
    what: 'a configured Anthropic provider',
    models: [{ provider: 'team-claude', model: 'claude-3-5-haiku-latest' }],
  },
  {
    what: 'a configured OpenAI-compatible server',
    models: [{ provider: 'lab-vllm', model: 'Qwen/Qwen2.5-7B-Instruct' }],
  },
  {
    what: 'all of them at once',
    models: [
      { provider: 'local', model: 'default' },
      { provider: 'team-openai', model: 'gpt-4o-mini' },
      { provider: 'team-openai', model: 'gpt-4o-mini' },
      { provider: 'team-claude', model: 'claude-3-5-haiku-latest' },
      { provider: 'lab-vllm', model: 'Qwen/Qwen2.5-7B-Instruct' },
    ],
  },
];

async function configureProviders(core: Core) {
  await call(core, 'providers.add', { kind: 'openai', label: 'team-openai', config: {} });
  await call(core, 'providers.add', { kind: 'anthropic', label: 'team-claude', config: {} });
  await call(core, 'providers.add', {
    kind: 'openai-compatible',
    label: 'lab-vllm',
    config: { baseUrl: 'http://127.0.0.1:9/v1' },
  });
}

describe('suites.scaffold on public evaluation sets', () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  // Imports seven real sets (12,000 rows in all) into one workspace, then scaffolds 42 suites.
  it(
    'writes a suite that validates for every set and model kind, with the suggested scorers',
    { timeout: 120_000 },
    async () => {
      const core = openCore(tempDir(), {
        env: {
          YARDSTICK_KEY_FILE: join(tempDir(), 'k.key'),
          YARDSTICK_LOCAL_MODEL: join(sharedDir, 'models/stories260K.gguf'),
        },
      });
      await configureProviders(core);
      for (const set of sets) {
        const outcome = await importFiles(core, { datasetName: set.name, ...set.request });
        expect(outcome.status, set.name).toBe('imported');
        const versionId = outcome.versionId ?? '';
        const options = await call<Options>(core, 'suites.scaffoldOptions', {
          datasetVersionId: versionId,
        });
        const suggested = options.scorers.filter((s) => s.isSuggested).map((s) => s.type);
        if (set.suggested) expect(suggested, set.name).toEqual(set.suggested);
        if (!options.hasReference)
          expect(options.scorers.find((s) => s.type === 'exact-match')?.unavailable).toMatch(
            /no reference answers/,
          );

        for (const [k, kind] of modelKinds.entries()) {
          const name = `${set.name} ${k}`;
          const { yaml } = await call<{ yaml: string }>(core, 'suites.scaffold', {
            name,
            datasetVersionId: versionId,
            models: kind.models,
            scorers: suggested,
          });
          const check = await call<Validation>(core, 'suites.validate', {
            yaml,
            sourcePath: `${name}.yaml`,
          });
          expect(check.issues, `${set.name} with ${kind.what}:\n${yaml}`).toEqual([]);
          expect(check.plan).toMatchObject({
            name,
            datasetVersionId: versionId,
            itemCount: outcome.itemCount,
            modelCount: kind.models.length,
            promptCount: 1,
          });
          const doc = parseDocument(yaml);
          const user = String(doc.getIn(['prompts', 0, 'messages', 1, 'content']));
          for (const part of set.prompt)
            expect(
              `${user}\n${String(doc.getIn(['prompts', 0, 'messages', 0, 'content']))}`,
            ).toContain(part);
          for (const part of set.notInPrompt ?? []) expect(user).not.toContain(part);
          expect(doc.toJS()).toMatchObject({ scorers: suggested.map((type) => ({ type })) });
          // Criteria are written down already (validated above): the first scorer gates.
          const metric = suggested.length ? String(doc.getIn(['scorers', 0, 'id'])) : '';
          const criteria = (doc.toJS() as { criteria: Array<{ metric: string; gate?: boolean }> })
            .criteria;
          expect(criteria.map((c) => [c.metric.split('.')[0], c.gate ?? false])).toEqual([
            ...(metric ? [[metric, true]] : []),
            ['latency', false],
          ]);
        }
      }
    },
  );
});
