/**
 * Test-only seeding for the Compare end-to-end test, through core functions (never raw SQL):
 * a baseline and a candidate run of one support bot over the same 8 items, both scored by the
 * real scoring engine (exact match against the reference). The candidate regresses on two
 * items. A failure mode exists to tag. Run with tsx:
 * `node --import tsx compareSeed.ts WORKSPACE` → prints JSON.
 */
import { join } from 'node:path';
import { createCore } from '@core/host';
import { addFailureMode } from '@core/labeling/people';
import { scoreRun } from '@core/scoring/index';
import { fabricateRun } from '../../support/fabricateRun';

const [workspaceDir] = process.argv.slice(2);
if (!workspaceDir) throw new Error('usage: compareSeed.ts WORKSPACE');

const items = Array.from({ length: 8 }, (_, i) => ({
  key: `ticket-${i + 1}`,
  input: `Ticket ${i + 1}: the sync client on device ${i + 1} stopped syncing. What should I do?`,
  reference: `Restart the sync client on device ${i + 1}.`,
  category: i % 2 === 0 ? 'sync' : 'account',
}));
const regressed = new Set([2, 5]);
const suite = `version: 1
name: support bot
dataset: { name: support-tickets }
prompts:
  - id: p1
    messages: [{ role: system, content: 'You are a support agent.' }, { role: user, content: '{{input}}' }]
models:
  - { id: bot, provider: openai, model: bot-model }
scorers:
  - id: exact
    type: exact-match
`;

const core = createCore({
  workspaceDir,
  resourcesDir: join(import.meta.dirname, '../../../resources'),
  appVersion: 'e2e',
});
try {
  // The candidate is made a minute after the baseline, as real runs are: lists show the newest
  // first, and two runs with one created_at would be ordered by their ids' random part.
  const run = (name: string, startedAt: string, answer: (i: number) => string) =>
    fabricateRun(core, {
      startedAtMs: Date.parse(startedAt),
      datasetName: 'support-tickets',
      items,
      suiteYaml: suite,
      runName: name,
      cells: items.map((item, i) => ({
        itemKey: item.key,
        modelKey: 'bot',
        output: answer(i),
        latencyMs: 300 + i * 10,
        inputTokens: 40,
        outputTokens: 12,
        costUsd: 0.0004,
      })),
    });
  const baseline = run('baseline v1', '2026-01-01T00:00:00Z', (i) => items[i]!.reference);
  const candidate = run('candidate v2', '2026-01-01T00:01:00Z', (i) =>
    regressed.has(i)
      ? `I am not sure what happened to device ${i + 1}. Please contact support.`
      : items[i]!.reference,
  );
  await scoreRun(core.context, baseline.runId);
  await scoreRun(core.context, candidate.runId);
  addFailureMode(core.context, 'vague answer', 'says nothing the user can act on');
  process.stdout.write(
    `${JSON.stringify({ baselineRunId: baseline.runId, candidateRunId: candidate.runId })}\n`,
  );
} finally {
  await core.close();
}
