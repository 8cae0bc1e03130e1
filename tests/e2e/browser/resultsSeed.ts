/**
 * Test-only seeding for the results and decision end-to-end tests, through core functions: an
 * earlier run of the same suite (for the trend chart) and a finished, scored run of three
 * models (tests/support/fabricateResults.ts). Run with tsx: `resultsSeed.ts WORKSPACE` → JSON.
 */
import { join } from 'node:path';
import { createCore } from '@core/host';
import { fabricateResultsRun } from '../../support/fabricateResults';

const [workspaceDir] = process.argv.slice(2);
if (!workspaceDir) throw new Error('usage: resultsSeed.ts WORKSPACE');

const core = createCore({
  workspaceDir,
  resourcesDir: join(import.meta.dirname, '../../../resources'),
  appVersion: 'e2e',
});
try {
  const earlierRunId = await fabricateResultsRun(core, {
    runName: 'triage january',
    startedAtMs: Date.parse('2026-01-10T09:00:00Z'),
    models: ['small', 'medium'],
  });
  const runId = await fabricateResultsRun(core, {
    runName: 'triage february',
    startedAtMs: Date.parse('2026-02-10T09:00:00Z'),
  });
  process.stdout.write(`${JSON.stringify({ runId, earlierRunId })}\n`);
} finally {
  await core.close();
}
