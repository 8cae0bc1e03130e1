import { afterEach, describe, expect, it } from 'vitest';
import type { GridPage, RowDetail } from '@contract/routes/results';
import type { FailureModeCounts } from '@contract/routes/failureModes';
import type { Core } from '@core/host';
import { scoreRun } from '@core/scoring/index';
import { ScoringRepo } from '@core/scoring/repo';
import { call, openTestCore } from '../../support/core';
import { fabricateRun, type FabricatedCell, type FabricatedItem } from '../../support/fabricateRun';
import { useTempDir } from '../../support/tempDir';

const items: FabricatedItem[] = Array.from({ length: 12 }, (_, i) => ({
  key: `Q${String(i).padStart(2, '0')}`,
  input: `question ${i} about ${i % 2 === 0 ? 'billing' : 'sync'}`,
  reference: `answer ${i}`,
  category: i % 2 === 0 ? 'billing' : 'sync',
  tags: i % 3 === 0 ? ['urgent'] : [],
}));

const suite = `version: 1
name: grid
dataset: { name: grid-items }
prompts:
  - id: p1
    messages: [{ role: system, content: 'Answer briefly.' }, { role: user, content: 'Q: {{input}}' }]
models:
  - { id: base, provider: openai, model: m1 }
  - { id: cand, provider: openai, model: m2 }
scorers:
  - id: exact
    type: exact-match
`;

/** base is right on every item; cand is wrong on items 0, 4, 8 and errors on item 5. */
function cells(model: 'base' | 'cand', wrong: (i: number) => boolean): FabricatedCell[] {
  return items.map((item, i) => ({
    itemKey: item.key,
    modelKey: model,
    ...(model === 'cand' && i === 5
      ? { errorClass: 'server_error' }
      : { output: wrong(i) ? `no idea (${i})` : `answer ${i}` }),
    latencyMs: 100 + i,
    inputTokens: 20,
    outputTokens: 5,
    costUsd: 0.0001,
  }));
}

