/**
 * Judge calibration on a workspace, end to end: a run's outputs are scored by LLM judges served
 * by the provider simulator on loopback (through the scoring engine and the provider
 * registry), people rate a session over the same outputs through the routes, and calibration
 * compares them — finding the position bias planted in one judge and not in the other,
 * correcting a judge's estimate with the people's labels, and comparing an edited judge version.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  CalibrationOptions,
  SessionCalibration,
  VariantComparison,
} from '@contract/routes/calibrationSchemas';
import type { Core } from '@core/host';
import { scoreRun } from '@core/scoring/index';
import { createRandom } from '@core/stats/random';
import { startSimulator, type Simulator } from '../../simulator';
import { call, openTestCore } from '../../support/core';
import { addRater, createSession, rateSession } from '../../support/fabricateLabels';
import { fabricateRun, type FabricatedItem } from '../../support/fabricateRun';
import { useTempDir } from '../../support/tempDir';

const vocabulary =
  'river stone lantern copper meadow violet harbor ember quartz willow falcon orchard'.split(' ');

interface Generated {
  items: FabricatedItem[];
  outputs: Map<string, { alpha: string; beta: string; better: 'alpha' | 'beta' }>;
}

/** Items whose better answer shares most words with the reference; the better model is random. */
function generate(count: number): Generated {
  const random = createRandom('labeling-calibration');
  const words = (n: number) =>
    Array.from({ length: n }, () => vocabulary[random.int(vocabulary.length)] as string);
  const items: FabricatedItem[] = [];
  const outputs: Generated['outputs'] = new Map();
  for (let i = 0; i < count; i++) {
    const reference = words(12).join(' ');
    const good = reference
      .split(' ')
      .map((w) => (random.next() < 0.15 ? (vocabulary[random.int(12)] as string) : w))
      .join(' ');
    const poor = words(12 + random.int(8)).join(' ');
    const better = random.next() < 0.5 ? 'alpha' : 'beta';
    const key = `q${String(i).padStart(3, '0')}`;
    items.push({ key, input: `Question ${i}: list the words of record ${i}.`, reference });
    outputs.set(key, {
      alpha: better === 'alpha' ? good : poor,
      beta: better === 'alpha' ? poor : good,
      better,
    });
  }
  return { items, outputs };
}

function suite(sim: Simulator): string {
  const judge = (model: string) =>
    `[{ provider: openai-compatible, base_url: ${sim.url}/v1, model: ${model} }]`;
  return `version: 1
name: calibrated
dataset: { name: calibrated }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: alpha, provider: openai, model: gpt-4o-mini }
  - { id: beta, provider: openai, model: llama-3-8b }
scorers:
  - id: biased
    type: judge-pairwise
    config: { baseline: beta, judges: ${judge('judge-biased')} }
  - id: fair
    type: judge-pairwise
    config: { baseline: beta, judges: ${judge('judge-fair')} }
  - id: rubric
    type: judge-rubric
    config:
      criteria: Does the answer list the words of the reference?
      scale: { min: 1, max: 5 }
      passAt: 4
      judges: ${judge('judge-rubric')}
`;
}

