/**
 * The workspace variants of `yardstick agreement` / `yardstick calibrate` and `yardstick
 * sessions export|import`, run as a user runs them: a child process on a real workspace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionAgreement, SessionCalibration } from '@contract/routes/calibrationSchemas';
import type { ImportResult } from '@contract/routes/labelingSchemas';
import { ScoringRepo } from '@core/scoring/repo';
import { openTestCore } from '../../support/core';
import { addRater, createSession, rateSession, twoModelRun } from '../../support/fabricateLabels';
import { finished, spawnTs } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';

const scorers = `  - id: quality
    type: judge-rubric
    config:
      criteria: Good?
      judges: [{ provider: openai, model: judge }]
`;

function yardstick(dir: string, args: string[]) {
  return finished(
    spawnTs('src-main/cli/main.ts', ['--workspace', join(dir, 'workspace'), ...args], {
      env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') },
    }),
  );
}

const judgeScore = (i: number) => (i % 2 === 0 ? (i % 6 === 0 ? 5 : 4) : 2);

/** A workspace with a scored run and a session rated by two people. */
async function seed(dir: string) {
  const core = openTestCore(dir);
  try {
    const run = twoModelRun(core, { items: 10, scorers });
    new ScoringRepo(core.context.db).writeScores(
      run.cellIds.map((cellId, i) => ({
        cellId,
        scorerKey: 'quality',
        scorerId: 'judge-rubric',
        scorerVersion: '1',
        configHash: 'h',
        // Alpha's outputs (even cells) get 4, except every third one 5; beta's get 2.
        value: judgeScore(i),
        isPass: null,
        details: JSON.stringify({
          judges: [{ judge: 'judge', score: judgeScore(i), reasoning: `because ${i}` }],
        }),
        costUsd: 0.001,
        error: null,
        createdAt: '2026-01-01T00:00:00.000Z',
      })),
    );
    const session = await createSession(core, {
      name: 'cli session',
      kind: 'pointwise',
      runIds: [run.runId],
      rubric: { question: 'Good?', scale: { min: 1, max: 5 } },
      overlap: { share: 1, ratersPerItem: 2 },
    });
    for (const [r, name] of ['ana', 'ben'].entries()) {
      const rater = await addRater(core, name);
      await rateSession(core, session.id, rater, (t) => ({
        score: t.outputs[0]!.text.startsWith('alpha')
          ? 4
          : 2 + (r === 1 && t.position % 5 === 0 ? 1 : 0),
      }));
    }
    return { runId: run.runId, sessionId: session.id };
  } finally {
    await core.close();
  }
}

// Each case starts the CLI under tsx in child processes, 3–5 of them, 2–6 s each on this
// shared two-core machine.
const childProcess = { timeout: 120_000 };

describe('yardstick on rating sessions', () => {
  const tempDir = useTempDir();

  it(
    'agreement --session and calibrate --judge-scorer print one JSON object',
    childProcess,
    async () => {
      const dir = tempDir();
      const { runId, sessionId } = await seed(dir);
      const agreement = await yardstick(dir, [
        'agreement',
        '--session',
        sessionId,
        '--json',
        '--resamples',
        '200',
      ]);
      expect(agreement.stderr).toBe('');
      expect(agreement.code).toBe(0);
      const a = JSON.parse(agreement.stdout) as SessionAgreement;
      expect(a).toMatchObject({ sessionId, raters: ['ana', 'ben'], units: 20, ratings: 40 });
      expect(a.krippendorff.alpha).toBeGreaterThan(0.5);

      const calibration = await yardstick(dir, [
        'calibrate',
        '--judge-scorer',
        'quality',
        '--run',
        runId,
        '--session',
        sessionId,
        '--json',
        '--resamples',
        '200',
      ]);
      expect(calibration.stderr).toBe('');
      const c = JSON.parse(calibration.stdout) as SessionCalibration;
      expect(c).toMatchObject({ scorerKey: 'quality', measure: 'score' });
      expect(c.comparison.n).toBe(20);
      expect(c.disagreements.length).toBeGreaterThan(0);

      const human = await yardstick(dir, [
        'calibrate',
        '--judge-scorer',
        'quality',
        '--run',
        runId,
        '--session',
        sessionId,
        '--resamples',
        '200',
      ]);
      expect(human.stdout).toMatch(/^judge quality \(judge-rubric\) against ana, ben/);

      const bad = await yardstick(dir, [
        'calibrate',
        '--judge-scorer',
        'quality',
        '--session',
        sessionId,
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/needs --judge-scorer, --run and --session/);
      const missing = await yardstick(dir, ['agreement', '--session', 'ls_nope', '--json']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/labeling session ls_nope does not exist in workspace /);
    },
  );

  it('sessions export and import round-trip into another workspace', childProcess, async () => {
    const home = tempDir();
    const { sessionId } = await seed(home);
    const file = join(home, 'trip.json');
    const exported = await yardstick(home, [
      'sessions',
      'export',
      sessionId,
      '--out',
      file,
      '--json',
    ]);
    expect(exported.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(exported.stdout)).toMatchObject({ tasks: 20, labels: 40, path: file });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      format: 'yardstick.labeling-session',
    });

    const away = tempDir();
    const first = await yardstick(away, ['sessions', 'import', file, '--json']);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout) as ImportResult).toMatchObject({
      isNewSession: true,
      tasksAdded: 20,
      labelsAdded: 40,
    });
    const again = await yardstick(away, ['sessions', 'import', file]);
    expect(again.stdout).toMatch(
      /merged into session .* 0 labels added, 0 updated, 40 unchanged, 0 removed, 0 conflicts/,
    );
    const list = await yardstick(away, ['sessions', 'list']);
    expect(list.stdout).toContain(
      'cli session  pointwise, blind  20/20 complete, 40 labels by 2 rater(s)  open',
    );
    const sessionAway = (JSON.parse(first.stdout) as ImportResult).sessionId;
    const closed = await yardstick(away, ['sessions', 'close', sessionAway]);
    expect(closed.stdout.trim()).toBe(`session ${sessionAway} "cli session" is closed`);
    expect((await yardstick(away, ['sessions', 'list'])).stdout).toMatch(/ closed$/m);
    const reopened = await yardstick(away, ['sessions', 'reopen', sessionAway, '--json']);
    expect(JSON.parse(reopened.stdout)).toMatchObject({ id: sessionAway, status: 'open' });
    const missing = await yardstick(away, ['sessions', 'close', 'ls_nope']);
    expect(missing.code).toBe(2);
  });
});