describe('the compare grid query', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  async function scoredRun(wrong: (i: number) => boolean, name = 'run') {
    const run = fabricateRun(core, {
      datasetName: 'grid-items',
      items,
      suiteYaml: suite,
      runName: name,
      cells: [...cells('base', () => false), ...cells('cand', wrong)],
    });
    await scoreRun(core.context, run.runId);
    return run;
  }

  const grid = (input: Record<string, unknown>) => call<GridPage>(core, 'results.grid', input);

  it('gives one row per item with each model side by side, paged, with scores', async () => {
    core = openTestCore(tempDir());
    const run = await scoredRun((i) => i % 4 === 0);
    const first = await grid({ runId: run.runId, page: { offset: 0, limit: 5 } });
    expect(first.total).toBe(12);
    expect(first.columns.map((c) => [c.id, c.isBaseline])).toEqual([
      ['base', true],
      ['cand', false],
    ]);
    expect(first.scorerKeys).toEqual(['exact']);
    expect(first.categories).toEqual(['billing', 'sync']);
    expect(first.tags).toEqual(['urgent']);
    expect(first.rows.map((r) => r.itemKey)).toEqual(['Q00', 'Q01', 'Q02', 'Q03', 'Q04']);
    const row = first.rows[0]!;
    expect(row.inputExcerpt).toBe('question 0 about billing');
    expect(row.cells.base).toMatchObject({ status: 'done', excerpt: 'answer 0' });
    expect(row.cells.base!.scores).toEqual([
      { scorerKey: 'exact', value: 1, isPass: true, error: null, isOverridden: false },
    ]);
    expect(row.cells.cand!.scores[0]).toMatchObject({ isPass: false, value: 0 });
    const second = await grid({ runId: run.runId, page: { offset: 10, limit: 5 } });
    expect(second.rows.map((r) => [r.index, r.itemKey])).toEqual([
      [10, 'Q10'],
      [11, 'Q11'],
    ]);
  });

  it('filters by category, tag, errors, pass/fail, regressions and text, and sorts by a score', async () => {
    core = openTestCore(tempDir());
    const run = await scoredRun((i) => i % 4 === 0);
    const keys = async (filter: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      (await grid({ runId: run.runId, filter, ...extra })).rows.map((r) => r.itemKey);
    expect(await keys({ category: 'sync' })).toEqual(['Q01', 'Q03', 'Q05', 'Q07', 'Q09', 'Q11']);
    expect(await keys({ tag: 'urgent' })).toEqual(['Q00', 'Q03', 'Q06', 'Q09']);
    expect(await keys({ hasErrors: true })).toEqual(['Q05']);
    // A request that failed fails its scorers too (the scoring domain's rule).
    expect(await keys({ scorer: { key: 'exact', outcome: 'fail' } })).toEqual([
      'Q00',
      'Q04',
      'Q05',
      'Q08',
    ]);
    expect(await keys({ regressionScorer: 'exact' })).toEqual(['Q00', 'Q04', 'Q05', 'Q08']);
    // With cand as the baseline nothing regresses: base never fails.
    expect(await keys({ regressionScorer: 'exact' }, { baselineColumnId: 'cand' })).toEqual([]);
    expect(await keys({ search: 'NO IDEA (4)' })).toEqual(['Q04']);
    expect(await keys({ search: 'about sync', category: 'billing' })).toEqual([]);
    expect(await keys({ search: '100%' })).toEqual([]);
    const ascending = await keys(
      {},
      { sort: { columnId: 'cand', scorerKey: 'exact', direction: 'asc' } },
    );
    // Ties keep dataset order.
    expect(ascending.slice(0, 5)).toEqual(['Q00', 'Q04', 'Q05', 'Q08', 'Q01']);
    const descending = await keys(
      {},
      { sort: { columnId: 'cand', scorerKey: 'exact', direction: 'desc' } },
    );
    expect(descending.slice(-4)).toEqual(['Q00', 'Q04', 'Q05', 'Q08']);
  });

  it('compares a baseline run with a candidate run item by item', async () => {
    core = openTestCore(tempDir());
    const baseline = await scoredRun(() => false, 'baseline');
    const candidate = await scoredRun((i) => i === 2 || i === 7, 'candidate');
    const page = await grid({
      runId: candidate.runId,
      baselineRunId: baseline.runId,
      filter: { regressionScorer: 'exact' },
    });
    expect(page.columns.map((c) => c.id)).toEqual([
      'baseline:base',
      'baseline:cand',
      'candidate:base',
      'candidate:cand',
    ]);
    expect(page.unfilteredTotal).toBe(12);
    expect(page.rows.map((r) => r.itemKey)).toEqual(['Q02', 'Q05', 'Q07']);
    expect(page.rows[0]!.cells['candidate:cand']!.excerpt).toBe('no idea (2)');
  });

  it('finds judge/human disagreements and shows a row in full', async () => {
    core = openTestCore(tempDir());
    const run = await scoredRun(() => false);
    const scoring = new ScoringRepo(core.context.db);
    // A judge's verdicts as the scoring domain stores them; a person overrides one.
    scoring.writeScores(
      run.cellIds.map((cellId, i) => ({
        cellId,
        scorerKey: 'judge',
        scorerId: 'judge-rubric',
        scorerVersion: '1',
        configHash: 'h',
        value: i === 1 ? 1 : 5,
        isPass: i !== 1,
        details: JSON.stringify({ judges: [{ judge: 'j', reasoning: `reason ${i}` }] }),
        costUsd: 0.001,
        error: null,
        createdAt: '2026-01-02T00:00:00Z',
      })),
    );
    const judged = scoring.scoresOfCell(run.cellIds[1]!).find((s) => s.scorer_key === 'judge')!;
    await call(core, 'scoring.override', {
      scoreId: judged.score_id,
      rater: 'ana',
      value: 5,
      isPass: true,
      reason: 'the answer is right',
    });
    const page = await grid({ runId: run.runId, filter: { hasDisagreement: true } });
    expect(page.rows.map((r) => r.itemKey)).toEqual(['Q01']);
    const row = page.rows[0]!;
    const detail = await call<RowDetail>(core, 'results.detail', {
      cellIds: [row.cells.base!.cellId, row.cells.cand!.cellId],
    });
    expect(detail).toMatchObject({ itemKey: 'Q01', category: 'sync', reference: 'answer 1' });
    const [base, cand] = detail.outputs;
    expect(base!.renderedPrompt).toBe(
      '[system]\nAnswer briefly.\n\n[user]\nQ: question 1 about sync',
    );
    expect(base).toMatchObject({
      modelKey: 'base',
      output: 'answer 1',
      latencyMs: 101,
      inputTokens: 20,
      outputTokens: 5,
      costUsd: 0.0001,
    });
    const judge = base!.scores.find((s) => s.scorerKey === 'judge')!;
    expect(judge).toMatchObject({
      isJudge: true,
      isPass: true,
      automatedIsPass: false,
      isOverridden: true,
      reasoning: 'reason 1',
    });
    expect(cand!.modelKey).toBe('cand');
  });

  it('tags outputs with failure modes, counts them per model and filters by them', async () => {
    core = openTestCore(tempDir());
    const run = await scoredRun(() => false);
    const mode = await call<{ id: string }>(core, 'labeling.addFailureMode', { name: 'vague' });
    const page = await grid({ runId: run.runId });
    const cand3 = page.rows[3]!.cells.cand!.cellId;
    await call(core, 'failureModes.tagCell', { cellId: cand3, failureModeIds: [mode.id] });
    await call(core, 'failureModes.tagCell', {
      cellId: page.rows[4]!.cells.cand!.cellId,
      failureModeIds: [mode.id],
      rater: 'ana',
    });
    const counts = await call<FailureModeCounts>(core, 'failureModes.counts', {
      runId: run.runId,
    });
    expect(counts.modes).toEqual([
      { id: mode.id, name: 'vague', description: null, isArchived: false, total: 2 },
    ]);
    expect(counts.columns).toEqual([
      { columnId: 'base', label: 'base', taggedOutputs: 0, counts: {} },
      { columnId: 'cand', label: 'cand', taggedOutputs: 2, counts: { [mode.id]: 2 } },
    ]);
    const tagged = await grid({ runId: run.runId, filter: { failureModeId: mode.id } });
    expect(tagged.rows.map((r) => r.itemKey)).toEqual(['Q03', 'Q04']);
    expect(tagged.rows[0]!.cells.cand!.failureModeIds).toEqual([mode.id]);
    await call(core, 'failureModes.tagCell', { cellId: cand3, failureModeIds: [] });
    const after = await grid({ runId: run.runId, filter: { failureModeId: mode.id } });
    expect(after.rows.map((r) => r.itemKey)).toEqual(['Q04']);
    const missing = await core.dispatch('failureModes.tagCell', {
      cellId: cand3,
      failureModeIds: ['fm_nope'],
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
