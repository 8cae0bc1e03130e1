import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunScoreSummary } from '@contract/routes/scoring';
import type { Core } from '@core/host';
import { scoreRun } from '@core/scoring/index';
import { startSimulator } from '../../simulator';
import { call, openTestCore } from '../../support/core';
import { fabricateRun, type FabricatedItem } from '../../support/fabricateRun';
import { useTempDir } from '../../support/tempDir';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const items: FabricatedItem[] = Array.from({ length: 24 }, (_, i) => ({
  key: `q${i}`,
  input: `What should a customer do about problem number ${i}?`,
  reference: `Restart the sync client, sign in again and check the status page for incident ${i}.`,
}));

const badAnswer = (i: number) => `Bananas are yellow and ${i} parrots sing opera on Tuesdays.`;

function suite(sim: Simulator, scorers: string): string {
  return `version: 1
name: judged
dataset: { name: judged }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: good, provider: openai, model: m1 }
  - { id: bad, provider: openai, model: m2 }
scorers:
${scorers.replaceAll('SIM', `${sim.url}/v1`)}`;
}

function judgedCells(goodFor: (i: number) => string, badFor: (i: number) => string) {
  return items.flatMap((item, i) => [
    { itemKey: item.key, modelKey: 'good', output: goodFor(i) },
    { itemKey: item.key, modelKey: 'bad', output: badFor(i) },
  ]);
}

