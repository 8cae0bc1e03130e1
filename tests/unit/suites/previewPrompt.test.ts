import { afterEach, describe, expect, it } from 'vitest';
import type { PromptPreview } from '@contract/index';
import type { Core } from '@core/host';
import { call, openTestCore } from '../../support/core';
import { useTempDir } from '../../support/tempDir';
import { writeDataset } from '../../integration/runner/fixtures';

const suite = `version: 1
name: preview
dataset: { name: qa }
prompts:
  - id: plain
    messages:
      - role: system
        content: 'Topic {{ metadata.topic }}, category {{category}}.'
      - role: user
        content: '{{input}} \\{{not a variable}}'
  - id: graded
    messages:
      - role: user
        content: 'Q: {{input}} A: {{reference}} ({{key}})'
models:
  - { id: m, provider: openai-compatible, base_url: 'http://127.0.0.1:9/v1', model: x }
`;

describe('suites.previewPrompt', () => {
  const tempDir = useTempDir();
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  function preview(yaml: string, itemIndex?: number) {
    core ??= openTestCore(tempDir());
    return call<PromptPreview>(core, 'suites.previewPrompt', { yaml, itemIndex });
  }

  it("renders every prompt on the chosen item with the engine's template code", async () => {
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', 5);
    const result = await preview(suite, 3);
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({
      itemIndex: 3,
      itemCount: 5,
      item: { key: 'i0003', datasetName: 'qa', version: 1, category: 'c0', reference: 'answer 3' },
    });
    expect(result.prompts).toEqual([
      {
        promptId: 'plain',
        issues: [],
        messages: [
          { role: 'system', content: 'Topic t3, category c0.' },
          { role: 'user', content: 'question number 3 {{not a variable}}' },
        ],
      },
      {
        promptId: 'graded',
        issues: [],
        messages: [{ role: 'user', content: 'Q: question number 3 A: answer 3 (i0003)' }],
      },
    ]);
  });

  it('clamps the item index to the items the suite uses', async () => {
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', 5);
    const limited = suite.replace('dataset: { name: qa }', 'dataset: { name: qa, limit: 2 }');
    const result = await preview(limited, 40);
    expect(result).toMatchObject({ itemIndex: 1, itemCount: 2, item: { key: 'i0001' } });
  });

  it('locates a broken template and still renders the other prompts', async () => {
    core = openTestCore(tempDir());
    writeDataset(core, 'qa', 2);
    const broken = suite.replace('{{reference}}', '{{answer}}');
    const result = await preview(broken);
    expect(result.prompts[0]?.messages).not.toBeNull();
    expect(result.prompts[1]).toMatchObject({ promptId: 'graded', messages: null });
    expect(result.prompts[1]?.issues[0]).toMatchObject({
      file: 'suite.yaml',
      line: broken.split('\n').findIndex((l) => l.includes('{{answer}}')) + 1,
      path: 'prompts[1].messages[0].content',
    });
    expect(result.prompts[1]?.issues[0]?.message).toContain('unknown variable {{answer}}');
  });

  it('says why nothing can be previewed: a missing dataset or an invalid structure', async () => {
    const missing = await preview(suite);
    expect(missing.item).toBeNull();
    expect(missing.issues[0]).toMatchObject({ path: 'dataset.name', line: 3 });
    expect(missing.issues[0]?.message).toContain('no dataset named "qa"');
    const invalid = await preview(suite.replace('version: 1', 'version: 2'));
    expect(invalid.item).toBeNull();
    expect(invalid.issues[0]).toMatchObject({ path: 'version', line: 1 });
  });
});
