/**
 * Portable sessions: a session file carries everything needed to rate on another laptop
 * (offline, without the runs); its labels merge back without duplicates; damaged files are
 * refused with the file, line and field.
 */
import { describe, expect, it } from 'vitest';
import type {
  ExportedSession,
  ImportResult,
  Queue,
  SessionDetail,
  TaskView,
} from '@contract/routes/labelingSchemas';
import type { Core } from '@core/host';
import { call } from '../../support/core';
import { addRater, createSession, rateSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';

const rubric = { question: 'Does it solve the problem?', scale: { min: 1, max: 5 } };

describe('portable session files', () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();
  const open = () => openCore(tempDir());

  async function sessionWithLabels(home: Core) {
    const run = twoModelRun(home, { items: 6 });
    const mode = await call<{ id: string }>(home, 'labeling.addFailureMode', {
      name: 'hallucination',
    });
    const session = await createSession(home, {
      name: 'laptop trip',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      overlap: { share: 1, ratersPerItem: 2 },
    });
    const ana = await addRater(home, 'ana');
    let i = 0;
    await rateSession(home, session.id, ana, () =>
      i++ < 5 ? { score: 4, tags: i === 1 ? [mode.id] : [] } : null,
    );
    return { session, ana };
  }

  it('rates on a second workspace and merges back without duplicates', async () => {
    const home = open();
    const { session } = await sessionWithLabels(home);
    const exported = await call<ExportedSession>(home, 'labeling.export', {
      sessionId: session.id,
    });
    expect(exported).toMatchObject({ tasks: 12, labels: 5 });
    expect(exported.fileName).toMatch(/^laptop-trip-\d{4}-\d{2}-\d{2}\.yardstick-session\.json$/);

    const away = open();
    const imported = await call<ImportResult>(away, 'labeling.import', {
      text: exported.text,
      fileName: exported.fileName,
    });
    expect(imported).toMatchObject({
      sessionId: session.id,
      isNewSession: true,
      tasksAdded: 12,
      labelsAdded: 5,
      ratersAdded: ['ana'],
      failureModesAdded: ['hallucination'],
    });
    // Ben rates everything there; Ana's labels came along, so he is asked about all 12.
    const ben = await addRater(away, 'ben');
    const queue = await call<Queue>(away, 'labeling.queue', {
      sessionId: session.id,
      raterId: ben,
    });
    expect(queue.entries.filter((e) => e.status === 'pending')).toHaveLength(12);
    const first = await call<TaskView>(away, 'labeling.task', {
      sessionId: session.id,
      taskId: queue.entries[0]!.taskId,
      raterId: ben,
    });
    expect(first.input).toMatch(/^Question \d+/);
    expect(first.outputs[0]!.model).toBeNull();
    await rateSession(away, session.id, ben, () => ({ score: 2, note: 'rated away' }));
    const back = await call<ExportedSession>(away, 'labeling.export', { sessionId: session.id });
    expect(back.labels).toBe(17);

    const merged = await call<ImportResult>(home, 'labeling.import', { text: back.text });
    expect(merged).toMatchObject({
      isNewSession: false,
      tasksAdded: 0,
      labelsAdded: 12,
      labelsUnchanged: 5,
      conflicts: 0,
      ratersAdded: ['ben'],
    });
    const twice = await call<ImportResult>(home, 'labeling.import', { text: back.text });
    expect(twice).toMatchObject({ labelsAdded: 0, labelsUpdated: 0, labelsUnchanged: 17 });
    const detail = await call<SessionDetail>(home, 'labeling.session', { sessionId: session.id });
    expect(detail.labels).toBe(17);
    expect(detail.completeTasks).toBe(5);
    expect(detail.progress.map((p) => [p.rater, p.rated])).toEqual([
      ['ana', 5],
      ['ben', 12],
    ]);
  });

  it('keeps the later change when the same rater labelled the same task in both places', async () => {
    const home = open();
    const { session, ana } = await sessionWithLabels(home);
    const file = await call<ExportedSession>(home, 'labeling.export', { sessionId: session.id });
    const away = open();
    await call(away, 'labeling.import', { text: file.text });
    const awayAna = await addRater(away, 'ana');
    const pendingAway = (
      await call<Queue>(away, 'labeling.queue', { sessionId: session.id, raterId: awayAna })
    ).entries.find((e) => e.status === 'pending')!;
    // Ana labels the same task at home first, then away (later): the later one wins.
    await call(home, 'labeling.submit', {
      sessionId: session.id,
      taskId: pendingAway.taskId,
      raterId: ana,
      score: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await call(away, 'labeling.submit', {
      sessionId: session.id,
      taskId: pendingAway.taskId,
      raterId: awayAna,
      score: 5,
    });
    const back = await call<ExportedSession>(away, 'labeling.export', { sessionId: session.id });
    const merged = await call<ImportResult>(home, 'labeling.import', { text: back.text });
    expect(merged.conflicts).toBe(1);
    const view = await call<TaskView>(home, 'labeling.task', {
      sessionId: session.id,
      taskId: pendingAway.taskId,
      raterId: ana,
    });
    expect(view.myLabel?.score).toBe(5);
  });

  it('refuses damaged files, naming the file, line and field', async () => {
    const home = open();
    const { session } = await sessionWithLabels(home);
    const file = await call<ExportedSession>(home, 'labeling.export', { sessionId: session.id });
    const away = open();
    const attempt = (text: string) =>
      away.dispatch('labeling.import', { text, fileName: 'trip.json' });

    const syntax = await attempt(file.text.slice(0, 200));
    expect(syntax).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!syntax.ok && syntax.error.message).toMatch(/^trip\.json(:\d+:\d+)?: not valid JSON/);

    const tampered = file.text.replace('"score": 4', '"score": 5');
    expect(await attempt(tampered)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('checksum of "labels" does not match') as string },
    });

    const parsed = JSON.parse(file.text) as { labels: Array<Record<string, unknown>> };
    parsed.labels[1]!.choice = 'maybe';
    const badField = await attempt(JSON.stringify(parsed, null, 1));
    expect(badField.ok).toBe(false);
    if (!badField.ok) {
      expect(badField.error.message).toMatch(
        /^trip\.json: not a valid session file: trip\.json:\d+:\d+ labels\[1\]\.choice/,
      );
      expect(badField.error.issues?.[0]?.path).toMatch(/^trip\.json:\d+:\d+ labels\[1\]\.choice$/);
    }

    expect(await attempt('{"format":"something-else"}')).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('not a Yardstick session file') as string },
    });
    // Nothing was imported by any of the failures.
    expect(await call<unknown[]>(away, 'labeling.sessions')).toEqual([]);
  });
});
