/**
 * Test-only seeding for the Label end-to-end tests, through core functions (never raw SQL):
 * a finished run of two models over N items, and a blind session over all its outputs —
 * pairwise by default, or pointwise (1–5 with pass/fail and a failure mode to tag).
 * One model's answer is always the better one (it says "Restart"), so a test can decide like a
 * rater would. Run with tsx: `node --import tsx labelSeed.ts WORKSPACE ITEMS [OVERLAP]` → prints JSON.
 */
import { join } from 'node:path';
import { createCore } from '@core/host';
import { createSession } from '@core/labeling/createSession';
import { addFailureMode } from '@core/labeling/people';
import { fabricateRun } from '../../support/fabricateRun';
import { fabricatedItems, twoModelSuite } from '../../support/fabricateLabels';

const [workspaceDir, countText = '30', overlapText = '0', kind = 'pairwise'] =
  process.argv.slice(2);
if (!workspaceDir)
  throw new Error('usage: labelSeed.ts WORKSPACE [ITEMS] [OVERLAP SHARE] [pairwise|pointwise]');
const count = Number(countText);

const core = createCore({
  workspaceDir,
  resourcesDir: join(import.meta.dirname, '../../../resources'),
  appVersion: 'e2e',
});
try {
  const items = fabricatedItems(count);
  const run = fabricateRun(core, {
    datasetName: 'sync-support',
    items,
    suiteYaml: twoModelSuite(['helpful', 'vague'], '', 'sync-support'),
    runName: 'e2e run',
    cells: items.flatMap((item, i) => [
      {
        itemKey: item.key,
        modelKey: 'helpful',
        output: `**Restart** the sync client on device ${i}, then sign in again:\n\n\`\`\`sh\nsync --restart --device ${i}\n\`\`\``,
      },
      {
        itemKey: item.key,
        modelKey: 'vague',
        // A link and a remote image: shown, never followed or fetched.
        output: `I am not sure what to do about device ${i}. See [the docs](https://docs.example.com/sync) or ![a diagram](https://img.example.com/d${i}.png).`,
      },
    ]),
  });
  const overlap = { share: Number(overlapText), ratersPerItem: 2 };
  const session =
    kind === 'pointwise'
      ? createSession(core.context, {
          name: 'e2e scores',
          kind: 'pointwise',
          runIds: [run.runId],
          isBlind: true,
          rubric: {
            question: 'Does the answer solve the problem?',
            scale: { min: 1, max: 5 },
            anchors: { '1': 'no help at all', '5': 'solves it' },
            passFail: true,
            failureModes: true,
            showReference: false,
          },
          sampling: { strategy: 'all' },
          overlap,
        })
      : createSession(core.context, {
          name: 'e2e pairs',
          kind: 'pairwise',
          runIds: [],
          pair: {
            a: { runId: run.runId, modelKey: 'helpful' },
            b: { runId: run.runId, modelKey: 'vague' },
          },
          isBlind: true,
          rubric: {
            question: 'Which answer helps the customer more?',
            scale: { min: 1, max: 5 },
            anchors: {},
            passFail: false,
            failureModes: true,
            showReference: false,
          },
          sampling: { strategy: 'all' },
          overlap,
        });
  if (kind === 'pointwise')
    addFailureMode(core.context, 'vague answer', 'says nothing the user can act on');
  process.stdout.write(`${JSON.stringify({ runId: run.runId, sessionId: session.id })}\n`);
} finally {
  await core.close();
}
