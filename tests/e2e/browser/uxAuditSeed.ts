/**
 * Test-only seeding for the layout and formatting checks of ux-audit.spec.ts, through core
 * functions: a baseline and a candidate run of two models over 24 tickets in six categories (as
 * many as the bundled example has), scored by the real scoring engine with a pass/fail scorer
 * and a continuous one (token F1, whose values have long decimal expansions).
 * Run with tsx: `node --import tsx uxAuditSeed.ts WORKSPACE` → prints JSON.
 */
import { join } from 'node:path';
import { createCore } from '@core/host';
import { scoreRun } from '@core/scoring/index';
import { fabricateRun } from '../../support/fabricateRun';

const [workspaceDir] = process.argv.slice(2);
if (!workspaceDir) throw new Error('usage: uxAuditSeed.ts WORKSPACE');

const auditCategories = [
  'account_access',
  'billing',
  'bug_report',
  'cancellation',
  'feature_request',
  'how_to',
];
const items = Array.from({ length: 24 }, (_, i) => ({
  key: `T${String(i + 1).padStart(4, '0')}`,
  input: `Ticket ${i + 1}: my files on device ${i + 1} do not sync since the last update.`,
  reference: `Restart the sync client on device ${i + 1} and sign in again.`,
  category: auditCategories[i % auditCategories.length] as string,
}));
const suite = `version: 1
name: ux audit
dataset: { name: audit-tickets }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: openai-mini, provider: openai, model: mini }
  - { id: anthropic-haiku, provider: openai, model: haiku }
scorers:
  - { id: exact, type: exact-match }
  - { id: overlap, type: token-f1 }
`;

const core = createCore({
  workspaceDir,
  resourcesDir: join(import.meta.dirname, '../../../resources'),
  appVersion: 'e2e',
});
try {
  const answer = (model: string, i: number) =>
    model === 'openai-mini' && i !== 0
      ? items[i]!.reference
      : `Please restart device ${i + 1}; if that fails, write to us again.`;
  const run = (runName: string, startedAtMs: number) =>
    fabricateRun(core, {
      datasetName: 'audit-tickets',
      items,
      suiteYaml: suite,
      runName,
      startedAtMs,
      cells: ['openai-mini', 'anthropic-haiku'].flatMap((model) =>
        items.map((item, i) => ({
          itemKey: item.key,
          modelKey: model,
          output: answer(model, i),
          latencyMs: 200 + ((i * 37) % 150),
          inputTokens: 30,
          outputTokens: 14,
          costUsd: model === 'openai-mini' ? 0.0002 : 0.0009,
        })),
      ),
    }).runId;
  const baselineRunId = run(
    'support triage 2026-01-10 09:00 (baseline)',
    Date.parse('2026-01-10T09:00:00Z'),
  );
  const runId = run(
    'support triage 2026-02-10 09:00 (candidate)',
    Date.parse('2026-02-10T09:00:00Z'),
  );
  await scoreRun(core.context, baselineRunId);
  await scoreRun(core.context, runId);
  process.stdout.write(`${JSON.stringify({ runId, baselineRunId })}\n`);
} finally {
  await core.close();
}
