/**
 * An undo travels with portable session files: a label removed on one laptop leaves a tombstone
 * that the file carries, so importing it removes the label elsewhere, whatever order the files
 * arrive in; a label given again after the removal wins; files of the previous format (without
 * removals) still import. Two or three real workspaces per test, through the routes the screen
 * and the CLI call.
 */
import { describe, expect, it } from 'vitest';
import type {
  ExportedSession,
  ImportResult,
  Queue,
  SessionDetail,
} from '@contract/routes/labelingSchemas';
import type { Core } from '@core/host';
import { hashJson } from '@core/util/hash';
import { call } from '../../support/core';
import { addRater, createSession, rateSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';

const rubric = { question: 'Is the answer right?', scale: { min: 1, max: 5 } };

interface FileShape {
  formatVersion: number;
  labels: { id: string; rater: string; taskId: string | null; score: number | null }[];
  removedLabels?: { id: string; rater: string; taskId: string | null; removedAt: string }[];
  checksums: Record<string, string>;
}

const parse = (file: ExportedSession) => JSON.parse(file.text) as FileShape;
/** Tick the clock so two workspaces' changes in one test never share a millisecond. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('removals in portable session files', () => {
  const tempDir = useTempDir();
  const openCore = useTestCores();
  const open = () => openCore(tempDir());
  const exportOf = (core: Core, sessionId: string) =>
    call<ExportedSession>(core, 'labeling.export', { sessionId });
  const importInto = (core: Core, file: ExportedSession | string) =>
    call<ImportResult>(core, 'labeling.import', {
      text: typeof file === 'string' ? file : file.text,
    });
  const benLabels = async (core: Core, sessionId: string) =>
    parse(await exportOf(core, sessionId))
      .labels.filter((l) => l.rater === 'ben')
      .map((l) => ({ id: l.id, score: l.score }));

  /** Laptop A with Ana's two labels; laptop B imported A's file and has Ben. */
  async function twoLaptops() {
    const a = open();
    const run = twoModelRun(a, { items: 4 });
    const session = await createSession(a, {
      name: 'undo trip',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric,
      overlap: { share: 1, ratersPerItem: 2 },
    });
    const ana = await addRater(a, 'ana');
    let given = 0;
    await rateSession(a, session.id, ana, () => (given++ < 2 ? { score: 4 } : null));
    const b = open();
    await importInto(b, await exportOf(a, session.id));
    const ben = await addRater(b, 'ben');
    const queue = await call<Queue>(b, 'labeling.queue', { sessionId: session.id, raterId: ben });
    const task = queue.entries.filter((e) => e.status === 'pending')[6]!.taskId;
    const rate = (score: number) =>
      call(b, 'labeling.submit', { sessionId: session.id, taskId: task, raterId: ben, score });
    const undo = () =>
      call<{ action: string | null }>(b, 'labeling.undo', { sessionId: session.id, raterId: ben });
    return { a, b, sessionId: session.id, task, rate, undo };
  }

  it('removes on A the label B took back, in either import order, and keeps it removed', async () => {
    const { a, b, sessionId, task, rate, undo } = await twoLaptops();
    await rate(3);
    const before = await exportOf(b, sessionId);
    const [given] = await benLabels(b, sessionId);
    expect(await importInto(a, before)).toMatchObject({ labelsAdded: 1, labelsRemoved: 0 });
    expect(await benLabels(a, sessionId)).toEqual([{ id: given!.id, score: 3 }]);

    await tick();
    expect(await undo()).toMatchObject({ action: 'removed' });
    const after = await exportOf(b, sessionId);
    const file = parse(after);
    expect(file.formatVersion).toBe(2);
    expect(file.labels.some((l) => l.rater === 'ben')).toBe(false);
    expect(file.removedLabels).toEqual([
      {
        id: given!.id,
        taskId: task,
        rater: 'ben',
        contentHash: expect.any(String) as string,
        removedAt: expect.any(String) as string,
      },
    ]);

    // A imported B's label before; B's newer file removes it there.
    expect(await importInto(a, after)).toMatchObject({
      labelsAdded: 0,
      labelsUpdated: 0,
      labelsRemoved: 1,
      conflicts: 0,
    });
    expect(await benLabels(a, sessionId)).toEqual([]);
    const detail = await call<SessionDetail>(a, 'labeling.session', { sessionId });
    expect(detail.labels).toBe(2);
    expect(detail.progress.find((p) => p.rater === 'ben')?.rated ?? 0).toBe(0);
    // Twice changes nothing; B's older file does not bring the label back.
    expect(await importInto(a, after)).toMatchObject({
      labelsAdded: 0,
      labelsUpdated: 0,
      labelsRemoved: 0,
      labelsUnchanged: 2,
    });
    expect(await importInto(a, before)).toMatchObject({ labelsAdded: 0, labelsRemoved: 0 });
    expect(await benLabels(a, sessionId)).toEqual([]);

    // The other order, on a third laptop: B's later file first, then the older one.
    const c = open();
    expect(await importInto(c, after)).toMatchObject({ isNewSession: true, labelsRemoved: 0 });
    expect(await importInto(c, before)).toMatchObject({
      labelsAdded: 0,
      labelsRemoved: 0,
      labelsUnchanged: 3,
    });
    expect(await benLabels(c, sessionId)).toEqual([]);

    // A recorded the removal, so it travels on from A: a laptop holding the label loses it.
    const d = open();
    expect(await importInto(d, before)).toMatchObject({ labelsAdded: 3 });
    const fromA = await exportOf(a, sessionId);
    expect(parse(fromA).removedLabels?.map((r) => r.id)).toEqual([given!.id]);
    expect(await importInto(d, fromA)).toMatchObject({ labelsRemoved: 1 });
    expect(await benLabels(d, sessionId)).toEqual([]);
    // Every laptop ends with the same labels.
    const ids = async (core: Core) =>
      parse(await exportOf(core, sessionId)).labels.map((l) => l.id);
    const onA = await ids(a);
    for (const core of [b, c, d]) expect(await ids(core)).toEqual(onA);
  });

  it('replaces the removed label by the one given again after the undo', async () => {
    const { a, b, sessionId, rate, undo } = await twoLaptops();
    await rate(2);
    const before = await exportOf(b, sessionId);
    await importInto(a, before);
    await tick();
    await undo();
    await tick();
    await rate(5);
    const [again] = await benLabels(b, sessionId);
    const after = await exportOf(b, sessionId);
    // The old label goes, the new one (a new id) comes, and nothing is a conflict.
    expect(await importInto(a, after)).toMatchObject({
      labelsAdded: 1,
      labelsRemoved: 1,
      conflicts: 0,
    });
    expect(await benLabels(a, sessionId)).toEqual([{ id: again!.id, score: 5 }]);
    expect(await importInto(a, before)).toMatchObject({ labelsAdded: 0, conflicts: 0 });
    expect(await benLabels(a, sessionId)).toEqual([{ id: again!.id, score: 5 }]);
  });

  it('keeps a label changed elsewhere after the removal: the older tombstone does nothing', async () => {
    const { a, b, sessionId, task, rate, undo } = await twoLaptops();
    await rate(2);
    const before = await exportOf(b, sessionId);
    await importInto(a, before);
    const [given] = await benLabels(a, sessionId);
    await tick();
    await undo();
    const removal = await exportOf(b, sessionId);
    await tick();
    // Ben, on A, changes the same label later than his undo on B.
    const benOnA = await addRater(a, 'ben');
    await call(a, 'labeling.submit', { sessionId, taskId: task, raterId: benOnA, score: 4 });
    expect(await importInto(a, removal)).toMatchObject({ labelsRemoved: 0 });
    expect(await benLabels(a, sessionId)).toEqual([{ id: given!.id, score: 4 }]);

    // A's file holds the label (newer) and the removal (older): B takes the label back.
    const fromA = await exportOf(a, sessionId);
    expect(await importInto(b, fromA)).toMatchObject({ labelsAdded: 1, labelsRemoved: 0 });
    expect(await benLabels(b, sessionId)).toEqual([{ id: given!.id, score: 4 }]);
    // A laptop still holding the first value updates it, and removes nothing.
    const c = open();
    await importInto(c, before);
    expect(await importInto(c, fromA)).toMatchObject({ labelsUpdated: 1, labelsRemoved: 0 });
    expect(await benLabels(c, sessionId)).toEqual([{ id: given!.id, score: 4 }]);
    // And in the other order.
    const d = open();
    await importInto(d, fromA);
    expect(await importInto(d, before)).toMatchObject({ labelsAdded: 0, labelsUpdated: 0 });
    expect(await benLabels(d, sessionId)).toEqual([{ id: given!.id, score: 4 }]);
  });

  it('carries an undo that restores a changed label as an update', async () => {
    const { a, b, sessionId, rate, undo } = await twoLaptops();
    await rate(2);
    await tick();
    await rate(5);
    await importInto(a, await exportOf(b, sessionId));
    expect(await benLabels(a, sessionId)).toMatchObject([{ score: 5 }]);
    await tick();
    expect(await undo()).toMatchObject({ action: 'restored' });
    const restored = await exportOf(b, sessionId);
    expect(parse(restored).removedLabels).toEqual([]);
    expect(await importInto(a, restored)).toMatchObject({ labelsUpdated: 1, labelsRemoved: 0 });
    expect(await benLabels(a, sessionId)).toMatchObject([{ score: 2 }]);
  });

  it('imports a file of the previous version, which removes nothing', async () => {
    const { a, b, sessionId, rate, undo } = await twoLaptops();
    await rate(3);
    const current = parse(await exportOf(b, sessionId)) as FileShape & Record<string, unknown>;
    // The version 1 shape: no removedLabels section and no checksum for it.
    const { removedLabels: _removed, ...rest } = current;
    const { removedLabels: _sum, ...checksums } = current.checksums;
    const v1 = JSON.stringify({ ...rest, formatVersion: 1, checksums }, null, 1);
    expect(v1).not.toContain('removedLabels');

    const c = open();
    expect(await importInto(c, v1)).toMatchObject({
      isNewSession: true,
      labelsAdded: 3,
      labelsRemoved: 0,
    });
    // On a laptop that has the removal, the old file does not bring the label back.
    await importInto(a, v1);
    await tick();
    await undo();
    await importInto(a, await exportOf(b, sessionId));
    expect(await benLabels(a, sessionId)).toEqual([]);
    expect(await importInto(a, v1)).toMatchObject({ labelsAdded: 0, labelsUnchanged: 3 });
    expect(await benLabels(a, sessionId)).toEqual([]);
  });

  it('refuses a file whose removals were changed, naming the section', async () => {
    const { b, sessionId, rate, undo } = await twoLaptops();
    await rate(3);
    await tick();
    await undo();
    const file = await exportOf(b, sessionId);
    const away = open();
    const attempt = (text: string) =>
      away.dispatch('labeling.import', { text, fileName: 'trip.json' });
    const parsed = parse(file);

    const later = structuredClone(parsed);
    later.removedLabels![0]!.removedAt = '2999-01-01T00:00:00.000Z';
    expect(await attempt(JSON.stringify(later, null, 1))).toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining(
          'trip.json: the checksum of "removedLabels" does not match',
        ) as string,
      },
    });
    // Dropping the removal is caught too, as is dropping the section.
    const dropped = { ...parsed, removedLabels: [] };
    expect(await attempt(JSON.stringify(dropped))).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('"removedLabels" does not match') as string },
    });
    const { removedLabels: _gone, ...withoutSection } = parsed;
    const missing = await attempt(JSON.stringify(withoutSection, null, 1));
    expect(!missing.ok && missing.error.message).toMatch(
      /^trip\.json: not a valid session file: trip\.json:\d+:\d+ removedLabels/,
    );
    // A removal must name a task of the file.
    const stray = structuredClone(parsed);
    stray.removedLabels![0]!.taskId = 'lt_not_here';
    stray.checksums.removedLabels = hashJson(stray.removedLabels);
    expect(await attempt(JSON.stringify(stray))).toMatchObject({
      ok: false,
      error: {
        message: expect.stringContaining('removedLabels[0]') as string,
      },
    });
    expect(await call<unknown[]>(away, 'labeling.sessions')).toEqual([]);
  });
});
