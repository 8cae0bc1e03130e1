/**
 * Test-only seeding for delete-dataset.spec.ts, through core functions: "alpha" with two
 * versions (a suite follows its latest), "beta" that a run used (deleting it is refused), and
 * "gamma" to move to after a deletion.
 * Run with tsx: `node --import tsx deleteDatasetSeed.ts WORKSPACE` → prints JSON.
 */
import { join } from 'node:path';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import { createCore, type Core } from '@core/host';
import { storeSuiteText } from '@core/suites/storeSuite';
import { twoModelRun } from '../../support/fabricateLabels';

const [workspaceDir] = process.argv.slice(2);
if (!workspaceDir) throw new Error('usage: deleteDatasetSeed.ts WORKSPACE');

function version(core: Core, datasetName: string, count: number) {
  return writeFrozenVersion(core.context.db, core.context.repos.datasets, {
    datasetName,
    source: { seeded: true },
    items: Array.from({ length: count }, (_, i) => ({
      key: `k${i}`,
      input: `question ${i} of ${datasetName}?`,
      reference: `${i}`,
      category: null,
      groupId: null,
      tags: ['seeded'],
      metadata: {},
      hasPersonalData: false,
    })),
  });
}

const core = createCore({
  workspaceDir,
  resourcesDir: join(import.meta.dirname, '../../../resources'),
  appVersion: 'e2e',
});
try {
  const alpha = version(core, 'alpha', 3);
  const alpha2 = version(core, 'alpha', 4);
  storeSuiteText(
    core.context,
    `version: 1
name: triage
dataset: { name: alpha }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: m, provider: openai, model: gpt-4o-mini }
`,
    null,
  );
  const run = twoModelRun(core, { items: 2, datasetName: 'beta', runName: 'nightly' });
  const gamma = version(core, 'gamma', 2);
  process.stdout.write(
    `${JSON.stringify({
      alpha: alpha.datasetId,
      alpha2: alpha2.versionId,
      beta: core.context.repos.datasets.version(run.versionId)?.datasetId,
      run: run.runId,
      gamma: gamma.datasetId,
    })}\n`,
  );
} finally {
  await core.close();
}
