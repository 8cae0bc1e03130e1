/**
 * Pairwise sessions: pairs by item, prompt and repeat; blind A/B positions randomised per task
 * and recorded; choices stored in canonical order and shown back in the rater's positions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Queue, TaskView } from '@contract/routes/labelingSchemas';
import type { Core } from '@core/host';
import { call, openTestCore } from '../../support/core';
import { addRater, createSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';

const rubric = { question: 'Which answer is better?' };

async function tasksOf(core: Core, sessionId: string, raterId: string): Promise<TaskView[]> {
  const queue = await call<Queue>(core, 'labeling.queue', { sessionId, raterId });
  return Promise.all(
    queue.entries.map((e) =>
      call<TaskView>(core, 'labeling.task', { sessionId, taskId: e.taskId, raterId }),
    ),
  );
}

describe('pairwise sessions', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  it('randomises which side is shown first when blind, and maps choices back', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 40 });
    const session = await createSession(core, {
      name: 'blind pairs',
      kind: 'pairwise',
      pair: {
        a: { runId: run.runId, modelKey: 'alpha' },
        b: { runId: run.runId, modelKey: 'beta' },
      },
      rubric,
    });
    expect(session.tasks).toBe(40);
    const ana = await addRater(core, 'ana');
    const tasks = await tasksOf(core, session.id, ana);
    expect(tasks.every((t) => t.outputs.map((o) => o.slot).join() === 'A,B')).toBe(true);
    expect(tasks.every((t) => t.outputs.every((o) => o.model === null))).toBe(true);
    const alphaFirst = tasks.filter((t) => t.outputs[0]!.text.startsWith('alpha')).length;
    // Seeded coin flips: both orders occur, roughly half each.
    expect(alphaFirst).toBeGreaterThan(10);
    expect(alphaFirst).toBeLessThan(30);
    // Choose alpha every time, by whatever position it was shown in.
    for (const t of tasks) {
      const slot = t.outputs[0]!.text.startsWith('alpha') ? 'A' : 'B';
      const saved = await call<{ label: { choice: string } }>(core, 'labeling.submit', {
        sessionId: session.id,
        taskId: t.taskId,
        raterId: ana,
        choice: slot,
      });
      expect(saved.label.choice).toBe(slot);
    }
    const again = await tasksOf(core, session.id, ana);
    for (const t of again) {
      const alphaSlot = t.outputs[0]!.text.startsWith('alpha') ? 'A' : 'B';
      expect(t.myLabel?.choice).toBe(alphaSlot);
    }
    const agreement = await call<{ labels: string[]; ratings: number }>(
      core,
      'labeling.agreement',
      { sessionId: session.id },
    );
    // Statistics name the winning side, not a position.
    expect(agreement.labels).toEqual(['alpha']);
    expect(agreement.ratings).toBe(40);
  });

  it('shows side a first with model names when not blind, and skips identical outputs', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, {
      items: 6,
      output: (model, i) => (i < 2 ? `same answer ${i}` : `${model} answer ${i}`),
    });
    const session = await createSession(core, {
      name: 'open pairs',
      kind: 'pairwise',
      isBlind: false,
      pair: {
        a: { runId: run.runId, modelKey: 'beta' },
        b: { runId: run.runId, modelKey: 'alpha' },
      },
      rubric,
    });
    expect(session.tasks).toBe(4);
    const ana = await addRater(core, 'ana');
    const tasks = await tasksOf(core, session.id, ana);
    expect(
      tasks.every((t) => t.outputs[0]!.model === 'beta' && t.outputs[1]!.model === 'alpha'),
    ).toBe(true);
  });

  it('treats a pair as the same content whichever way round a later run produces it', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 5 });
    const ana = await addRater(core, 'ana');
    const s1 = await createSession(core, {
      name: 'first',
      kind: 'pairwise',
      pair: {
        a: { runId: run.runId, modelKey: 'alpha' },
        b: { runId: run.runId, modelKey: 'beta' },
      },
      rubric,
    });
    for (const t of await tasksOf(core, s1.id, ana))
      await call(core, 'labeling.submit', {
        sessionId: s1.id,
        taskId: t.taskId,
        raterId: ana,
        choice: t.outputs[0]!.text.startsWith('beta') ? 'A' : 'B',
      });
    // Same pair, sides named the other way round.
    const s2 = await createSession(core, {
      name: 'second',
      kind: 'pairwise',
      pair: {
        a: { runId: run.runId, modelKey: 'beta' },
        b: { runId: run.runId, modelKey: 'alpha' },
      },
      rubric,
    });
    const inherited = await tasksOf(core, s2.id, ana);
    expect(inherited.every((t) => t.isInherited)).toBe(true);
    for (const t of inherited) {
      const betaSlot = t.outputs[0]!.text.startsWith('beta') ? 'A' : 'B';
      expect(t.myLabel?.choice).toBe(betaSlot);
    }
  });
});