describe('LLM judges against the provider simulator', () => {
  const tempDir = useTempDir();
  let sim: Simulator;
  let core: Core;
  beforeAll(async () => {
    sim = await startSimulator({
      models: {
        'rubric-judge': { responder: { kind: 'judge', mode: 'pointwise', scale: [1, 5] } },
        'fenced-judge': {
          responder: { kind: 'judge', mode: 'pointwise', scale: [1, 5], fenced: true },
        },
        'biased-judge': { responder: { kind: 'judge', mode: 'pairwise', positionBias: 0.4 } },
        'rambling-judge': { responder: { kind: 'fixed', text: 'I would rather not say.' } },
      },
    });
  });
  afterAll(async () => sim.close());
  afterEach(async () => core?.close());

  it('rubric judges rate good answers above bad ones, aggregate several judges, and keep raw verdicts', async () => {
    core = openTestCore(tempDir());
    const yaml = suite(
      sim,
      `  - id: quality
    type: judge-rubric
    config:
      criteria: Does the response solve the customer's problem as the reference does?
      anchors: { "1": "unrelated", "3": "partly right", "5": "as good as the reference" }
      passAt: 4
      aggregate: min
      judges:
        - { provider: openai-compatible, base_url: SIM, model: rubric-judge, label: plain }
        - { provider: openai-compatible, base_url: SIM, model: fenced-judge, label: fenced }
`,
    );
    const run = fabricateRun(core, {
      datasetName: 'judged',
      items,
      suiteYaml: yaml,
      cells: judgedCells((i) => items[i]!.reference as string, badAnswer),
    });
    const result = await scoreRun(core.context, run.runId);
    expect(result.scorers[0], JSON.stringify(result.scorers[0])).toMatchObject({
      key: 'quality',
      scored: 48,
      errors: 0,
    });
    const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId });
    const mean = (model: string) =>
      summary.models.find((m) => m.modelKey === model)!.scorers[0]!.mean!.estimate!;
    expect(mean('good')).toBeGreaterThanOrEqual(4);
    expect(mean('bad')).toBeLessThanOrEqual(2);
    const scores = await call<
      Array<{
        details: {
          aggregate: string;
          judges: Array<{ judge: string; score: number; reasoning: string; raw: string }>;
        };
      }>
    >(core, 'scoring.cellScores', { cellId: run.cellIds[0] });
    const judges = scores[0]!.details.judges;
    expect(judges.map((j) => j.judge)).toEqual(['plain', 'fenced']);
    expect(judges[1]!.raw).toMatch(/^```json/);
    expect(judges.every((j) => typeof j.reasoning === 'string' && j.reasoning.length > 0)).toBe(
      true,
    );
    expect(sim.log().filter((e) => e.route === 'openai.chat')).toHaveLength(96);
  });

  it('pairwise judging runs both orders, so a position-biased judge cannot favour identical answers', async () => {
    core = openTestCore(tempDir());
    const yaml = suite(
      sim,
      `  - id: versus
    type: judge-pairwise
    config:
      baseline: bad
      judges: [{ provider: openai-compatible, base_url: SIM, model: biased-judge }]
`,
    );
    // The candidate gives exactly the baseline's answer: a fair judge calls every pair even.
    const same = fabricateRun(core, {
      datasetName: 'judged',
      items,
      suiteYaml: yaml,
      cells: judgedCells(badAnswer, badAnswer),
    });
    await scoreRun(core.context, same.runId);
    const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: same.runId });
    const versus = summary.models.find((m) => m.modelKey === 'good')!.scorers[0]!;
    expect(versus.n).toBe(24);
    expect(versus.mean!.estimate!).toBeGreaterThan(0.35);
    expect(versus.mean!.estimate!).toBeLessThan(0.65);
    const baselineScores = summary.models.find((m) => m.modelKey === 'bad')!.scorers[0]!;
    expect(baselineScores.n).toBe(0);
    const detail = await call<
      Array<{
        details: {
          judges: Array<{
            orders: Array<{ order: string; winner: string }>;
            isPositionConsistent: boolean;
          }>;
        };
      }>
    >(core, 'scoring.cellScores', { cellId: same.cellIds[0] });
    expect(detail[0]!.details.judges[0]!.orders.map((o) => o.order)).toEqual([
      'candidate-first',
      'baseline-first',
    ]);

    // A clearly better candidate wins in both orders.
    const better = fabricateRun(core, {
      datasetName: 'judged',
      items,
      suiteYaml: yaml,
      cells: judgedCells((i) => items[i]!.reference as string, badAnswer),
    });
    await scoreRun(core.context, better.runId);
    const wins = (
      await call<RunScoreSummary>(core, 'scoring.summary', { runId: better.runId })
    ).models.find((m) => m.modelKey === 'good')!.scorers[0]!;
    // The judge prefers position A on 40% of prompts: a better answer still wins about 1 − 0.4 × ½ = 0.8.
    expect(wins.mean!.estimate!).toBeGreaterThanOrEqual(0.7);
  });

  it('scores embedding cosine similarity through a provider that offers embeddings', async () => {
    core = openTestCore(tempDir());
    const yaml = suite(
      sim,
      `  - id: similar
    type: embedding-cosine
    config: { provider: openai-compatible, base_url: SIM, model: embedder, passAt: 0.999 }
`,
    );
    const run = fabricateRun(core, {
      datasetName: 'judged',
      items: items.slice(0, 3),
      suiteYaml: yaml,
      cells: judgedCells((i) => items[i]!.reference as string, badAnswer).slice(0, 6),
    });
    const result = await scoreRun(core.context, run.runId);
    expect(result.scorers[0]).toMatchObject({ scored: 6, errors: 0 });
    const same = await call<Array<{ value: number; isPass: boolean }>>(core, 'scoring.cellScores', {
      cellId: run.cellIds[0],
    });
    expect(same[0]!.value).toBeCloseTo(1, 9);
    expect(same[0]!.isPass).toBe(true);
    const other = await call<Array<{ value: number }>>(core, 'scoring.cellScores', {
      cellId: run.cellIds[1],
    });
    expect(other[0]!.value).toBeLessThan(0.999);
    expect(sim.log().some((e) => e.route === 'openai.embeddings')).toBe(true);
  });

  it('records an unusable verdict as a scoring error with the raw reply, and a missing provider clearly', async () => {
    core = openTestCore(tempDir());
    const yaml = suite(
      sim,
      `  - id: quality
    type: judge-rubric
    config:
      criteria: Is it right?
      judges: [{ provider: openai-compatible, base_url: SIM, model: rambling-judge }]
  - id: nowhere
    type: judge-rubric
    config:
      criteria: Is it right?
      judges: [{ provider: no-such-provider, model: x }]
`,
    );
    const run = fabricateRun(core, {
      datasetName: 'judged',
      items: items.slice(0, 2),
      suiteYaml: yaml,
      cells: judgedCells((i) => `answer ${i}`, badAnswer).slice(0, 4),
    });
    const result = await scoreRun(core.context, run.runId);
    expect(result.scorers.map((s) => [s.key, s.errors])).toEqual([
      ['quality', 4],
      ['nowhere', 4],
    ]);
    const scores = await call<
      Array<{
        scorerKey: string;
        error: string;
        details: { judges: Array<{ raw: string | null; error: string }> };
      }>
    >(core, 'scoring.cellScores', { cellId: run.cellIds[0] });
    const quality = scores.find((s) => s.scorerKey === 'quality')!;
    expect(quality.error).toBe('no judge gave a usable verdict');
    expect(quality.details.judges[0]).toMatchObject({
      raw: 'I would rather not say.',
      error: 'no score found in the judge reply',
    });
    expect(scores.find((s) => s.scorerKey === 'nowhere')!.details.judges[0]!.error).toMatch(
      /unknown provider kind "no-such-provider"/,
    );
  });
});
