import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '@core/suites/issues';
import { parseSuite } from '@core/suites/parse';
import { resourcesDir } from '../../support/core';

const example = readFileSync(join(resourcesDir, 'examples/support/suite.yaml'), 'utf8');

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('suite parsing (structure)', () => {
  it('accepts the example suite and fills defaults', () => {
    const result = parseSuite(example, 'suite.yaml');
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(result.suite.dataset).toEqual({ name: 'support-tickets', version: 'latest' });
    expect(result.suite.repeats).toBe(1);
    expect(result.suite.run).toMatchObject({
      concurrency: 1,
      retries: 3,
      cache: true,
      shuffle: true,
    });
    expect(result.suite.criteria[0]).toMatchObject({
      metric: 'label.pass_rate',
      weight: 3,
      gate: true,
    });
  });

  it('refuses an unknown key with the file, line, column and field', () => {
    const text = example.replace(
      '    model: default\n',
      '    model: default\n    temprature: 0.3\n',
    );
    const result = parseSuite(text, 'suites/support.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      {
        file: 'suites/support.yaml',
        line: lineOf(text, 'temprature'),
        column: 5,
        path: 'models[0].temprature',
        message: 'unknown key "temprature"',
      },
    ]);
    expect(formatIssue(result.issues[0]!)).toBe(
      `suites/support.yaml:${lineOf(text, 'temprature')}:5: models[0].temprature: unknown key "temprature"`,
    );
  });

  it('refuses a bad value at the value', () => {
    const text = example.replace('  temperature: 0\n', '  temperature: hot\n');
    const result = parseSuite(text, 'suite.yaml');
    if (result.ok) throw new Error('accepted');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({
      line: lineOf(text, 'temperature: hot'),
      column: 16,
      path: 'params.temperature',
    });
    expect(result.issues[0]?.message).toMatch(/expected number/);
  });

  it('refuses an out-of-range value and names the limit', () => {
    const text = example.replace('  temperature: 0\n', '  temperature: 3\n');
    const result = parseSuite(text, 'suite.yaml');
    if (result.ok) throw new Error('accepted');
    expect(result.issues[0]).toMatchObject({
      path: 'params.temperature',
      line: lineOf(text, 'temperature: 3'),
    });
    expect(result.issues[0]?.message).toMatch(/2/);
  });

  it('refuses a missing dataset section, pointing at the document', () => {
    const text = example.replace(/dataset:\n {2}name: support-tickets\n {2}version: latest\n/, '');
    const result = parseSuite(text, 'suite.yaml');
    if (result.ok) throw new Error('accepted');
    expect(result.issues).toEqual([
      expect.objectContaining({ path: 'dataset', message: 'required field "dataset" is missing' }),
    ]);
    expect(result.issues[0]?.line).toBeGreaterThan(0);
  });

  it('refuses a missing required field inside an entry at that entry', () => {
    const text = example.replace('    model: default\n', '');
    const result = parseSuite(text, 'suite.yaml');
    if (result.ok) throw new Error('accepted');
    expect(result.issues).toEqual([
      expect.objectContaining({
        path: 'models[0].model',
        line: lineOf(text, '- id: local'),
        message: 'required field "model" is missing',
      }),
    ]);
  });

  it('refuses duplicate ids', () => {
    const text = example.replace('  - id: label\n', '  - id: valid-json\n');
    const result = parseSuite(text, 'suite.yaml');
    if (result.ok) throw new Error('accepted');
    expect(result.issues[0]).toMatchObject({
      path: 'scorers[1].id',
      message: 'duplicate id "valid-json" in scorers',
    });
  });

  it('reports YAML syntax errors and duplicate keys with their position', () => {
    const broken = parseSuite('version: 1\nname: [unclosed\nmodels: 2\n', 'bad.yaml');
    if (broken.ok) throw new Error('accepted');
    expect(broken.issues[0]).toMatchObject({ file: 'bad.yaml', path: '' });
    expect(broken.issues[0]?.line).toBeGreaterThan(0);
    const duplicate = parseSuite('version: 1\nversion: 1\n', 'dup.yaml');
    if (duplicate.ok) throw new Error('accepted');
    expect(duplicate.issues[0]).toMatchObject({
      line: 2,
      column: 1,
      message: 'Map keys must be unique',
    });
  });

  it('refuses an empty file', () => {
    const result = parseSuite('# nothing\n', 'empty.yaml');
    if (result.ok) throw new Error('accepted');
    expect(result.issues[0]?.message).toBe('the suite file is empty');
  });
});
