/**
 * Test-only seeding for the Calibrate end-to-end test, through core functions: a run of two
 * models whose pairs are judged by the provider simulator's deterministic pairwise judge with a
 * planted position bias (scored by the real scoring engine over loopback), and a pairwise
 * session rated by two generated people who prefer the answer closer to the reference.
 * Run with tsx: `node --import tsx calibrateSeed.ts WORKSPACE` → prints JSON.
 */
import { join } from 'node:path';
import { createCore } from '@core/host';
import { createSession } from '@core/labeling/createSession';
import { raterIdFor } from '@core/labeling/people';
import { labelingRepo } from '@core/labeling/repo';
import { raterQueue, taskView } from '@core/labeling/rating';
import { submitLabel } from '@core/labeling/labels';
import { scoreRun } from '@core/scoring/index';
import { startSimulator } from '../../simulator';
import { fabricateRun } from '../../support/fabricateRun';

const [workspaceDir] = process.argv.slice(2);
if (!workspaceDir) throw new Error('usage: calibrateSeed.ts WORKSPACE');

const words =
  'river stone lantern copper meadow violet harbor ember quartz willow falcon orchard'.split(' ');
const pick = (i: number, k: number) => words[(i * 7 + k * 5) % words.length] as string;

const sim = await startSimulator({
  seed: 5,
  models: { 'judge-biased': { responder: { kind: 'judge', mode: 'pairwise', positionBias: 0.4 } } },
});
const core = createCore({
  workspaceDir,
  resourcesDir: join(import.meta.dirname, '../../../resources'),
  appVersion: 'e2e',
});
try {
  const items = Array.from({ length: 40 }, (_, i) => ({
    key: `q${String(i).padStart(2, '0')}`,
    input: `List the words of record ${i}.`,
    reference: Array.from({ length: 10 }, (_, k) => pick(i, k)).join(' '),
  }));
  const good = (i: number) => Array.from({ length: 10 }, (_, k) => pick(i, k)).join(' ');
  const poor = (i: number) => `Sorry, I could not find record number ${i} anywhere.`;
  const run = fabricateRun(core, {
    datasetName: 'records',
    items,
    runName: 'judged run',
    suiteYaml: `version: 1
name: judged
dataset: { name: records }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: candidate, provider: openai, model: gpt-4o-mini }
  - { id: baseline, provider: openai, model: llama-3-8b }
scorers:
  - id: versus
    type: judge-pairwise
    config:
      baseline: baseline
      judges: [{ provider: openai-compatible, base_url: ${sim.url}/v1, model: judge-biased }]
`,
    cells: items.flatMap((item, i) => [
      { itemKey: item.key, modelKey: 'candidate', output: i % 2 === 0 ? good(i) : poor(i) },
      { itemKey: item.key, modelKey: 'baseline', output: i % 2 === 0 ? poor(i) : good(i) },
    ]),
  });
  await scoreRun(core.context, run.runId);
  const session = createSession(core.context, {
    name: 'judge check',
    kind: 'pairwise',
    runIds: [],
    pair: {
      a: { runId: run.runId, modelKey: 'candidate' },
      b: { runId: run.runId, modelKey: 'baseline' },
    },
    isBlind: true,
    rubric: {
      question: 'Which lists the record better?',
      scale: { min: 1, max: 5 },
      anchors: {},
      passFail: false,
      failureModes: false,
      showReference: false,
    },
    sampling: { strategy: 'random', n: 32 },
    overlap: { share: 1, ratersPerItem: 2 },
    seed: 'calibrate-e2e',
  });
  const goodTexts = new Set(items.map((_, i) => good(i)));
  for (const name of ['rater-1', 'rater-2']) {
    const raterId = raterIdFor(labelingRepo(core.context), name).id;
    for (const entry of raterQueue(core.context, session.id, raterId).entries) {
      const task = taskView(core.context, session.id, entry.taskId, raterId);
      submitLabel(core.context, {
        sessionId: session.id,
        taskId: entry.taskId,
        raterId,
        choice: goodTexts.has(task.outputs[0]?.text ?? '') ? 'A' : 'B',
        note: 'the other one misses the record',
      });
    }
  }
  process.stdout.write(`${JSON.stringify({ runId: run.runId, sessionId: session.id })}\n`);
} finally {
  await core.close();
  await sim.close();
}
