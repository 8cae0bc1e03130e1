/**
 * A session's agreement statistics are the core/agreement statistics of its labels; a viewer
 * who still has to rate an item does not see it in the list; a human-approved output becomes
 * its item's reference in a new dataset version.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionAgreement } from '@contract/routes/calibrationSchemas';
import type { DatasetItem } from '@contract/routes/datasets';
import type { Queue, TaskView } from '@contract/routes/labelingSchemas';
import { cohensKappa } from '@core/agreement/cohen';
import { krippendorffAlpha } from '@core/agreement/krippendorff';
import type { Core } from '@core/host';
import { call, openTestCore } from '../../support/core';
import { addRater, createSession, rateSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';

const rubric = { question: 'How good is it?', scale: { min: 1, max: 5 }, passFail: true };

describe('session agreement', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  it('reproduces Krippendorff’s α and Cohen’s κ of the labels given, and withholds unrated items', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 12 });
    const session = await createSession(core, {
      name: 'agree',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      overlap: { share: 1, ratersPerItem: 3 },
    });
    const raters = [
      await addRater(core, 'ana'),
      await addRater(core, 'ben'),
      await addRater(core, 'cy'),
    ];
    // Scores by task position: a fixed pattern with some disagreement; cy rates half.
    const pattern = (position: number, r: number) => {
      const base = (position % 5) + 1;
      const shifted = r === 1 && position % 3 === 0 ? Math.min(5, base + 1) : base;
      return r === 2 && position % 4 === 0 ? Math.max(1, shifted - 2) : shifted;
    };
    const given: number[][] = Array.from({ length: 24 }, () => [NaN, NaN, NaN]);
    for (const [r, rater] of raters.entries()) {
      await rateSession(core, session.id, rater, (t) => {
        if (r === 2 && t.position % 2 === 1) return null;
        const score = pattern(t.position, r);
        given[t.position]![r] = score;
        return { score, isPass: score >= 4 };
      });
    }
    // ana rated every task: nothing is left for her, so nothing is withheld from her.
    const report = await call<SessionAgreement>(core, 'labeling.agreement', {
      sessionId: session.id,
      viewerRaterId: raters[0],
      resamples: 200,
    });
    const matrix = given.map((row) => row.map((v) => (Number.isNaN(v) ? null : v - 1)));
    expect(report.raters).toEqual(['ana', 'ben', 'cy']);
    expect(report.units).toBe(24);
    expect(report.ratings).toBe(24 * 2 + 12);
    expect(report.krippendorff.alpha).toBeCloseTo(krippendorffAlpha(matrix, 'ordinal').alpha, 10);
    const kappa = cohensKappa(
      matrix.map((row) => row[0] ?? null),
      matrix.map((row) => row[1] ?? null),
      { weighting: 'quadratic', categories: [0, 1, 2, 3, 4] },
    ).kappa;
    expect(report.pairs.find((p) => p.raters.join() === 'ana,ben')?.kappa).toBeCloseTo(kappa, 10);
    expect(report.mostDisagreed.length).toBeGreaterThan(0);
    expect(report.withheld).toBe(0);

    const pass = await call<SessionAgreement>(core, 'labeling.agreement', {
      sessionId: session.id,
      measure: 'pass',
      resamples: 200,
    });
    expect(pass.labels).toEqual(['fail', 'pass']);
    expect(pass.level).toBe('nominal');

    // A fourth rater who has rated nothing does not see the disagreed items still waiting for a
    // third rater (she would be asked them); the ones that have their three ratings she may see.
    const dee = await addRater(core, 'dee');
    const forDee = await call<SessionAgreement>(core, 'labeling.agreement', {
      sessionId: session.id,
      viewerRaterId: dee,
      resamples: 200,
    });
    const waiting = report.mostDisagreed.filter((u) => u.ratings.length < 3);
    expect(waiting.length).toBeGreaterThan(0);
    expect(forDee.withheld).toBe(waiting.length);
    expect(forDee.mostDisagreed.every((u) => u.ratings.length === 3)).toBe(true);
    expect(forDee.mostDisagreed.length).toBe(report.mostDisagreed.length - waiting.length);
  });

  it('says why there is nothing to report before any overlap', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 3 });
    const session = await createSession(core, {
      name: 'single',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
    });
    const empty = await call<SessionAgreement>(core, 'labeling.agreement', {
      sessionId: session.id,
      resamples: 200,
    });
    expect(empty.notes).toEqual(['No labels yet.']);
    expect(empty.krippendorff.alpha).toBeNull();
    const ana = await addRater(core, 'ana');
    await rateSession(core, session.id, ana, () => ({ score: 3 }));
    const single = await call<SessionAgreement>(core, 'labeling.agreement', {
      sessionId: session.id,
      resamples: 200,
    });
    expect(single.notes[0]).toMatch(/No item has two ratings yet/);
    expect(single.ratings).toBe(6);
  });
});

describe('promoting an approved output to the reference', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  it('writes a new dataset version whose item reference is the output', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 3 });
    const session = await createSession(core, {
      name: 'promote',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
    });
    const ana = await addRater(core, 'ana');
    const queue = await call<Queue>(core, 'labeling.queue', {
      sessionId: session.id,
      raterId: ana,
    });
    const [approved, rejected] = queue.entries.map((e) => e.taskId) as [string, string];
    const task = await call<TaskView>(core, 'labeling.task', {
      sessionId: session.id,
      taskId: approved,
      raterId: ana,
    });
    await call(core, 'labeling.submit', {
      sessionId: session.id,
      taskId: approved,
      raterId: ana,
      score: 5,
      isPass: true,
    });
    await call(core, 'labeling.submit', {
      sessionId: session.id,
      taskId: rejected,
      raterId: ana,
      score: 5,
      isPass: false,
    });
    expect(
      await core.dispatch('labeling.promote', { sessionId: session.id, taskId: rejected }),
    ).toMatchObject({ ok: false, error: { code: 'refused' } });
    const promoted = await call<{
      versionId: string;
      version: number;
      parentVersionId: string;
      itemKey: string;
    }>(core, 'labeling.promote', { sessionId: session.id, taskId: approved });
    expect(promoted).toMatchObject({
      version: 2,
      parentVersionId: run.versionId,
      itemKey: task.itemKey,
    });
    const items = await call<{ items: DatasetItem[] }>(core, 'datasets.items', {
      versionId: promoted.versionId,
      page: { offset: 0, limit: 10 },
    });
    expect(items.items.find((i) => i.key === task.itemKey)?.reference).toBe(task.outputs[0]!.text);
    // The run's own version is frozen and unchanged.
    const original = await call<{ items: DatasetItem[] }>(core, 'datasets.items', {
      versionId: run.versionId,
      page: { offset: 0, limit: 10 },
    });
    expect(original.items.find((i) => i.key === task.itemKey)?.reference).not.toBe(
      task.outputs[0]!.text,
    );
  });
});
