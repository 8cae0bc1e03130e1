import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExternalLabels, readExternalLabels } from '@core/labels/externalImport';
import { labelsToMatrix } from '@core/labels/toMatrix';
import { formatProblem, LabelImportError, type ImportProblem } from '@core/labels/types';
import { repoRoot, sharedDir } from '../../support/core';

const fixtures = join(repoRoot, 'tests/fixtures/agreement/labels');
/** An asymmetric matcher typed as the string it stands for. */
const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;
const at = (problems: ImportProblem[], line: number | null) =>
  problems.filter((p) => p.line === line);

describe('long-form CSV', () => {
  it('reads labels with notes and order, and reports each bad row with file, line and field', async () => {
    const file = join(fixtures, 'long-with-problems.csv');
    const set = await readExternalLabels(file);
    expect(set.format).toBe('csv');
    expect(set.shape).toBe('long');
    expect(set.labels.map((l) => `${l.itemId}/${l.source}=${l.label}`)).toEqual([
      'q1/ana=good',
      'q1/ben=good',
      'q2/ana=bad',
      'q2/ben=ok',
      'q3/ana=ok',
      'q4/ana=good',
      'q4/ben=good',
    ]);
    // A note with a comma and a line break survives; the row after it is on line 6.
    expect(set.labels[2]?.note).toBe('wrong unit:\nsays km, means miles');
    expect(set.labels[3]?.line).toBe(6);
    expect(set.labels[0]?.order).toBe(Date.parse('2024-05-01T10:00:00Z'));
    expect(at(set.problems, 9)).toMatchObject([
      {
        field: 'rater',
        severity: 'error',
        message: matching(/no rater/),
      },
    ]);
    expect(at(set.problems, 10)).toMatchObject([
      {
        severity: 'warning',
        message: matching(/repeats.*line 4/),
      },
    ]);
    expect(at(set.problems, 11)).toMatchObject([
      {
        field: 'label',
        severity: 'error',
        message: matching(/already has label "ok".*line 6/),
      },
    ]);
    expect(at(set.problems, 12)).toMatchObject([{ field: 'labelled_at', severity: 'warning' }]);
    expect(at(set.problems, 13)).toMatchObject([
      {
        severity: 'error',
        message: matching(/expected 5 fields.*found 3/),
      },
    ]);
    expect(formatProblem(at(set.problems, 11)[0] as ImportProblem)).toBe(
      `${file}:11: label: item "q2" already has label "ok" by "ben" (line 6); "good" skipped`,
    );
    // "NA" is a missing label, not a category.
    expect(set.labels.some((l) => l.label === 'NA')).toBe(false);
  });

  it('codes the labels into a units × raters matrix with the order kept', async () => {
    const set = await readExternalLabels(join(fixtures, 'long-with-problems.csv'));
    const { matrix, coding } = labelsToMatrix(set.labels, {
      level: 'ordinal',
      scale: ['bad', 'ok', 'good'],
    });
    expect(coding.labels).toEqual(['bad', 'ok', 'good']);
    expect(matrix.unitIds).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(matrix.raterIds).toEqual(['ana', 'ben']);
    expect(matrix.values).toEqual([
      [2, 2],
      [0, 1],
      [1, null],
      [2, 2],
    ]);
    expect(matrix.order?.[0]?.[1]).toBe(Date.parse('2024-05-01T10:05:00Z'));
  });
});

describe('wide form', () => {
  it('reads a TSV with one column per annotator; empty cells are missing', async () => {
    const set = await readExternalLabels(join(fixtures, 'wide.tsv'));
    expect(set.shape).toBe('wide');
    expect(set.sources).toEqual(['annotator_1', 'annotator_2', 'annotator_3']);
    expect(set.labels).toHaveLength(11);
    expect(set.items.get('2')).toEqual({ response: 'another' });
  });

  it('keys items without ids by a content hash, stable across files (LLMBar)', async () => {
    const file = join(sharedDir, 'data/llmbar/LLMBar/Natural/dataset.json');
    const set = await readExternalLabels(file);
    expect(set.sources).toEqual(['label']);
    expect(set.labels).toHaveLength(100);
    expect(set.labels.filter((l) => l.label === '1')).toHaveLength(42);
    expect(set.labels[0]?.itemId).toMatch(/^h:[0-9a-f]{16}$/);
    expect(set.problems).toMatchObject([
      {
        severity: 'warning',
        message: matching(/hash of input, output_1, output_2/),
      },
    ]);
    const again = await readExternalLabels(file, { itemFrom: ['input', 'output_1', 'output_2'] });
    expect(again.labels[0]?.itemId).toBe(set.labels[0]?.itemId);
  });

  it("pairs a judge's verdict column with its reasoning column (PandaLM's gpt_result / gpt_reason)", async () => {
    const set = await readExternalLabels(
      join(sharedDir, 'data/pandalm-testset/gpt-3.5-turbo-testset-v1.json'),
      { labelMap: { Tie: '0' } },
    );
    expect(set.sources).toEqual(['gpt_result']);
    expect(set.labels[0]?.note).toMatch(/^Response 1 is better/);
    expect(new Set(set.labels.map((l) => l.label))).toEqual(new Set(['0', '1', '2', 'garbage']));
  });
});

