/**
 * Which labels the core takes from a rater, through the real routes on a real SQLite file: a
 * task is the rater's while it waits for them (fewer distinct raters than it requires) or when
 * they judged it already (an edit, here or inherited by content). A first label on a task that
 * has its ratings from others is refused — whatever a screen offered — and nothing is written;
 * undo, like a label, changes nothing in a closed session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Queue, SessionDetail, TaskView } from '@contract/routes/labelingSchemas';
import type { Core } from '@core/host';
import { call, openTestCore } from '../../support/core';
import { addRater, createSession, rateSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';

const rubric = { question: 'Does the answer solve the problem?', scale: { min: 1, max: 5 } };

describe('labels only on the rater’s own tasks', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  const queueOf = (sessionId: string, raterId: string) =>
    call<Queue>(core, 'labeling.queue', { sessionId, raterId });
  const detailOf = (sessionId: string) =>
    call<SessionDetail>(core, 'labeling.session', { sessionId });
  const submit = (sessionId: string, taskId: string, raterId: string, label: object) =>
    core.dispatch('labeling.submit', { sessionId, taskId, raterId, ...label });

  it('refuses a label from a rater with nothing left, and writes nothing', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 2 });
    const session = await createSession(core, {
      name: 'single',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
    });
    const ana = await addRater(core, 'ana');
    const ben = await addRater(core, 'ben');
    expect(await rateSession(core, session.id, ana, () => ({ score: 4 }))).toBe(4);
    const benQueue = await queueOf(session.id, ben);
    expect(benQueue.entries.map((e) => e.status)).toEqual(Array(4).fill('complete'));
    const first = benQueue.entries[0]!;
    expect(await submit(session.id, first.taskId, ben, { score: 2 })).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message:
          'task 1 already has 1 rating from other raters and needs 1: it is not waiting for this rater, so no label was saved',
      },
    });
    // Nothing was written: no label, no history row to undo, no rater counted.
    expect(await detailOf(session.id)).toMatchObject({ labels: 4, raters: 1, completeTasks: 4 });
    expect(
      await call(core, 'labeling.undo', { sessionId: session.id, raterId: ben }),
    ).toMatchObject({ taskId: null, action: null });
    const view = await call<TaskView>(core, 'labeling.task', {
      sessionId: session.id,
      taskId: first.taskId,
      raterId: ben,
    });
    expect(view.myLabel).toBeNull();
  });

  it('keeps edits and undo of a label already given, also once every task is rated', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 1 });
    const session = await createSession(core, {
      name: 'edits',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
    });
    const ana = await addRater(core, 'ana');
    await rateSession(core, session.id, ana, () => ({ score: 3 }));
    const taskId = (await queueOf(session.id, ana)).entries[0]!.taskId;
    expect(
      await submit(session.id, taskId, ana, { score: 5, note: 'on second thought' }),
    ).toMatchObject({
      ok: true,
      value: { label: { score: 5, note: 'on second thought' }, progress: { rated: 2, pending: 0 } },
    });
    expect(
      await call(core, 'labeling.undo', { sessionId: session.id, raterId: ana }),
    ).toMatchObject({ taskId, action: 'restored' });
    expect(await detailOf(session.id)).toMatchObject({ labels: 2 });
  });

  it('takes as many raters as a double-rated task requires, and not one more', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 1 });
    const session = await createSession(core, {
      name: 'overlap',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      overlap: { share: 1, ratersPerItem: 2 },
    });
    const [ana, ben, cleo] = await Promise.all(
      ['ana', 'ben', 'cleo'].map((name) => addRater(core, name)),
    );
    await rateSession(core, session.id, ana!, () => ({ score: 4 }));
    // Ben is the second rater each task asks for.
    expect(await rateSession(core, session.id, ben!, () => ({ score: 2 }))).toBe(2);
    const cleoQueue = await queueOf(session.id, cleo!);
    expect(cleoQueue.progress).toMatchObject({ pending: 0, rated: 0 });
    expect(
      await submit(session.id, cleoQueue.entries[1]!.taskId, cleo!, { score: 1 }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: expect.stringContaining(
          'already has 2 ratings from other raters and needs 2',
        ) as string,
      },
    });
    expect(await detailOf(session.id)).toMatchObject({ labels: 4, raters: 2 });
  });

  it('lets a rater revise an inherited label: they are counted already', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 1 });
    const ana = await addRater(core, 'ana');
    const week1 = await createSession(core, {
      name: 'week 1',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
    });
    await rateSession(core, week1.id, ana, () => ({ score: 2 }));
    const week2 = await createSession(core, {
      name: 'week 2',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
    });
    const entry = (await queueOf(week2.id, ana)).entries[0]!;
    expect(entry.status).toBe('inherited');
    expect(await submit(week2.id, entry.taskId, ana, { score: 4 })).toMatchObject({
      ok: true,
      value: { label: { score: 4 } },
    });
    expect(await detailOf(week2.id)).toMatchObject({ raters: 1, completeTasks: 2 });
  });

  it('refuses a tie from a rater with nothing left in a pairwise session', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 2 });
    const session = await createSession(core, {
      name: 'pairs',
      kind: 'pairwise',
      runIds: [],
      pair: {
        a: { runId: run.runId, modelKey: 'alpha' },
        b: { runId: run.runId, modelKey: 'beta' },
      },
      rubric,
    });
    const ana = await addRater(core, 'ana');
    const ben = await addRater(core, 'ben');
    expect(await rateSession(core, session.id, ana, () => ({ choice: 'tie' }))).toBe(2);
    const taskId = (await queueOf(session.id, ben)).entries[0]!.taskId;
    expect(await submit(session.id, taskId, ben, { choice: 'tie' })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    expect(await detailOf(session.id)).toMatchObject({ labels: 2, raters: 1 });
  });

  it('refuses undo in a closed session, and leaves the label as it was', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 1 });
    const session = await createSession(core, {
      name: 'closing',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
    });
    const ana = await addRater(core, 'ana');
    await rateSession(core, session.id, ana, () => ({ score: 3 }));
    await call(core, 'labeling.setStatus', { sessionId: session.id, status: 'closed' });
    expect(
      await core.dispatch('labeling.undo', { sessionId: session.id, raterId: ana }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'refused',
        message: 'session "closing" is closed; reopen it to change labels',
      },
    });
    expect(await detailOf(session.id)).toMatchObject({ labels: 2 });
    await call(core, 'labeling.setStatus', { sessionId: session.id, status: 'open' });
    expect(
      await call(core, 'labeling.undo', { sessionId: session.id, raterId: ana }),
    ).toMatchObject({ action: 'removed' });
  });
});
