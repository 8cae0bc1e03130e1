import { afterEach, describe, expect, it } from 'vitest';
import type { Comparison, Decision, RunScoreSummary } from '@contract/routes/scoring';
import type { Core } from '@core/host';
import { attachScoring, scoreRun } from '@core/scoring/index';
import { wilsonInterval } from '@core/stats/proportion';
import { call, openTestCore } from '../../support/core';
import { fabricateRun, type FabricatedCell, type FabricatedItem } from '../../support/fabricateRun';
import { useTempDir } from '../../support/tempDir';

const categories = ['billing', 'how_to', 'bug_report'];
const items: FabricatedItem[] = Array.from({ length: 60 }, (_, i) => ({
  key: `T${String(i).padStart(3, '0')}`,
  input: `ticket ${i}`,
  reference: categories[i % 3] as string,
  category: categories[i % 3] as string,
  groupId: `g${Math.floor(i / 2)}`,
  tags: i % 5 === 0 ? ['urgent'] : [],
}));

function suite(extra = ''): string {
  return `version: 1
name: triage
dataset: { name: tickets }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: base, provider: openai, model: m1 }
  - { id: cand, provider: openai, model: m2 }
scorers:
  - id: valid-json
    type: json-valid
  - id: label
    type: exact-match
    field: category
    config: { normalize: true }
  - id: stable
    type: consistency
    config: { across: paraphrases }
${extra}criteria:
  - metric: label.pass_rate
    acceptable: { min: 0.5 }
    ideal: { min: 0.9 }
    weight: 3
    gate: true
  - metric: valid-json.pass_rate
    acceptable: { min: 0.9 }
    weight: 1
  - metric: latency.p95_ms
    acceptable: { max: 1000 }
    weight: 1
`;
}

/** `wrong(i)` decides which items a model labels wrongly; every 20th answer is not JSON. */
function cells(model: string, wrong: (i: number) => boolean): FabricatedCell[] {
  return items.map((item, i) => ({
    itemKey: item.key,
    modelKey: model,
    output:
      i % 20 === 19
        ? 'sorry, no JSON'
        : JSON.stringify({ category: wrong(i) ? 'cancellation' : item.reference, reply: 'Hello' }),
    latencyMs: 200 + (i % 7) * 20,
    costUsd: 0.001,
  }));
}

