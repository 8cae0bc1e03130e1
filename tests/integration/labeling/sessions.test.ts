/**
 * Rating sessions through the real routes on a real SQLite file: creation (sampling, overlap,
 * blind A/B), the rater's queue and task view, labels saved the moment they are given and kept
 * across a restart, undo, inheritance by content, and closed sessions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Queue,
  RaterProgress,
  SessionDetail,
  TaskView,
} from '@contract/routes/labelingSchemas';
import type { Core } from '@core/host';
import { call, openTestCore } from '../../support/core';
import { addRater, createSession, rateSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';

const rubric = {
  question: 'Does the answer solve the problem?',
  scale: { min: 1, max: 5 },
  anchors: { '1': 'wrong', '5': 'solves it' },
  passFail: true,
};

describe('rating sessions', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  it('samples outputs, marks the overlap share, and hides model names when blind', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 25, categories: ['billing', 'sync'] });
    const session = await createSession(core, {
      name: 'quality',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      sampling: { strategy: 'random', n: 30 },
      overlap: { share: 0.2, ratersPerItem: 2 },
    });
    expect(session.tasks).toBe(30);
    expect(session.isBlind).toBe(true);
    const rater = await addRater(core, 'ana');
    const queue = await call<Queue>(core, 'labeling.queue', {
      sessionId: session.id,
      raterId: rater,
    });
    expect(queue.entries.map((e) => e.status)).toEqual(Array(30).fill('pending'));
    const tasks = await Promise.all(
      queue.entries.map((e) =>
        call<TaskView>(core, 'labeling.task', {
          sessionId: session.id,
          taskId: e.taskId,
          raterId: rater,
        }),
      ),
    );
    expect(tasks.every((t) => t.outputs.length === 1 && t.outputs[0]?.model === null)).toBe(true);
    expect(new Set(tasks.map((t) => t.outputs[0]?.text)).size).toBe(30);
    // Random order mixes the models (their texts start with the model name).
    const firstTen = tasks.slice(0, 10).map((t) => t.outputs[0]?.text.split(' ')[0]);
    expect(new Set(firstTen).size).toBe(2);
    // The same seed draws the same sample in the same order.
    const again = await createSession(core, {
      name: 'quality again',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      sampling: { strategy: 'random', n: 30 },
      overlap: { share: 0.2, ratersPerItem: 2 },
      seed: session.id,
    });
    const queueAgain = await call<Queue>(core, 'labeling.queue', {
      sessionId: again.id,
      raterId: rater,
    });
    const textsAgain = await Promise.all(
      queueAgain.entries.map(
        async (e) =>
          (
            await call<TaskView>(core, 'labeling.task', {
              sessionId: again.id,
              taskId: e.taskId,
              raterId: rater,
            })
          ).outputs[0]?.text,
      ),
    );
    expect(textsAgain).toEqual(tasks.map((t) => t.outputs[0]?.text));
  });

  it('requires two raters on exactly the overlap share of tasks', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 20 });
    const session = await createSession(core, {
      name: 'overlap',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      overlap: { share: 0.2, ratersPerItem: 2 },
    });
    const ana = await addRater(core, 'ana');
    const ben = await addRater(core, 'ben');
    expect(await rateSession(core, session.id, ana, () => ({ score: 4, isPass: true }))).toBe(40);
    // Ben is asked only the double-rated tasks: 20% of 40.
    const benQueue = await call<Queue>(core, 'labeling.queue', {
      sessionId: session.id,
      raterId: ben,
    });
    expect(benQueue.entries.filter((e) => e.status === 'pending')).toHaveLength(8);
    expect(benQueue.entries.filter((e) => e.status === 'complete')).toHaveLength(32);
    await rateSession(core, session.id, ben, () => ({ score: 3, isPass: false }));
    const detail = await call<SessionDetail>(core, 'labeling.session', { sessionId: session.id });
    expect(detail.completeTasks).toBe(40);
    expect(detail.labels).toBe(48);
    expect(detail.progress.map((p) => [p.rater, p.rated, p.pending])).toEqual([
      ['ana', 40, 0],
      ['ben', 8, 0],
    ]);
  });

  it('never shows a rater another rater’s label', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 3 });
    const session = await createSession(core, {
      name: 'private',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      overlap: { share: 1, ratersPerItem: 2 },
    });
    const ana = await addRater(core, 'ana');
    const ben = await addRater(core, 'ben');
    await rateSession(core, session.id, ana, () => ({ score: 5, note: 'great' }));
    const queue = await call<Queue>(core, 'labeling.queue', {
      sessionId: session.id,
      raterId: ben,
    });
    expect(queue.entries.every((e) => e.status === 'pending')).toBe(true);
    const task = await call<TaskView>(core, 'labeling.task', {
      sessionId: session.id,
      taskId: queue.entries[0]!.taskId,
      raterId: ben,
    });
    expect(task.myLabel).toBeNull();
    expect(JSON.stringify(task)).not.toContain('great');
  });

  it('keeps every label across a restart, and undo walks back through changes', async () => {
    const dir = tempDir();
    core = openTestCore(dir);
    const run = twoModelRun(core, { items: 3 });
    const session = await createSession(core, {
      name: 'durable',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
    });
    const ana = await addRater(core, 'ana');
    const queue = await call<Queue>(core, 'labeling.queue', {
      sessionId: session.id,
      raterId: ana,
    });
    const [t1, t2] = queue.entries.map((e) => e.taskId) as [string, string];
    const submit = (taskId: string, label: Record<string, unknown>) =>
      call<{ progress: RaterProgress }>(core, 'labeling.submit', {
        sessionId: session.id,
        taskId,
        raterId: ana,
        ...label,
      });
    await submit(t1, { score: 2 });
    await submit(t1, { isPass: false, note: 'misses the restart step' });
    const saved = await submit(t2, { score: 5, isPass: true });
    expect(saved.progress).toMatchObject({ rated: 2, pending: 4, total: 6 });
    await core.close();

    core = openTestCore(dir);
    const view = (taskId: string) =>
      call<TaskView>(core, 'labeling.task', { sessionId: session.id, taskId, raterId: ana });
    expect((await view(t1)).myLabel).toMatchObject({
      score: 2,
      isPass: false,
      note: 'misses the restart step',
    });
    const undo = () =>
      call<{ taskId: string; action: string }>(core, 'labeling.undo', {
        sessionId: session.id,
        raterId: ana,
      });
    // The pass/fail (and note) of a removed label come back for the screen to keep as a draft.
    expect(await undo()).toMatchObject({
      taskId: t2,
      action: 'removed',
      removed: { note: null, isPass: true },
    });
    expect((await view(t2)).myLabel).toBeNull();
    expect(await undo()).toMatchObject({ taskId: t1, action: 'restored' });
    expect((await view(t1)).myLabel).toMatchObject({ score: 2, isPass: null, note: null });
    expect(await undo()).toMatchObject({
      taskId: t1,
      action: 'removed',
      removed: { note: null, isPass: null },
    });
    expect(await undo()).toMatchObject({ taskId: null, action: null, removed: null });
  });

  it('inherits labels on the same content in a later run, and asks again where outputs changed', async () => {
    core = openTestCore(tempDir());
    const first = twoModelRun(core, { items: 4 });
    const ana = await addRater(core, 'ana');
    const s1 = await createSession(core, {
      name: 'week 1',
      kind: 'pointwise',
      runIds: [first.runId],
      rubric,
    });
    await rateSession(core, s1.id, ana, (t) => ({
      score: t.outputs[0]!.text.startsWith('alpha') ? 4 : 2,
    }));
    // A later run: alpha answers the same, beta answers differently.
    const second = twoModelRun(core, {
      items: 4,
      runName: 'week 2',
      output: (model, i) =>
        model === 'alpha'
          ? `alpha says: for device ${i}, restart the sync client.`
          : `beta now says: reinstall the client on device ${i}.`,
    });
    const s2 = await createSession(core, {
      name: 'week 2',
      kind: 'pointwise',
      runIds: [second.runId],
      rubric,
    });
    const queue = await call<Queue>(core, 'labeling.queue', { sessionId: s2.id, raterId: ana });
    expect(queue.entries.filter((e) => e.status === 'inherited')).toHaveLength(4);
    expect(queue.entries.filter((e) => e.status === 'pending')).toHaveLength(4);
    const ben = await addRater(core, 'ben');
    const benQueue = await call<Queue>(core, 'labeling.queue', { sessionId: s2.id, raterId: ben });
    // One rating is required and Ana's inherited ones count: Ben is not asked about them.
    expect(benQueue.entries.filter((e) => e.status === 'complete')).toHaveLength(4);
    const inherited = queue.entries.find((e) => e.status === 'inherited')!;
    const task = await call<TaskView>(core, 'labeling.task', {
      sessionId: s2.id,
      taskId: inherited.taskId,
      raterId: ana,
    });
    expect(task).toMatchObject({ isInherited: true, myLabel: { score: 4 } });
    // A different question does not inherit.
    const s3 = await createSession(core, {
      name: 'tone',
      kind: 'pointwise',
      runIds: [second.runId],
      rubric: { ...rubric, question: 'Is the tone polite?' },
    });
    const toneQueue = await call<Queue>(core, 'labeling.queue', { sessionId: s3.id, raterId: ana });
    expect(toneQueue.entries.every((e) => e.status === 'pending')).toBe(true);
  });

  it('refuses labels off the scale, of the wrong kind, and in a closed session', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 2 });
    const session = await createSession(core, {
      name: 'strict',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric: { question: 'Good?', scale: { min: 1, max: 5 } },
    });
    const ana = await addRater(core, 'ana');
    const queue = await call<Queue>(core, 'labeling.queue', {
      sessionId: session.id,
      raterId: ana,
    });
    const taskId = queue.entries[0]!.taskId;
    const attempt = (label: Record<string, unknown>) =>
      core.dispatch('labeling.submit', { sessionId: session.id, taskId, raterId: ana, ...label });
    expect(await attempt({ score: 7 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('off the scale') as string },
    });
    expect(await attempt({ choice: 'A' })).toMatchObject({ ok: false });
    expect(await attempt({ score: 3, isPass: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('pass/fail') as string },
    });
    expect(await attempt({ note: 'no score yet' })).toMatchObject({
      ok: false,
      error: { message: 'a label needs a score' },
    });
    await call(core, 'labeling.setStatus', { sessionId: session.id, status: 'closed' });
    expect(await attempt({ score: 3 })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(
      await core.dispatch('labeling.createSession', {
        name: 'x',
        kind: 'pointwise',
        runIds: [run.runId],
        models: ['gamma'],
        rubric,
      }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no model gamma') as string },
    });
  });
});
