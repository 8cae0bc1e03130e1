/**
 * Sampling strategies over a workspace's stored scores: stratified by category, oversampling
 * where the judges disagree, where the judge is least sure, and where the models disagree.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Queue, TaskView } from '@contract/routes/labelingSchemas';
import type { Core } from '@core/host';
import { ScoringRepo } from '@core/scoring/repo';
import { call, openTestCore } from '../../support/core';
import { addRater, createSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';

const rubric = { question: 'Good?', scale: { min: 1, max: 5 } };
const scorers = `  - id: quality
    type: judge-rubric
    config:
      criteria: Good?
      passAt: 4
      judges: [{ provider: openai, model: a }, { provider: openai, model: b }]
  - id: exact
    type: exact-match
`;

/** Writes scores straight through the scoring repository (as a scoring pass would). */
function writeScores(
  core: Core,
  cellIds: string[],
  score: (
    index: number,
  ) => { key: string; id: string; value: number; isPass: boolean | null; details: object }[],
) {
  const rows = cellIds.flatMap((cellId, i) =>
    score(i).map((s) => ({
      cellId,
      scorerKey: s.key,
      scorerId: s.id,
      scorerVersion: '1',
      configHash: 'h',
      value: s.value,
      isPass: s.isPass,
      details: JSON.stringify(s.details),
      costUsd: null,
      error: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    })),
  );
  new ScoringRepo(core.context.db).writeScores(rows);
}

async function sampledTexts(core: Core, sessionId: string): Promise<string[]> {
  const rater = await addRater(core, 'viewer');
  const queue = await call<Queue>(core, 'labeling.queue', { sessionId, raterId: rater });
  const tasks = await Promise.all(
    queue.entries.map((e) =>
      call<TaskView>(core, 'labeling.task', { sessionId, taskId: e.taskId, raterId: rater }),
    ),
  );
  return tasks.map((t) => t.outputs[0]!.text);
}

describe('sampling a session from a workspace', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  it('stratifies by category', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 60, categories: ['a', 'a', 'a', 'b', 'c'] });
    const session = await createSession(core, {
      name: 'strata',
      kind: 'pointwise',
      runIds: [run.runId],
      models: ['alpha'],
      rubric,
      sampling: { strategy: 'stratified', n: 15, allocation: 'equal' },
    });
    const rater = await addRater(core, 'r');
    const queue = await call<Queue>(core, 'labeling.queue', {
      sessionId: session.id,
      raterId: rater,
    });
    const categories = await Promise.all(
      queue.entries.map(
        async (e) =>
          (
            await call<TaskView>(core, 'labeling.task', {
              sessionId: session.id,
              taskId: e.taskId,
              raterId: rater,
            })
          ).category,
      ),
    );
    expect(['a', 'b', 'c'].map((c) => categories.filter((x) => x === c).length)).toEqual([5, 5, 5]);
  });

  it('oversamples where the judge panel disagrees, and where the judge is unsure', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 100, scorers });
    // Cells 0–9: the two judges say 1 and 5. Cells 10–19: both say 3 (just under the pass mark).
    writeScores(core, run.cellIds, (i) => {
      const scores = i < 10 ? [1, 5] : i < 20 ? [3, 3] : [5, 5];
      const value = (scores[0]! + scores[1]!) / 2;
      return [
        {
          key: 'quality',
          id: 'judge-rubric',
          value,
          isPass: value >= 4,
          details: {
            judges: scores.map((score, j) => ({ judge: `j${j}`, score, reasoning: 'r' })),
          },
        },
      ];
    });
    const textOf = (i: number) =>
      `${i % 2 === 0 ? 'alpha' : 'beta'} says: for device ${Math.floor(i / 2)}, restart the sync client.`;
    const flagged = new Set(Array.from({ length: 10 }, (_, i) => textOf(i)));
    const unsure = new Set(Array.from({ length: 10 }, (_, i) => textOf(i + 10)));
    const draw = async (strategy: string) =>
      sampledTexts(
        core,
        (
          await createSession(core, {
            name: strategy,
            kind: 'pointwise',
            runIds: [run.runId],
            rubric,
            sampling: { strategy, n: 20, factor: 50 },
            seed: 'fixed',
          })
        ).id,
      );
    const disagreement = await draw('judge-disagreement');
    // Uniformly, 2 of 20 would be flagged; weighted 50:1, most of the 10 are.
    expect(disagreement.filter((t) => flagged.has(t)).length).toBeGreaterThanOrEqual(7);
    const uncertainty = await draw('judge-uncertainty');
    // Mean 3 (boundary 3.5) and mean 3 from a split panel are both close to the pass mark; 5
    // is not. Uniformly 2 of 20 would be among those 20 of 200 outputs.
    expect(
      uncertainty.filter((t) => unsure.has(t) || flagged.has(t)).length,
    ).toBeGreaterThanOrEqual(8);
  });

  it('oversamples items where the models disagree', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 100, scorers });
    // Items 0–9: alpha passes exact-match and beta fails; elsewhere both pass.
    writeScores(core, run.cellIds, (i) => {
      const item = Math.floor(i / 2);
      const pass = item >= 10 || i % 2 === 0;
      return [{ key: 'exact', id: 'exact-match', value: pass ? 1 : 0, isPass: pass, details: {} }];
    });
    const session = await createSession(core, {
      name: 'models',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      sampling: { strategy: 'model-disagreement', n: 20, factor: 50 },
      seed: 'fixed',
    });
    const texts = await sampledTexts(core, session.id);
    const items = texts.map((t) => Number(/device (\d+)/.exec(t)?.[1]));
    // Uniformly 2 of 20 would come from items 0–9.
    expect(items.filter((i) => i < 10).length).toBeGreaterThanOrEqual(12);
  });
});