describe('JSON and JSONL', () => {
  it('JSONL: verdicts in both orders; bad lines reported and skipped', async () => {
    const set = await readExternalLabels(join(fixtures, 'labels.jsonl'));
    expect(set.labels.map((l) => [l.itemId, l.label, l.isSwapped])).toEqual([
      ['a', 'A', false],
      ['a', 'A', true],
      ['b', 'tie', false],
      ['b', 'tie', true],
      ['d', 'B', false],
    ]);
    expect(set.labels[0]?.note).toBe('A cites the source');
    expect(at(set.problems, 5)).toMatchObject([
      { field: 'verdict', message: matching(/found an object/) },
    ]);
    expect(at(set.problems, 6)).toMatchObject([
      { severity: 'error', message: matching(/not valid JSON/) },
    ]);
    expect(at(set.problems, 7)).toMatchObject([{ field: 'swapped', severity: 'warning' }]);
  });

  it('a JSON syntax error names the line', () => {
    const broken =
      '[\n  {"idx": 1, "annotator1": 1},\n  {"idx": 2, "annotator1": 1 "annotator2": 2}\n]\n';
    const error = (() => {
      try {
        return parseExternalLabels(broken, 'bad.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LabelImportError);
    expect((error as LabelImportError).problems[0]).toMatchObject({ line: 3, severity: 'error' });
  });

  it('refuses unknown formats, missing files, absent columns and files without labels', async () => {
    expect(() => parseExternalLabels('x', 'labels.xlsx')).toThrow(/unknown file type/);
    await expect(readExternalLabels(join(fixtures, 'nope.csv'))).rejects.toThrow(/ENOENT/);
    expect(() =>
      parseExternalLabels('item,rater,label\n1,a,x\n', 'f.csv', { itemColumn: 'id' }),
    ).toThrow(/no column "id"/);
    expect(() => parseExternalLabels('item,rater,label\n1,a,\n', 'f.csv')).toThrow(
      /no usable labels/,
    );
    expect(() => parseExternalLabels('item,rater,label\n', 'f.csv')).toThrow(/no usable labels/);
    expect(() => parseExternalLabels('a,a\n1,2\n', 'f.csv')).toThrow(/appears twice/);
    expect(() => parseExternalLabels('id,text\n1,hello\n', 'f.csv')).toThrow(/no label columns/);
  });
});

describe('Label Studio export', () => {
  it('reads annotations as people and predictions as the judge, with notes and times', async () => {
    const set = await readExternalLabels(join(fixtures, 'label-studio-export.json'));
    expect(set.format).toBe('label-studio');
    expect(set.labels.map((l) => `${l.itemId}/${l.source}/${l.kind}=${l.label}`)).toEqual([
      '101/7/human=good',
      '101/rita@example.org/human=good',
      '101/judge-v2/judge=ok',
      '102/7/human=bad',
      '103/rita@example.org/human=ok',
    ]);
    expect(set.labels[0]?.note).toBe('concise');
    expect(set.labels[0]?.order).toBe(Date.parse('2024-06-01T09:00:00Z'));
    expect(set.items.get('102')).toMatchObject({ prompt: 'Translate to French' });
    // The export says who is who: a file-wide default kind does not turn predictions into people.
    const asHumanFile = await readExternalLabels(join(fixtures, 'label-studio-export.json'), {
      kind: 'human',
    });
    expect(asHumanFile.labels.find((l) => l.source === 'judge-v2')?.kind).toBe('judge');
    expect(() => parseExternalLabels('[]', 'x.json', { format: 'label-studio' })).toThrow(
      /no usable labels|no choices/,
    );
  });
});

describe('Argilla exports', () => {
  it('Argilla 2 records: submitted responses are people, suggestions the agent; drafts skipped', async () => {
    const set = await readExternalLabels(join(fixtures, 'argilla-v2.json'));
    expect(set.format).toBe('argilla');
    expect(set.labels.map((l) => `${l.itemId}/${l.source}/${l.kind}=${l.label}`)).toEqual([
      'rec-1/u-ana/human=5',
      'rec-1/u-ben/human=4',
      'rec-1/gpt-4o/judge=5',
      'rec-2/u-ana/human=1',
      'rec-2/gpt-4o/judge=3',
    ]);
    expect(set.items.get('rec-2')).toMatchObject({ response: 'Quito', model: 'mistral-7b' });
  });

  it('Argilla 1 FeedbackDataset records need the question when there are several', async () => {
    const file = join(fixtures, 'argilla-v1.json');
    await expect(readExternalLabels(file)).rejects.toThrow(
      /several questions \(sentiment, topic\)/,
    );
    const set = await readExternalLabels(file, { question: 'sentiment' });
    expect(set.labels.map((l) => `${l.itemId}/${l.source}=${l.label}`)).toEqual([
      't1/0c5a=positive',
      't1/distilbert=positive',
      't2/0c5a=negative',
      't2/41be=neutral',
      't2/distilbert=negative',
    ]);
  });
});
