/**
 * Test-only seeding for the grid's screen-reader test: one finished run over 100,000 items (one
 * model, one short answer each), written through core functions, never raw SQL, so Compare
 * shows a grid of 100,000 rows of which only a window is in the DOM. Run with tsx:
 * `node --import tsx a11yGridSeed.ts WORKSPACE` → prints JSON.
 */
import { join } from 'node:path';
import { createCore } from '@core/host';
import { fabricateRun } from '../../support/fabricateRun';

const GRID_ROWS = 100_000;

const [workspaceDir] = process.argv.slice(2);
if (!workspaceDir) throw new Error('usage: a11yGridSeed.ts WORKSPACE');

const key = (i: number) => `item-${String(i + 1).padStart(6, '0')}`;
const items = Array.from({ length: GRID_ROWS }, (_, i) => ({
  key: key(i),
  input: `Question ${i + 1}: how do I restart the sync client?`,
  reference: `answer ${i + 1}`,
}));
const suite = `version: 1
name: grid reader
dataset: { name: many-items }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: bot, provider: openai, model: bot-model }
`;

const core = createCore({
  workspaceDir,
  resourcesDir: join(import.meta.dirname, '../../../resources'),
  appVersion: 'e2e',
});
try {
  const { runId } = fabricateRun(core, {
    datasetName: 'many-items',
    items,
    suiteYaml: suite,
    runName: 'one hundred thousand',
    cells: items.map((item, i) => ({
      itemKey: item.key,
      modelKey: 'bot',
      output: `Answer ${i + 1}`,
      latencyMs: 200,
      inputTokens: 10,
      outputTokens: 3,
      costUsd: 0.0001,
    })),
  });
  process.stdout.write(`${JSON.stringify({ runId })}\n`);
} finally {
  await core.close();
}
