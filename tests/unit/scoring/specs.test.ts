import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScoringSections, resolveScorers } from '@core/scoring/specs';
import { validateCriteriaSpecs, validateScorerSpecs } from '@core/suites/scoringHooks';
import type { ScorerSpec } from '@core/suites/schema';
import { resourcesDir } from '../../support/core';

function collect() {
  const issues: Array<{ path: string; message: string }> = [];
  return {
    issues,
    report: (path: ReadonlyArray<string | number>, message: string) =>
      issues.push({ path: path.join('.'), message }),
  };
}

describe('scorer specs against the registry', () => {
  it("accepts the example suite's scorers and criteria", () => {
    const text = readFileSync(join(resourcesDir, 'examples', 'support', 'suite.yaml'), 'utf8');
    const read = readScoringSections(text, 'suite.yaml');
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    const { issues, report } = collect();
    validateScorerSpecs(read.sections.scorers, report);
    validateCriteriaSpecs(read.sections.criteria, read.sections.scorers, report);
    expect(issues).toEqual([]);
  });

  it('reports unknown types, bad configs and unknown peers at their field paths', () => {
    const specs: ScorerSpec[] = [
      { id: 'a', type: 'exact_match' },
      { id: 'b', type: 'rouge', config: { variant: 'rouge9', extra: 1 } },
      { id: 'c', type: 'consistency', config: { compare: 'scorer', scorer: 'missing' } },
    ];
    const { issues, report } = collect();
    validateScorerSpecs(specs, report);
    expect(issues.map((i) => i.path)).toEqual([
      'scorers.0.type',
      'scorers.1.config.variant',
      'scorers.1.config',
      'scorers.2.config.scorer',
    ]);
    expect(issues[0]!.message).toMatch(
      /unknown scorer type "exact_match"; known types: .*exact-match/,
    );
    expect(issues[2]!.message).toMatch(/unknown key\(s\) "extra"/);
    expect(issues[3]!.message).toBe('no scorer "missing" in this suite');
  });

  it('hashes the parsed config, so defaults written out or left implicit score the same', () => {
    const [implicit] = resolveScorers([{ id: 'r', type: 'rouge' }], () => undefined);
    const [explicit] = resolveScorers(
      [{ id: 'r', type: 'rouge', config: { variant: 'rougeL', measure: 'fmeasure' } }],
      () => undefined,
    );
    const [other] = resolveScorers(
      [{ id: 'r', type: 'rouge', config: { variant: 'rouge1' } }],
      () => undefined,
    );
    expect(implicit!.configHash).toBe(explicit!.configHash);
    expect(other!.configHash).not.toBe(implicit!.configHash);
  });

  it('checks criteria metrics and bounds', () => {
    const { issues, report } = collect();
    validateCriteriaSpecs(
      [
        { metric: 'label.pass_rate', acceptable: { min: 80 }, weight: 1, gate: true },
        { metric: 'latency.p95', acceptable: { max: 1000 }, weight: 1, gate: false },
        { metric: 'cost.total_usd', weight: 1, gate: true },
      ],
      [{ id: 'label', type: 'exact-match' }],
      report,
    );
    expect(issues).toEqual([
      {
        path: 'criteria.0.acceptable.min',
        message: 'label.pass_rate is a proportion: use a value between 0 and 1',
      },
      {
        path: 'criteria.1.metric',
        message: expect.stringMatching(/"latency.p95" is not a metric/) as string,
      },
      { path: 'criteria.2', message: 'give an acceptable and/or ideal range' },
      { path: 'criteria.2.acceptable', message: 'a hard gate needs an acceptable range' },
    ]);
  });
});