describe('calibrating judges against a rating session', () => {
  const tempDir = useTempDir();
  let sim: Simulator;
  let core: Core;
  const data = generate(80);

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 3,
      models: {
        'judge-biased': { responder: { kind: 'judge', mode: 'pairwise', positionBias: 0.35 } },
        'judge-fair': { responder: { kind: 'judge', mode: 'pairwise', positionBias: 0 } },
        'judge-rubric': { responder: { kind: 'judge', mode: 'pointwise', scale: [1, 5] } },
      },
    });
  });
  afterAll(async () => sim?.close());
  afterEach(async () => core?.close());

  async function scoredRun() {
    core = openTestCore(tempDir());
    const run = fabricateRun(core, {
      datasetName: 'calibrated',
      items: data.items,
      suiteYaml: suite(sim),
      cells: data.items.flatMap((item) => {
        const o = data.outputs.get(item.key)!;
        return [
          { itemKey: item.key, modelKey: 'alpha', output: o.alpha },
          { itemKey: item.key, modelKey: 'beta', output: o.beta },
        ];
      }),
    });
    const scored = await scoreRun(core.context, run.runId);
    expect(scored.scorers.map((s) => [s.key, s.errors])).toEqual([
      ['rubric', 0],
      ['biased', 0],
      ['fair', 0],
    ]);
    return run;
  }

  it('detects the position bias planted in one pairwise judge, and not in the other', async () => {
    const run = await scoredRun();
    const session = await createSession(core, {
      name: 'pairs',
      kind: 'pairwise',
      pair: {
        a: { runId: run.runId, modelKey: 'alpha' },
        b: { runId: run.runId, modelKey: 'beta' },
      },
      rubric: { question: 'Which answer lists the words of the reference?' },
      sampling: { strategy: 'random', n: 60 },
      overlap: { share: 1, ratersPerItem: 2 },
      // A fixed sample: with the default seed (the session id) the sample, and so whether the
      // 95 % interval below covers the truth, changed from run to run (it missed in 1 CI run).
      seed: 'calibration-pairs',
    });
    // Two generated people who pick the better answer, each slipping once.
    const textToModel = new Map(
      [...data.outputs.values()].flatMap((o) => [
        [o.alpha, { model: 'alpha', better: o.better }],
        [o.beta, { model: 'beta', better: o.better }],
      ]),
    );
    for (const [r, name] of ['rater-1', 'rater-2'].entries()) {
      const rater = await addRater(core, name);
      let seen = 0;
      await rateSession(core, session.id, rater, (task) => {
        const first = textToModel.get(task.outputs[0]!.text)!;
        const slip = seen++ === 10 + r;
        return {
          choice: slip ? 'tie' : first.model === first.better ? 'A' : 'B',
          note: slip ? 'could not decide' : null,
        };
      });
    }
    const options = await call<CalibrationOptions>(core, 'calibration.options', {
      sessionId: session.id,
    });
    expect(options.judges.map((j) => [j.scorerKey, j.scored])).toEqual([
      ['biased', 60],
      ['fair', 60],
    ]);
    const report = (scorerKey: string) =>
      call<SessionCalibration>(core, 'calibration.report', {
        sessionId: session.id,
        runId: run.runId,
        scorerKey,
        resamples: 300,
      });
    const biased = await report('biased');
    const fair = await report('fair');
    expect(biased.labels).toEqual(['alpha', 'beta', 'tie']);
    expect(biased.positionBias).toMatchObject({ pairs: 60, favoured: 'first', secondBothTimes: 0 });
    expect(biased.positionBias!.pValue).toBeLessThan(0.001);
    expect(biased.positionBias!.firstBothTimes).toBeGreaterThan(10);
    expect(fair.positionBias).toMatchObject({ pairs: 60, favoured: null, consistent: 60 });
    expect(fair.comparison.agreement.estimate).toBeGreaterThan(0.9);
    expect(biased.comparison.agreement.estimate!).toBeLessThan(fair.comparison.agreement.estimate!);
    expect(biased.comparison.confusion.counts.flat().reduce((a, b) => a + b, 0)).toBe(
      biased.comparison.n,
    );
    expect(biased.humans).toMatchObject({ raters: ['rater-1', 'rater-2'], items: 60 });
    expect(biased.perHuman.map((h) => h.rater)).toEqual(['rater-1', 'rater-2']);
    const disagreement = biased.disagreements[0]!;
    expect(disagreement.judgeReasoning).toMatch(/candidate-first|baseline-first/);
    expect(disagreement.outputs.map((o) => o.label).sort()).toEqual([
      'judge baseline',
      'judge candidate',
    ]);
    // Judge-corrected win rate of alpha: 60 labelled by people, the other 20 by the judge only.
    expect(fair.estimates).toHaveLength(1);
    const estimate = fair.estimates[0]!;
    // The two slips tie their pair's two raters: no consensus there.
    expect(fair.humans.unresolved).toBe(2);
    expect(estimate).toMatchObject({
      modelKey: 'alpha',
      quantity: 'win rate',
      n: 58,
      bigN: 20,
      warning: null,
    });
    const truth = [...data.outputs.values()].filter((o) => o.better === 'alpha').length / 80;
    expect(estimate.ppi.low!).toBeLessThan(truth);
    expect(estimate.ppi.high!).toBeGreaterThan(truth);
    expect(biased.verbosity?.kind).toBe('pairwise');
    expect(biased.selfPreference).toBeNull();
  });

  it('compares a rubric judge with people’s scores, and an edited version of a judge', async () => {
    const run = await scoredRun();
    const session = await createSession(core, {
      name: 'scores',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric: {
        question: 'Does the answer list the words of the reference?',
        scale: { min: 1, max: 5 },
        passFail: true,
      },
      sampling: { strategy: 'random', n: 100 },
    });
    const goodTexts = new Set(
      [...data.outputs.values()].map((o) => (o.better === 'alpha' ? o.alpha : o.beta)),
    );
    const ana = await addRater(core, 'ana');
    await rateSession(core, session.id, ana, (task) => {
      const good = goodTexts.has(task.outputs[0]!.text);
      return { score: good ? 5 : 1, isPass: good, note: good ? null : 'unrelated words' };
    });
    const scores = await call<SessionCalibration>(core, 'calibration.report', {
      sessionId: session.id,
      runId: run.runId,
      scorerKey: 'rubric',
      resamples: 300,
    });
    expect(scores).toMatchObject({
      measure: 'score',
      level: 'ordinal',
      labels: ['1', '2', '3', '4', '5'],
    });
    expect(scores.comparison.n).toBe(100);
    expect(scores.comparison.spearman!.estimate!).toBeGreaterThan(0.7);
    expect(scores.scaleUse?.human.unused).toEqual(['2', '3', '4']);
    expect(scores.verbosity?.kind).toBe('pointwise');
    expect(scores.estimates.map((e) => [e.modelKey, e.quantity, e.n + e.bigN])).toEqual([
      ['alpha', 'mean score', 80],
      ['beta', 'mean score', 80],
    ]);
    const passes = await call<SessionCalibration>(core, 'calibration.report', {
      sessionId: session.id,
      runId: run.runId,
      scorerKey: 'rubric',
      measure: 'pass',
      resamples: 300,
    });
    expect(passes.labels).toEqual(['fail', 'pass']);
    expect(passes.comparison.agreement.estimate!).toBeGreaterThan(0.8);
    // The pointwise session cannot be compared with a pairwise judge.
    expect(
      await core.dispatch('calibration.report', {
        sessionId: session.id,
        runId: run.runId,
        scorerKey: 'fair',
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // Pairwise: an edited version of the biased judge (a fair judge model), re-run on the session only.
    const pairs = await createSession(core, {
      name: 'pairs',
      kind: 'pairwise',
      pair: {
        a: { runId: run.runId, modelKey: 'alpha' },
        b: { runId: run.runId, modelKey: 'beta' },
      },
      rubric: { question: 'Which is better?' },
      sampling: { strategy: 'random', n: 40 },
    });
    await rateSession(core, pairs.id, ana, (task) => ({
      choice: goodTexts.has(task.outputs[0]!.text) ? 'A' : 'B',
    }));
    const requestsBefore = sim.log().length;
    const finished = new Promise<string>((resolve) => {
      const off = core.events.subscribe((name, payload) => {
        if (name !== 'calibration.variantFinished') return;
        off();
        resolve((payload as { status: string }).status);
      });
    });
    const options = await call<CalibrationOptions>(core, 'calibration.options', {
      sessionId: pairs.id,
    });
    const biasedParams = options.judges.find((j) => j.scorerKey === 'biased')!.params;
    const { variantId } = await call<{ variantId: string }>(core, 'calibration.createVariant', {
      sessionId: pairs.id,
      runId: run.runId,
      scorerKey: 'biased',
      name: 'fair judge',
      params: {
        ...biasedParams,
        judges: [{ provider: 'openai-compatible', base_url: `${sim.url}/v1`, model: 'judge-fair' }],
      },
    });
    expect(await finished).toBe('completed');
    // Only the calibration set was judged again: 40 pairs, both orders.
    expect(sim.log().length - requestsBefore).toBe(80);
    const compared = await call<VariantComparison>(core, 'calibration.compareVariants', {
      sessionId: pairs.id,
      runId: run.runId,
      scorerKey: 'biased',
      target: 0.8,
      resamples: 300,
    });
    expect(compared.versions).toHaveLength(1);
    const version = compared.versions[0]!;
    expect(version).toMatchObject({ variantId, name: 'fair judge', items: 40 });
    expect(version.after.agreement.estimate!).toBeGreaterThan(version.before.agreement.estimate!);
    // The version's whole interval clears 0.8 (0.975 [0.871, 0.996] here); the original's does not.
    expect(compared.cheapest.chosen).toBe('fair judge');
    expect(compared.cheapest.candidates.map((c) => [c.name, c.meetsTarget])).toEqual([
      ['biased (as run)', false],
      ['fair judge', true],
    ]);
    const variantReport = await call<SessionCalibration>(core, 'calibration.report', {
      sessionId: pairs.id,
      runId: run.runId,
      scorerKey: 'biased',
      variantId,
      resamples: 300,
    });
    expect(variantReport.positionBias?.favoured).toBeNull();
    const invalid = await core.dispatch('calibration.createVariant', {
      sessionId: pairs.id,
      runId: run.runId,
      scorerKey: 'biased',
      name: 'broken',
      params: { judges: [] },
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
