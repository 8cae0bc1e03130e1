import { afterEach, describe, expect, it } from 'vitest';
import type { FailureModeCounts } from '@contract/routes/failureModes';
import type { GridPage } from '@contract/routes/results';
import type { Core } from '@core/host';
import { call, openTestCore } from '../../support/core';
import { fabricateRun, type FabricatedCell, type FabricatedItem } from '../../support/fabricateRun';
import { useTempDir } from '../../support/tempDir';

const items: FabricatedItem[] = Array.from({ length: 4 }, (_, i) => ({
  key: `Q${i}`,
  input: `question ${i}`,
}));

const suite = `version: 1
name: counts
dataset: { name: counts-items }
prompts:
  - id: p1
    messages: [{ role: user, content: 'Q: {{input}}' }]
  - id: p2
    messages: [{ role: user, content: 'Question: {{input}}' }]
models:
  - { id: alpha, provider: openai, model: m1 }
  - { id: Beta, provider: openai, model: m2 }
  - { id: gamma, provider: openai, model: m3 }
`;

/** One answered cell per item, model and prompt. */
function cells(models: string[], prompts: string[]): FabricatedCell[] {
  return models.flatMap((modelKey) =>
    prompts.flatMap((promptKey) =>
      items.map((item) => ({
        itemKey: item.key,
        modelKey,
        promptKey,
        output: `answer ${item.key}`,
      })),
    ),
  );
}

describe('failureModes.counts', () => {
  const tempDir = useTempDir();
  let core: Core;
  afterEach(async () => core?.close());

  const run = (models: string[], prompts: string[], runName: string) =>
    fabricateRun(core, {
      datasetName: 'counts-items',
      items,
      suiteYaml: suite,
      runName,
      cells: cells(models, prompts),
    });
  const grid = (input: Record<string, unknown>) => call<GridPage>(core, 'results.grid', input);
  const counts = (input: Record<string, unknown>) =>
    call<FailureModeCounts>(core, 'failureModes.counts', input);
  const mode = (name: string) =>
    call<{ id: string }>(core, 'labeling.addFailureMode', { name }).then((m) => m.id);
  const tag = (cellId: string, failureModeIds: string[]) =>
    call(core, 'failureModes.tagCell', { cellId, failureModeIds });
  /** The cell of a column on a row of the grid answer. */
  const cellOf = (page: GridPage, row: number, columnId: string) =>
    page.rows[row]!.cells[columnId]!.cellId;
  /** The grid's columns as the counts name them, in the grid's order. */
  const gridColumns = (page: GridPage) => page.columns.map((c) => [c.id, c.label]);
  const countColumns = (answer: FailureModeCounts) =>
    answer.columns.map((c) => [c.columnId, c.label]);

  it('lists every model column of the grid, an untagged one with taggedOutputs 0', async () => {
    core = openTestCore(tempDir());
    const { runId } = run(['alpha', 'Beta', 'gamma'], ['p1'], 'one');
    const vague = await mode('vague');
    const wrong = await mode('wrong');
    const page = await grid({ runId });
    await tag(cellOf(page, 0, 'alpha'), [vague, wrong]);
    await tag(cellOf(page, 1, 'alpha'), [vague]);
    await tag(cellOf(page, 2, 'Beta'), [wrong]);

    const answer = await counts({ runId });
    // Same ids, labels and order as the grid (code-unit order: "Beta" before "alpha").
    expect(countColumns(answer)).toEqual(gridColumns(page));
    expect(answer.columns).toEqual([
      { columnId: 'Beta', label: 'Beta', taggedOutputs: 1, counts: { [wrong]: 1 } },
      { columnId: 'alpha', label: 'alpha', taggedOutputs: 2, counts: { [vague]: 2, [wrong]: 1 } },
      { columnId: 'gamma', label: 'gamma', taggedOutputs: 0, counts: {} },
    ]);
    expect(answer.modes.map((m) => [m.name, m.total])).toEqual([
      ['vague', 2],
      ['wrong', 2],
    ]);
  });

  it('lists every prompt-variant column when columns are by prompt', async () => {
    core = openTestCore(tempDir());
    const { runId } = run(['alpha', 'Beta'], ['p1', 'p2'], 'prompts');
    const vague = await mode('vague');
    const page = await grid({ runId, columnsBy: 'prompt' });
    // Rows by prompt are item × model; both of its outputs under p2 are tagged.
    await tag(cellOf(page, 0, 'p2'), [vague]);
    await tag(cellOf(page, 1, 'p2'), [vague]);

    const answer = await counts({ runId, columnsBy: 'prompt' });
    expect(countColumns(answer)).toEqual(gridColumns(page));
    expect(answer.columns).toEqual([
      { columnId: 'p1', label: 'p1', taggedOutputs: 0, counts: {} },
      { columnId: 'p2', label: 'p2', taggedOutputs: 2, counts: { [vague]: 2 } },
    ]);
  });

  it('lists the baseline and candidate columns of two runs, as the grid names them', async () => {
    core = openTestCore(tempDir());
    // The baseline ran a model the candidate no longer runs: its column is there too.
    const baseline = run(['alpha', 'gamma'], ['p1'], 'baseline');
    const candidate = run(['alpha', 'Beta'], ['p1'], 'candidate');
    const vague = await mode('vague');
    const input = { runId: candidate.runId, baselineRunId: baseline.runId };
    const page = await grid(input);
    await tag(cellOf(page, 0, 'candidate:alpha'), [vague]);
    await tag(cellOf(page, 3, 'baseline:gamma'), [vague]);

    const answer = await counts(input);
    expect(countColumns(answer)).toEqual(gridColumns(page));
    expect(answer.columns).toEqual([
      {
        columnId: 'baseline:alpha',
        label: 'alpha — baseline run',
        taggedOutputs: 0,
        counts: {},
      },
      {
        columnId: 'baseline:gamma',
        label: 'gamma — baseline run',
        taggedOutputs: 1,
        counts: { [vague]: 1 },
      },
      { columnId: 'candidate:Beta', label: 'Beta — candidate run', taggedOutputs: 0, counts: {} },
      {
        columnId: 'candidate:alpha',
        label: 'alpha — candidate run',
        taggedOutputs: 1,
        counts: { [vague]: 1 },
      },
    ]);
    expect(answer.modes.map((m) => m.total)).toEqual([2]);
    // Untagging takes the column back to "nothing tagged", still listed.
    await tag(cellOf(page, 3, 'baseline:gamma'), []);
    const after = await counts(input);
    expect(after.columns.map((c) => [c.columnId, c.taggedOutputs])).toEqual([
      ['baseline:alpha', 0],
      ['baseline:gamma', 0],
      ['candidate:Beta', 0],
      ['candidate:alpha', 1],
    ]);
  });

  it('lists the columns of a run nobody has tagged, each with nothing counted', async () => {
    core = openTestCore(tempDir());
    const { runId } = run(['alpha', 'gamma'], ['p1'], 'untagged');
    await mode('vague');
    const answer = await counts({ runId });
    expect(countColumns(answer)).toEqual(gridColumns(await grid({ runId })));
    expect(answer.columns).toEqual([
      { columnId: 'alpha', label: 'alpha', taggedOutputs: 0, counts: {} },
      { columnId: 'gamma', label: 'gamma', taggedOutputs: 0, counts: {} },
    ]);
    expect(answer.modes.map((m) => [m.name, m.total])).toEqual([['vague', 0]]);
  });
});
