/**
 * Test-only seeding for delete-run.spec.ts, through core functions: two throwaway runs (no
 * scores, nothing uses them), and two scored runs a recorded decision uses (one as its run, one
 * as its baseline), so deleting those is refused.
 * Run with tsx: `node --import tsx deleteRunSeed.ts WORKSPACE` → prints JSON.
 */
import { join } from 'node:path';
import { createCore } from '@core/host';
import { twoModelRun } from '../../support/fabricateLabels';
import { fabricateResultsRun } from '../../support/fabricateResults';

const [workspaceDir] = process.argv.slice(2);
if (!workspaceDir) throw new Error('usage: deleteRunSeed.ts WORKSPACE');

const core = createCore({
  workspaceDir,
  resourcesDir: join(import.meta.dirname, '../../../resources'),
  appVersion: 'e2e',
});
try {
  const baseline = await fabricateResultsRun(core, { runName: 'january', models: ['large'] });
  const candidate = await fabricateResultsRun(core, { runName: 'february', models: ['large'] });
  const decided = await core.dispatch('scoring.decide', {
    runId: candidate,
    modelKey: 'large',
    baselineRunId: baseline,
  });
  if (!decided.ok) throw new Error(`scoring.decide: ${decided.error.message}`);
  const botched = twoModelRun(core, { items: 4, runName: 'botched' }).runId;
  const scratch = twoModelRun(core, { items: 2, runName: 'scratch' }).runId;
  process.stdout.write(`${JSON.stringify({ baseline, candidate, botched, scratch })}\n`);
} finally {
  await core.close();
}
