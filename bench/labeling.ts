/**
 * Benchmark of rating sessions at scale: a run of 2 models × 2,500 items (5,000 outputs), a
 * pointwise session over all of them with 20% double-rated. Measures what a rater waits for —
 * saving a label (one transaction + the rater's progress), loading the queue and a task — with
 * few and with many labels stored, plus creating the session, the agreement report, and a
 * portable export / import round trip. Prints medians and p95 against the targets.
 *
 *   npx tsx bench/labeling.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src-main/core/host';
import { createSession } from '../src-main/core/labeling/createSession';
import { submitLabel } from '../src-main/core/labeling/labels';
import { addRater } from '../src-main/core/labeling/people';
import { exportSession } from '../src-main/core/labeling/portableExport';
import { importSessionText } from '../src-main/core/labeling/portableImport';
import { raterQueue, taskView } from '../src-main/core/labeling/rating';
import { sessionAgreement } from '../src-main/core/labeling/sessionAgreement';
import { fabricateRun } from '../tests/support/fabricateRun';
import { fabricatedItems, twoModelSuite } from '../tests/support/fabricateLabels';

const items = 2500;
const saveTargetMs = 50;

function stats(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

const dir = mkdtempSync(join(tmpdir(), 'yardstick-bench-labeling-'));
const core = createCore({
  workspaceDir: join(dir, 'workspace'),
  resourcesDir: join(import.meta.dirname, '../resources'),
  appVersion: 'bench',
  env: { YARDSTICK_KEY_FILE: join(dir, 'key') },
});
try {
  const list = fabricatedItems(items, ['billing', 'sync', 'account']);
  const run = fabricateRun(core, {
    items: list,
    suiteYaml: twoModelSuite(['alpha', 'beta']),
    cells: list.flatMap((item, i) =>
      ['alpha', 'beta'].map((m) => ({
        itemKey: item.key,
        modelKey: m,
        output: `${m} answer ${i}: ${'text '.repeat(40)}`,
      })),
    ),
  });
  const ctx = core.context;
  const [session, createMs] = timed(() =>
    createSession(ctx, {
      name: 'bench',
      kind: 'pointwise',
      runIds: [run.runId],
      isBlind: true,
      rubric: {
        question: 'Good?',
        scale: { min: 1, max: 5 },
        anchors: {},
        passFail: false,
        failureModes: false,
        showReference: false,
      },
      sampling: { strategy: 'all' },
      overlap: { share: 0.2, ratersPerItem: 2 },
    }),
  );
  const ana = addRater(ctx, 'ana').id;
  const ben = addRater(ctx, 'ben').id;
  const entries = raterQueue(ctx, session.id, ana).entries;
  const save = (rater: string, taskId: string, score: number) =>
    timed(() => submitLabel(ctx, { sessionId: session.id, taskId, raterId: rater, score }))[1];

  const early: number[] = [];
  for (let i = 0; i < 200; i++) early.push(save(ana, entries[i]!.taskId, 1 + (i % 5)));
  for (let i = 200; i < entries.length; i++) save(ana, entries[i]!.taskId, 1 + (i % 5));
  const late: number[] = [];
  const benQueue = raterQueue(ctx, session.id, ben).entries.filter((e) => e.status === 'pending');
  for (let i = 0; i < benQueue.length; i++) {
    const ms = save(ben, benQueue[i]!.taskId, 1 + ((i + (i % 3 === 0 ? 1 : 0)) % 5));
    if (i < 200) late.push(ms);
  }
  const queueMs = timed(() => raterQueue(ctx, session.id, ana))[1];
  const taskMs = timed(() => taskView(ctx, session.id, entries[10]!.taskId, ana))[1];
  const [agreement, agreementMs] = timed(() =>
    sessionAgreement(ctx, { sessionId: session.id, confidenceLevel: 0.95, resamples: 1000 }),
  );
  const [file, exportMs] = timed(() => exportSession(ctx, session.id));
  const [merged, importMs] = timed(() => importSessionText(ctx, file.text, 'bench.json'));

  const e = stats(early);
  const l = stats(late);
  const lines = [
    `session of ${session.tasks} outputs (${items} items × 2 models, 20% double-rated) created in ${createMs.toFixed(0)} ms`,
    `save a label, few labels stored:  median ${e.median.toFixed(2)} ms, p95 ${e.p95.toFixed(2)} ms (target < ${saveTargetMs} ms)`,
    `save a label, ${session.tasks} labels stored: median ${l.median.toFixed(2)} ms, p95 ${l.p95.toFixed(2)} ms (target < ${saveTargetMs} ms; ratio to empty ${(l.median / e.median).toFixed(2)})`,
    `load the queue: ${queueMs.toFixed(1)} ms; load a task: ${taskMs.toFixed(2)} ms`,
    `agreement (${agreement.ratings} ratings, α ${agreement.krippendorff.alpha?.toFixed(3)}, 1,000 resamples): ${agreementMs.toFixed(0)} ms`,
    `export ${(file.bytes / 1024 / 1024).toFixed(1)} MB: ${exportMs.toFixed(0)} ms; re-import (${merged.labelsUnchanged} unchanged): ${importMs.toFixed(0)} ms`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
}
