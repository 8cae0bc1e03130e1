/**
 * A suite scaffolded with an LLM judge for a dataset without reference answers (open-ended
 * prompts imported from JSONL): the judge is the suggestion, the scaffold validates as written,
 * and a run of it against the provider simulator is scored by the simulator's judge responder.
 */
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { RouteOutput } from '@contract/index';
import type { Core } from '@core/host';
import { startSimulator, type Simulator } from '../../simulator';
import { call, repoRoot } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';
import { importFiles } from '../../unit/datasets/jobHelpers';

type Options = RouteOutput<'suites.scaffoldOptions'>;
type Validation = RouteOutput<'suites.validate'>;

const key = 'sk-scaffold-judge-0123456789abcdef';
const fixture = join(repoRoot, 'tests/fixtures/datasets/open-prompts.jsonl');

async function openPrompts(core: Core): Promise<string> {
  const outcome = await importFiles(core, { datasetName: 'open-prompts', paths: [fixture] });
  expect(outcome.status).toBe('imported');
  return outcome.versionId ?? '';
}

async function simProvider(core: Core, sim: Simulator) {
  await call(core, 'providers.add', {
    kind: 'openai',
    label: 'sim-openai',
    config: { baseUrl: `${sim.url}/v1`, apiKeySecret: 'SIM_JUDGE_KEY' },
  });
  await call(core, 'secrets.set', { name: 'SIM_JUDGE_KEY', value: key });
}

// A run starts an engine worker thread that compiles its TypeScript with tsx (about a second
// of CPU, more on a busy machine): slower than a unit test by nature.
describe('a scaffold with an LLM judge', { timeout: 30_000 }, () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();

  it('is suggested for a dataset without references, and validates as written', async () => {
    const core = openCore(tempDir());
    const sim = await startSimulator({ apiKey: key });
    try {
      await simProvider(core, sim);
      const versionId = await openPrompts(core);
      const options = await call<Options>(core, 'suites.scaffoldOptions', {
        datasetVersionId: versionId,
      });
      expect(options.hasReference).toBe(false);
      expect(options.scorers.find((s) => s.type === 'judge-rubric')).toMatchObject({
        label: 'LLM judge (rubric)',
        isSuggested: true,
        unavailable: null,
      });
      expect(options.scorers.filter((s) => s.isSuggested).map((s) => s.type)).toEqual([
        'judge-rubric',
      ]);
      expect(options.judgeCriteria).toMatch(/^Does the response do what the input asks/);

      const criteria = 'Is the answer vivid and on topic? Penalise clichés.';
      const { yaml } = await call<{ yaml: string }>(core, 'suites.scaffold', {
        name: 'open judged',
        datasetVersionId: versionId,
        models: [
          { provider: 'local', model: 'default' },
          { provider: 'sim-openai', model: 'sim-small' },
        ],
        scorers: ['judge-rubric'],
        judge: { provider: 'sim-openai', model: 'sim-judge', criteria },
      });
      const check = await call<Validation>(core, 'suites.validate', { yaml });
      expect(check.issues, yaml).toEqual([]);
      expect(check.plan).toMatchObject({ itemCount: 5, modelCount: 2 });
      const doc = parseDocument(yaml);
      expect(doc.toJS()).toMatchObject({
        scorers: [
          {
            id: 'judge',
            type: 'judge-rubric',
            config: {
              judges: [{ provider: 'sim-openai', model: 'sim-judge' }],
              criteria,
              scale: { min: 1, max: 5 },
              passAt: 4,
            },
          },
        ],
      });
      expect(yaml).toContain('budgetUsd caps one scoring pass');
      // The criteria gate on the judge's own 1–5 scale (the suite validated above with them).
      expect(doc.toJS()).toMatchObject({
        criteria: [
          { metric: 'judge.mean', acceptable: { min: 4 }, gate: true },
          { metric: 'latency.p95_ms' },
        ],
      });
      // No request was needed to write or check it.
      expect(sim.log()).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('is refused without a judge model', async () => {
    const core = openCore(tempDir());
    const versionId = await openPrompts(core);
    const result = await core.dispatch('suites.scaffold', {
      name: 'no judge',
      datasetVersionId: versionId,
      models: [{ provider: 'local', model: 'default' }],
      scorers: ['judge-rubric'],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    if (!result.ok) expect(result.error.message).toContain('without a judge');
  });

  it('runs against the simulator and is scored by the judge', async () => {
    const core = openCore(tempDir());
    const sim = await startSimulator({
      apiKey: key,
      latency: 2,
      models: { 'sim-judge': { responder: { kind: 'judge', mode: 'pointwise', scale: [1, 5] } } },
    });
    try {
      await simProvider(core, sim);
      const versionId = await openPrompts(core);
      const options = await call<Options>(core, 'suites.scaffoldOptions', {
        datasetVersionId: versionId,
      });
      const { yaml } = await call<{ yaml: string }>(core, 'suites.scaffold', {
        name: 'judged run',
        datasetVersionId: versionId,
        models: [{ provider: 'sim-openai', model: 'sim-small' }],
        scorers: ['judge-rubric'],
        judge: { provider: 'sim-openai', model: 'sim-judge', criteria: options.judgeCriteria },
      });
      const scored = new Promise<{ status: string; scorers: unknown[] }>((resolve) => {
        const stop = core.events.subscribe((name, payload) => {
          if (name !== 'scoring.finished') return;
          stop();
          resolve(payload as { status: string; scorers: unknown[] });
        });
      });
      const { runId } = await call<{ runId: string }>(core, 'runs.start', { suite: { yaml } });
      expect(await scored).toMatchObject({
        status: 'completed',
        scorers: [{ key: 'judge', scored: 5, errors: 0 }],
      });
      const summary = await call<RouteOutput<'scoring.summary'>>(core, 'scoring.summary', {
        runId,
      });
      const judged = summary.models[0]?.scorers.find((s) => s.scorerKey === 'judge');
      expect(judged).toMatchObject({ scorerType: 'judge-rubric', n: 5, errors: 0 });
      expect(judged?.mean?.estimate).toBeGreaterThanOrEqual(1);
      expect(judged?.mean?.estimate).toBeLessThanOrEqual(5);
      const judgeCalls = sim.log().filter((e) => e.model === 'sim-judge');
      expect(judgeCalls).toHaveLength(5);
      expect(judgeCalls.every((e) => e.status === 200)).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
