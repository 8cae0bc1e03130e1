import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { DatasetShape } from '@core/suites/datasetShape';
import { scaffoldSuite } from '@core/suites/scaffold';

/** A version whose items all have a reference, a category and two metadata fields. */
const shape: DatasetShape = {
  versionId: 'dsv_1',
  datasetName: 'tickets',
  version: 2,
  itemCount: 3,
  inputFormat: 'text',
  hasReference: true,
  hasPartialReference: false,
  hasCategory: true,
  referenceKind: 'short-text',
  letters: null,
  metadata: [
    { name: 'context', isEverywhere: true, isScalarEverywhere: true, isAddressable: true },
    { name: 'source', isEverywhere: true, isScalarEverywhere: true, isAddressable: true },
    { name: 'notes', isEverywhere: false, isScalarEverywhere: false, isAddressable: true },
  ],
  hasCodeTests: false,
};

function headerOf(yaml: string): string {
  return parseDocument(yaml).commentBefore ?? '';
}

describe('the comment at the top of a scaffolded suite', () => {
  const yaml = scaffoldSuite(
    shape,
    { name: 'triage', models: [{ provider: 'openai', model: 'gpt-4o-mini' }], scorers: [] },
    (provider) => provider,
  );
  const header = headerOf(yaml);

  it('lists every variable each item has a value for, those the prompt uses included', () => {
    const at = header.indexOf('Variables every item has a value for');
    expect(at).toBeGreaterThan(-1);
    // The list is the indented lines right under its heading.
    const after = header.slice(at).split('\n').slice(1);
    const end = after.findIndex((line) => !line.startsWith('   '));
    const listed = after
      .slice(0, end === -1 ? after.length : end)
      .flatMap((line) => line.trim().split(/,\s*/))
      .filter(Boolean);
    // The prompt uses input and metadata.context; the list still names them.
    expect(yaml).toContain('{{input}}');
    expect(yaml).toContain('{{metadata.context}}');
    expect(listed).toEqual([
      'input',
      'key',
      'reference',
      'category',
      'metadata.context',
      'metadata.source',
    ]);
  });

  it('keeps what some items lack apart', () => {
    expect(header).toContain('Missing in some items (a prompt using them would not validate):');
    expect(header).toMatch(/Missing in some items[^\n]*\n\s+metadata\.notes/);
  });
});
