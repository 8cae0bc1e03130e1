import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunScoreSummary } from '@contract/routes/scoring';
import type { Core } from '@core/host';
import { scoreRun } from '@core/scoring/index';
import { call, openTestCore, sharedDir } from '../../support/core';
import { fabricateRun } from '../../support/fabricateRun';
import { useTempDir } from '../../support/tempDir';

function jsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

function suite(scorer: string): string {
  return `version: 1
name: public-set
dataset: { name: public }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: reference, provider: openai, model: m1 }
  - { id: wrong, provider: openai, model: m2 }
scorers:
${scorer}`;
}

function passRates(summary: RunScoreSummary, scorerKey: string): Record<string, number | null> {
  return Object.fromEntries(
    summary.models.map((m) => [
      m.modelKey,
      m.scorers.find((s) => s.scorerKey === scorerKey)?.passRate?.estimate ?? null,
    ]),
  );
}

describe('public evaluation sets score 100% on their references and 0% on wrong answers', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  // 328 python3 subprocesses through the two-thread pool; about 20 s on this 2-core machine.
  it(
    'HumanEval: canonical solutions pass all 164 problems, stub completions none',
    { timeout: 180_000 },
    async () => {
      core = openTestCore(tempDir());
      const problems = jsonl<{
        task_id: string;
        prompt: string;
        canonical_solution: string;
        test: string;
        entry_point: string;
      }>(join(sharedDir, 'data', 'humaneval', 'HumanEval.jsonl'));
      expect(problems).toHaveLength(164);
      const run = fabricateRun(core, {
        datasetName: 'humaneval',
        items: problems.map((p) => ({
          key: p.task_id,
          input: p.prompt,
          reference: p.canonical_solution,
          metadata: { test: p.test, entry_point: p.entry_point },
        })),
        suiteYaml: suite('  - { id: tests, type: code-exec, config: { timeoutMs: 20000 } }\n'),
        cells: problems.flatMap((p) => [
          { itemKey: p.task_id, modelKey: 'reference', output: p.canonical_solution },
          {
            itemKey: p.task_id,
            modelKey: 'wrong',
            output: '    raise NotImplementedError("not solved")\n',
          },
        ]),
      });
      const result = await scoreRun(core.context, run.runId);
      expect(result.scorers[0]).toMatchObject({ scored: 328, errors: 0 });
      const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId });
      expect(passRates(summary, 'tests')).toEqual({ reference: 1, wrong: 0 });
    },
  );

  it(
    'GSM8K: the worked solutions score 100%, the same solutions with a wrong final answer 0%',
    { timeout: 60_000 },
    async () => {
      core = openTestCore(tempDir());
      const problems = jsonl<{ question: string; answer: string }>(
        join(sharedDir, 'data', 'gsm8k', 'test.jsonl'),
      );
      const wrongAnswer = (answer: string) =>
        answer.replace(
          /####\s*(.+)$/,
          (_m, n: string) => `#### ${Number(n.replace(/,/g, '')) + 7}`,
        );
      const run = fabricateRun(core, {
        datasetName: 'gsm8k',
        items: problems.map((p, i) => ({
          key: `gsm8k-${i}`,
          input: p.question,
          reference: p.answer,
        })),
        suiteYaml: suite('  - { id: answer, type: numeric-match }\n'),
        cells: problems.flatMap((p, i) => [
          { itemKey: `gsm8k-${i}`, modelKey: 'reference', output: p.answer },
          { itemKey: `gsm8k-${i}`, modelKey: 'wrong', output: wrongAnswer(p.answer) },
        ]),
      });
      await scoreRun(core.context, run.runId);
      const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId });
      expect(passRates(summary, 'answer')).toEqual({ reference: 1, wrong: 0 });
    },
  );
});
