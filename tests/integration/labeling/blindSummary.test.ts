/**
 * The session summary's "items to discuss" on a blind pairwise session: an item the viewer still
 * has to rate is withheld with everyone's labels (which name the models), the reply says how many
 * and why, and a closed session or a viewer with nothing left sees everything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionAgreement } from '@contract/routes/calibrationSchemas';
import type { Core } from '@core/host';
import { call, openTestCore } from '../../support/core';
import { addRater, createSession, rateSession, twoModelRun } from '../../support/fabricateLabels';
import { useTempDir } from '../../support/tempDir';

const rubric = { question: 'Which answer is better?', scale: { min: 1, max: 5 }, passFail: false };

describe('blind session summary', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  it('withholds the items the viewer still has to rate, says so, and shows all once closed', async () => {
    core = openTestCore(tempDir());
    const run = twoModelRun(core, { items: 8 });
    const session = await createSession(core, {
      name: 'blind pairs',
      kind: 'pairwise',
      pair: {
        a: { runId: run.runId, modelKey: 'alpha' },
        b: { runId: run.runId, modelKey: 'beta' },
      },
      rubric,
      overlap: { share: 1, ratersPerItem: 3 },
    });
    expect(session.isBlind).toBe(true);
    const [ana, ben, cy] = [
      await addRater(core, 'ana'),
      await addRater(core, 'ben'),
      await addRater(core, 'cy'),
    ];
    // ana and ben disagree on every task; cy rates the even positions only.
    await rateSession(core, session.id, ana, () => ({ choice: 'A' }));
    await rateSession(core, session.id, ben, () => ({ choice: 'B' }));
    await rateSession(core, session.id, cy, (t) => (t.position % 2 === 0 ? { choice: 'A' } : null));
    const summary = (viewerRaterId?: string) =>
      call<SessionAgreement>(core, 'labeling.agreement', {
        sessionId: session.id,
        resamples: 200,
        ...(viewerRaterId ? { viewerRaterId } : {}),
      });
    const models = /alpha|beta/;

    // cy still has the 4 odd tasks to rate: they are withheld, with the model names on them.
    const forCy = await summary(cy);
    expect(forCy.withheld).toBe(4);
    expect(forCy.withheldReason).toMatch(/^4 items you still have to rate are hidden/);
    expect(forCy.mostDisagreed.map((u) => u.position % 2)).toEqual([0, 0, 0, 0]);
    for (const u of forCy.mostDisagreed)
      expect(u.ratings.map((r) => r.rater).sort()).toEqual(['ana', 'ben', 'cy']);

    // Nobody named: the items any new rater would still be asked are withheld.
    const anonymous = await summary();
    expect(anonymous.withheld).toBe(4);
    expect(anonymous.withheldReason).toMatch(/^4 items still to be rated are hidden/);
    expect(anonymous.mostDisagreed.every((u) => u.position % 2 === 0)).toBe(true);
    const withheldIds = new Set(
      (await summary(ana)).mostDisagreed.filter((u) => u.position % 2 === 1).map((u) => u.taskId),
    );
    expect(withheldIds.size).toBe(4);
    for (const view of [forCy, anonymous]) {
      const shown = view.mostDisagreed.filter((u) => withheldIds.has(u.taskId));
      expect(shown).toEqual([]);
      expect(JSON.stringify(shown)).not.toMatch(models);
    }

    // ana has nothing left: she sees every disagreed item, nothing withheld.
    const forAna = await summary(ana);
    expect(forAna.withheld).toBe(0);
    expect(forAna.withheldReason).toBeNull();
    expect(forAna.mostDisagreed).toHaveLength(8);
    expect(forAna.mostDisagreed.flatMap((u) => u.ratings.map((r) => r.label))).toContain('beta');

    // A closed session asks nobody anything more: everyone sees everything.
    await call(core, 'labeling.setStatus', { sessionId: session.id, status: 'closed' });
    for (const view of [await summary(cy), await summary()]) {
      expect(view.withheld).toBe(0);
      expect(view.withheldReason).toBeNull();
      expect(view.mostDisagreed).toHaveLength(8);
    }
  });
});