describe('scoring a run end to end', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  it('scores every cell, skips up-to-date scores on a second pass, and summarises with intervals', async () => {
    core = openTestCore(tempDir());
    const run = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: suite(),
      cells: [...cells('base', (i) => i % 10 === 0), ...cells('cand', (i) => i % 4 === 0)],
    });
    const progress: number[] = [];
    const first = await scoreRun(core.context, run.runId, {
      onProgress: (done) => progress.push(done),
    });
    expect(first.cells).toBe(120);
    expect(first.scorers.map((s) => [s.key, s.scored, s.errors])).toEqual([
      ['valid-json', 120, 0],
      ['label', 120, 0],
      ['stable', 120, 0],
    ]);
    expect(progress.at(-1)).toBe(360);
    const second = await scoreRun(core.context, run.runId);
    expect(second.scorers.map((s) => [s.key, s.scored, s.upToDate])).toEqual([
      ['valid-json', 0, 120],
      ['label', 0, 120],
      ['stable', 120, 0],
    ]);

    const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId });
    const base = summary.models.find((m) => m.modelKey === 'base')!;
    const label = base.scorers.find((s) => s.scorerKey === 'label')!;
    // 6 wrong labels and 3 non-JSON answers (a missing field fails): 51 of 60.
    expect(label.passRate).toMatchObject({ estimate: 51 / 60, method: 'wilson', n: 60 });
    expect(label.passRate!.low!).toBeLessThan(51 / 60);
    expect(label.passRate!.high!).toBeGreaterThan(51 / 60);
    expect(base.latency.n).toBe(60);
    expect(base.operational.totalCostUsd).toBeCloseTo(0.06, 10);
    expect(base.operational.successes).toBe(51);
    const cellScores = await call<Array<{ scorerKey: string; details: Record<string, unknown> }>>(
      core,
      'scoring.cellScores',
      { cellId: run.cellIds[19] },
    );
    expect(cellScores.find((s) => s.scorerKey === 'label')?.details.fieldError).toMatch(/not JSON/);
  });

  it('compares two runs with McNemar, lists regressions, and decides conservatively', async () => {
    core = openTestCore(tempDir());
    const baseline = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: suite(),
      cells: cells('base', (i) => i % 10 === 0),
    });
    const candidate = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: suite(),
      cells: cells('cand', (i) => i % 3 === 0),
    });
    await scoreRun(core.context, baseline.runId);
    await scoreRun(core.context, candidate.runId);
    const comparison = await call<Comparison>(core, 'scoring.compare', {
      baselineRunId: baseline.runId,
      candidateRunId: candidate.runId,
    });
    const label = comparison.scorers.find((s) => s.scorerKey === 'label')!;
    expect(label.test.name).toBe('mcnemar-exact');
    expect(label.pairedItems).toBe(60);
    expect(label.difference.estimate!).toBeLessThan(0);
    expect(label.regressionCount).toBeGreaterThan(0);
    expect(label.regressions[0]).toMatchObject({ baseline: 1, candidate: 0 });
    expect(label.test.adjustedPValue!).toBeGreaterThanOrEqual(label.test.pValue!);

    const decision = await call<Decision>(core, 'scoring.decide', {
      runId: candidate.runId,
      baselineRunId: baseline.runId,
    });
    expect(decision.criteria.map((c) => c.metric)).toEqual([
      'label.pass_rate',
      'valid-json.pass_rate',
      'latency.p95_ms',
    ]);
    expect(decision.criteria[0]!.boundUsed).toBe('lower end vs min');
    const stored = await call<Decision[]>(core, 'scoring.decisions', { runId: candidate.runId });
    expect(stored[0]).toMatchObject({
      id: decision.id,
      verdict: decision.verdict,
      manifestHash: decision.manifestHash,
    });
  });

  it('applies human overrides with who, when and why, and says they were used', async () => {
    core = openTestCore(tempDir());
    const run = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: suite(),
      cells: cells('base', (i) => i % 10 === 0),
    });
    await scoreRun(core.context, run.runId);
    const scores = await call<Array<{ scoreId: number; scorerKey: string; isPass: boolean }>>(
      core,
      'scoring.cellScores',
      { cellId: run.cellIds[0] },
    );
    const label = scores.find((s) => s.scorerKey === 'label')!;
    expect(label.isPass).toBe(false);
    await call(core, 'scoring.override', {
      scoreId: label.scoreId,
      rater: 'ana',
      isPass: true,
      value: 1,
      reason: 'cancellation is right for this ticket',
    });
    const after = await call<
      Array<{
        scorerKey: string;
        isPass: boolean;
        automatedIsPass: boolean;
        isOverridden: boolean;
        overrides: Array<{ rater: string; reason: string }>;
      }>
    >(core, 'scoring.cellScores', { cellId: run.cellIds[0] });
    expect(after.find((s) => s.scorerKey === 'label')).toMatchObject({
      isPass: true,
      automatedIsPass: false,
      isOverridden: true,
      overrides: [{ rater: 'ana', reason: 'cancellation is right for this ticket' }],
    });
    const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId });
    expect(summary.overridesUsed).toBe(1);
    expect(summary.models[0]!.scorers.find((s) => s.scorerKey === 'label')).toMatchObject({
      overridden: 1,
      passRate: { estimate: 52 / 60 },
    });
    // A re-score keeps the override attached.
    await scoreRun(core.context, run.runId, { force: true });
    expect(
      (await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId })).overridesUsed,
    ).toBe(1);
    const refused = await core.dispatch('scoring.override', {
      scoreId: label.scoreId,
      rater: 'ana',
      reason: 'no value given',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('keeps what a cancelled pass stored and finishes the rest next time', async () => {
    core = openTestCore(tempDir());
    const run = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: suite(),
      cells: cells('base', () => false),
    });
    const controller = new AbortController();
    await expect(
      scoreRun(core.context, run.runId, {
        signal: controller.signal,
        onProgress: (done) => (done >= 60 ? controller.abort() : undefined),
      }),
    ).rejects.toThrow(/cancelled/);
    const resumed = await scoreRun(core.context, run.runId);
    expect(resumed.scorers[0]).toMatchObject({ key: 'valid-json', scored: 0, upToDate: 60 });
    expect(resumed.scorers[1]!.scored + resumed.scorers[1]!.upToDate).toBe(60);
  });

  it('scores a run in the background when the engine reports run.finished', async () => {
    core = openTestCore(tempDir());
    attachScoring(core.context);
    const run = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: suite(),
      cells: cells('base', () => false),
    });
    const finished = new Promise<unknown>((resolve) =>
      core.events.subscribe((name, payload) =>
        name === 'scoring.finished' ? resolve(payload) : undefined,
      ),
    );
    core.events.emit('run.finished' as never, { runId: run.runId, status: 'completed' } as never);
    expect(await finished).toMatchObject({ runId: run.runId, status: 'completed', error: null });
    const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId });
    expect(summary.models[0]!.scorers.every((s) => s.unscored === 0)).toBe(true);
  });

  it('serves scoring through the API: scorers, a scoring job, breakdowns and the sample-size helper', async () => {
    core = openTestCore(tempDir());
    const scorers = await call<Array<{ id: string; paramsJsonSchema: { type: string } }>>(
      core,
      'scoring.scorers',
    );
    expect(scorers.map((s) => s.id)).toContain('judge-pairwise');
    const run = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: suite(),
      cells: cells('base', (i) => i % 10 === 0),
    });
    const finished = new Promise<unknown>((resolve) =>
      core.events.subscribe((name, payload) =>
        name === 'scoring.finished' ? resolve(payload) : undefined,
      ),
    );
    const { jobId } = await call<{ jobId: string }>(core, 'scoring.score', { runId: run.runId });
    expect(jobId).toMatch(/^job_/);
    expect(await finished).toMatchObject({ status: 'completed' });
    const byCategory = await call<
      Array<{
        modelKey: string;
        groups: Array<{
          group: string;
          n: number;
          estimate: number;
          low: number;
          warning: string | null;
        }>;
      }>
    >(core, 'scoring.breakdown', { runId: run.runId, scorerKey: 'label', by: 'category' });
    expect(byCategory[0]!.groups.map((g) => [g.group, g.n])).toEqual([
      ['billing', 20],
      ['bug_report', 20],
      ['how_to', 20],
    ]);
    expect(byCategory[0]!.groups[0]!.warning).toMatch(/wide/);
    const byTag = await call<Array<{ groups: Array<{ group: string; n: number }> }>>(
      core,
      'scoring.breakdown',
      { runId: run.runId, scorerKey: 'label', by: 'tag' },
    );
    expect(byTag[0]!.groups.find((g) => g.group === 'urgent')?.n).toBe(12);
    // Each group is estimated as the summary estimates the model: Wilson for pass/fail. Every
    // urgent answer is JSON: 12 of 12 passes is [0.757, 1], not a bootstrap's empty [1, 1].
    const jsonByTag = await call<
      Array<{ groups: Array<{ group: string; estimate: number; low: number; high: number }> }>
    >(core, 'scoring.breakdown', { runId: run.runId, scorerKey: 'valid-json', by: 'tag' });
    const urgent = jsonByTag[0]!.groups.find((g) => g.group === 'urgent');
    const wilson = wilsonInterval(12, 12);
    expect(urgent).toMatchObject({ estimate: 1, high: 1 });
    expect(urgent!.low).toBeCloseTo(wilson.low, 12);
    expect(urgent!.low).toBeLessThan(0.8);
    const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId });
    const labelRate = summary.models[0]!.scorers.find((s) => s.scorerKey === 'label')!.passRate!;
    for (const group of byCategory[0]!.groups) {
      const passes = Math.round(group.estimate * group.n);
      expect(group.low).toBeCloseTo(wilsonInterval(passes, group.n).low, 12);
    }
    expect(labelRate.method).toBe('wilson');
    expect(
      await call(core, 'scoring.sampleSize', {
        design: 'paired-proportions',
        discordantShare: 0.2,
        difference: 0.05,
      }),
    ).toEqual({ items: 626, formula: 'Connor (1987), paired proportions (McNemar)' });
    expect(
      await core.dispatch('scoring.sampleSize', {
        design: 'two-proportions',
        baseline: 0.5,
        candidate: 0.5,
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await core.dispatch('scoring.summary', { runId: 'run_missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('refuses a suite whose scorer config is invalid, naming the file, line and field', async () => {
    core = openTestCore(tempDir());
    const bad = suite(`  - id: pattern\n    type: regex\n    config: { pattern: '(' }\n`);
    const run = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: bad,
      cells: cells('base', () => false),
    });
    await expect(scoreRun(core.context, run.runId)).rejects.toMatchObject({
      code: 'bad_request',
      issues: [
        {
          path: 'scorers[3].config.pattern',
          message: expect.stringMatching(
            /triage\.yaml:\d+:\d+: not a valid JavaScript regular expression/,
          ) as string,
        },
      ],
    });
  });
});
