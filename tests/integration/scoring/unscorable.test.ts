/**
 * A scorer that can score no output (here: chrF on a JSON field of answers that are not JSON,
 * what a tiny local model does in the demo) says why in the summary, not "only 0 items".
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunScoreSummary } from '@contract/routes/scoring';
import type { Core } from '@core/host';
import { scoreRun } from '@core/scoring/index';
import { call, openTestCore } from '../../support/core';
import { fabricateRun } from '../../support/fabricateRun';
import { useTempDir } from '../../support/tempDir';

const suite = `version: 1
name: replies
dataset: { name: tickets }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: tiny, provider: openai, model: m }
scorers:
  - id: reply-chrf
    type: chrf
    field: reply
  - id: similar
    type: chrf
`;

describe('a scorer that could score no output', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  it('names the errors in its warning; a scorer with values keeps the sample-size warning', async () => {
    core = openTestCore(tempDir());
    const items = Array.from({ length: 12 }, (_, i) => ({
      key: `T${i}`,
      input: `ticket ${i}`,
      reference: 'Thanks, we are on it.',
    }));
    const run = fabricateRun(core, {
      datasetName: 'tickets',
      items,
      suiteYaml: suite,
      cells: items.map((item) => ({
        itemKey: item.key,
        modelKey: 'tiny',
        output: 'Once upon a time',
      })),
    });
    await scoreRun(core.context, run.runId);
    const summary = await call<RunScoreSummary>(core, 'scoring.summary', { runId: run.runId });
    const scorers = summary.models[0]!.scorers;
    const chrf = scorers.find((s) => s.scorerKey === 'reply-chrf')!;
    expect(chrf).toMatchObject({ n: 0, errors: 12, mean: null });
    expect(chrf.warning).toMatch(
      /^no output could be scored: 12 errors, e\.g\. field "reply": not JSON/,
    );
    const similar = scorers.find((s) => s.scorerKey === 'similar')!;
    expect(similar.n).toBe(12);
    expect(similar.warning).toMatch(/only 12 items: the interval is wide/);
  });
});
