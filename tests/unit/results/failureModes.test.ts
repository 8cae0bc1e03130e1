import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FailureMode } from '@contract/routes/labelingSchemas';
import type { GridPage } from '@contract/routes/results';
import { call } from '../../support/core';
import { addRater, createSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';

const rubric = {
  question: 'Does the answer solve the problem?',
  scale: { min: 1, max: 5 },
  anchors: {},
  passFail: true,
  failureModes: true,
  showReference: false,
};

describe('failure modes on outputs', () => {
  const tempDir = useTempDir();
  const open = useTestCores();

  it('writes a pointwise label’s tags to the output, and takes them back on edit and undo', async () => {
    const core = open(tempDir());
    const run = twoModelRun(core, { items: 2 });
    const vague = await call<FailureMode>(core, 'labeling.addFailureMode', { name: 'vague' });
    const wrong = await call<FailureMode>(core, 'labeling.addFailureMode', { name: 'wrong' });
    const session = await createSession(core, {
      name: 'tags',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      sampling: { strategy: 'all' },
    });
    const rater = await addRater(core, 'ana');
    const queue = await call<{ entries: { taskId: string }[] }>(core, 'labeling.queue', {
      sessionId: session.id,
      raterId: rater,
    });
    const taskId = queue.entries[0]!.taskId;
    const submit = (tags: string[]) =>
      call(core, 'labeling.submit', {
        sessionId: session.id,
        taskId,
        raterId: rater,
        score: 2,
        tags,
      });
    const tagged = async () => {
      const page = await call<GridPage>(core, 'results.grid', { runId: run.runId });
      return page.rows
        .flatMap((r) => Object.values(r.cells))
        .filter((c) => c.failureModeIds.length > 0)
        .map((c) => c.failureModeIds);
    };
    await submit([vague.id, wrong.id]);
    expect(await tagged()).toEqual([[vague.id, wrong.id]]);
    await submit([wrong.id]);
    expect(await tagged()).toEqual([[wrong.id]]);
    await call(core, 'labeling.undo', { sessionId: session.id, raterId: rater });
    expect(await tagged()).toEqual([[vague.id, wrong.id]]);
    await call(core, 'labeling.undo', { sessionId: session.id, raterId: rater });
    expect(await tagged()).toEqual([]);
  });

  it('carries the taxonomy to another workspace as a file, by name, never removing one', async () => {
    const first = open(join(tempDir(), 'a'));
    await call(first, 'labeling.addFailureMode', { name: 'vague', description: 'says nothing' });
    await call(first, 'labeling.addFailureMode', { name: 'made-up fact' });
    const file = await call<{ text: string; count: number }>(first, 'failureModes.export', {});
    expect(file.count).toBe(2);

    const second = open(join(tempDir(), 'b'));
    await call(second, 'labeling.addFailureMode', { name: 'vague' });
    await call(second, 'labeling.addFailureMode', { name: 'too long' });
    const path = join(tempDir(), 'modes.json');
    writeFileSync(path, file.text);
    const result = await call(second, 'failureModes.import', { path });
    expect(result).toEqual({ added: ['made-up fact'], existing: ['vague'], described: ['vague'] });
    const modes = await call<FailureMode[]>(second, 'labeling.failureModes', {});
    expect(modes.map((m) => [m.name, m.description])).toEqual([
      ['made-up fact', null],
      ['too long', null],
      ['vague', 'says nothing'],
    ]);
    // Importing again changes nothing.
    expect(await call(second, 'failureModes.import', { text: file.text })).toEqual({
      added: [],
      existing: ['made-up fact', 'vague'],
      described: [],
    });
    const bad = await second.dispatch('failureModes.import', {
      text: JSON.stringify({
        format: 'yardstick.failure-modes',
        version: 1,
        modes: [{ name: '' }],
      }),
      fileName: 'mine.json',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('bad_request');
    expect(bad.error.message).toMatch(/^mine\.json: .*field modes\.0\.name/);
  });
});
