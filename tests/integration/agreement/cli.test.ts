/**
 * `yardstick agreement` and `yardstick calibrate` as a user runs them: a child process on the
 * real files, one JSON object on stdout with --json, problems on stderr as file:line: field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finished, spawnTs } from '../../support/spawnTs';
import { repoRoot, sharedDir } from '../../support/core';
import { useTempDir } from '../../support/tempDir';

const pandalm = join(sharedDir, 'data/pandalm-testset');
const fixtures = join(repoRoot, 'tests/fixtures/agreement');
const reference = JSON.parse(readFileSync(join(fixtures, 'reference.json'), 'utf8')) as {
  pandalm: {
    nominalAlpha: number;
    nominalFleiss: { kappa: number };
    gpt35VsMajority: { agreement: number; cohen: number };
  };
};

function yardstick(args: string[]) {
  return finished(spawnTs('src-main/cli/main.ts', args));
}

// Each case starts the CLI under tsx in a child process (about 2 s on this machine).
const childProcess = { timeout: 30_000 };

describe('yardstick agreement', () => {
  const tempDir = useTempDir();

  it(
    'prints one JSON object with the statistics of PandaLM’s three annotators',
    childProcess,
    async () => {
      const { code, stdout, stderr } = await yardstick([
        'agreement',
        join(pandalm, 'testset-v1.json'),
        '--json',
        '--resamples',
        '500',
      ]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(1);
      const report = JSON.parse(stdout) as {
        format: string;
        units: number;
        raters: string[];
        krippendorff: { alpha: number; interval: { low: number; high: number; resamples: number } };
        fleiss: { kappa: number };
        pairs: { cohen: { kappa: number } }[];
        problems: unknown[];
      };
      expect(report.units).toBe(999);
      expect(report.raters).toEqual(['annotator1', 'annotator2', 'annotator3']);
      expect(Math.abs(report.krippendorff.alpha - reference.pandalm.nominalAlpha)).toBeLessThan(
        1e-6,
      );
      expect(Math.abs(report.fleiss.kappa - reference.pandalm.nominalFleiss.kappa)).toBeLessThan(
        1e-6,
      );
      expect(report.krippendorff.interval.resamples).toBe(500);
      expect(report.krippendorff.interval.low).toBeLessThan(report.krippendorff.alpha);
      expect(report.pairs.map((p) => p.cohen.kappa.toFixed(3))).toEqual([
        '0.852',
        '0.879',
        '0.862',
      ]);
      expect(report.problems).toEqual([]);
    },
  );

  it(
    'reports bad rows as file:line: field on stderr and in the JSON, and still computes',
    childProcess,
    async () => {
      const file = join(fixtures, 'labels/long-with-problems.csv');
      const { code, stdout, stderr } = await yardstick([
        'agreement',
        file,
        '--level',
        'ordinal',
        '--scale',
        'bad,ok,good',
        '--json',
      ]);
      expect(code).toBe(0);
      expect(stderr).toContain(`${file}:11: label: item "q2" already has label "ok"`);
      expect(stderr).toContain(`${file}:13: expected 5 fields`);
      const report = JSON.parse(stdout) as {
        units: number;
        problems: { line: number }[];
        labels: string[];
      };
      expect(report.units).toBe(4);
      expect(report.labels).toEqual(['bad', 'ok', 'good']);
      expect(report.problems.map((p) => p.line)).toContain(11);
    },
  );

  it(
    'refuses a broken file with its line, and bad options with the usage exit code',
    childProcess,
    async () => {
      const file = join(tempDir(), 'bad.json');
      writeFileSync(
        file,
        '[\n  {"idx": 1, "annotator1": 1},\n  {"idx": 2, "annotator1": 1 "annotator2": 2}\n]\n',
      );
      const broken = await yardstick(['agreement', file]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/bad\.json:3: not valid JSON/);
      const usage = await yardstick([
        'agreement',
        join(pandalm, 'testset-v1.json'),
        '--level',
        'fuzzy',
      ]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/--level must be one of nominal, ordinal, interval, ratio/);
      const unordered = await yardstick([
        'agreement',
        join(fixtures, 'labels/long-with-problems.csv'),
        '--level',
        'ordinal',
      ]);
      expect(unordered.code).toBe(1);
      expect(unordered.stderr).toMatch(/ordinal text labels need an explicit scale/);
      // A file that cannot be read is said once, not once as a problem and again as the error.
      const missing = join(tempDir(), 'nope.csv');
      const unreadable = await yardstick(['agreement', missing]);
      expect(unreadable.code).toBe(1);
      expect(unreadable.stderr.trim().split('\n')).toEqual([
        `yardstick: ${missing}: cannot read the file: ENOENT`,
      ]);
    },
  );
});

describe('yardstick calibrate', () => {
  it(
    'compares gpt-3.5-turbo with PandaLM’s annotators: agreement, kappa, confusion, verbosity',
    childProcess,
    async () => {
      const { code, stdout } = await yardstick([
        'calibrate',
        '--judge',
        join(pandalm, 'gpt-3.5-turbo-testset-v1.json'),
        '--human',
        join(pandalm, 'testset-v1.json'),
        '--map',
        'Tie=0',
        '--outputs',
        'response1,response2',
        '--resamples',
        '300',
        '--json',
      ]);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as {
        humans: { raters: string[]; unresolved: number };
        judges: {
          judge: string;
          comparison: {
            n: number;
            agreement: { estimate: number };
            cohen: { kappa: number };
            confusion: { labels: string[]; counts: number[][] };
            disagreements: { judgeReasoning: string }[];
          };
          perHuman: { rater: string; kappa: number }[];
          verbosity: {
            kind: string;
            report: {
              judgeLongerWinRate: { estimate: number };
              humanLongerWinRate: { estimate: number };
            };
          };
          positionBias: unknown;
        }[];
      };
      expect(report.humans.raters).toEqual(['annotator1', 'annotator2', 'annotator3']);
      const [judge] = report.judges;
      expect(judge?.judge).toBe('gpt_result');
      expect(judge?.comparison.n).toBe(999);
      expect(
        Math.abs(
          (judge?.comparison.agreement.estimate ?? 0) - reference.pandalm.gpt35VsMajority.agreement,
        ),
      ).toBeLessThan(1e-6);
      expect(
        Math.abs((judge?.comparison.cohen.kappa ?? 0) - reference.pandalm.gpt35VsMajority.cohen),
      ).toBeLessThan(1e-6);
      expect(judge?.comparison.confusion.labels).toEqual(['0', '1', '2', 'garbage']);
      expect(judge?.comparison.disagreements).toHaveLength(20);
      expect(judge?.perHuman).toHaveLength(3);
      expect(judge?.verbosity.kind).toBe('pairwise');
      expect(judge?.verbosity.report.judgeLongerWinRate.estimate).toBeGreaterThan(0.5);
      expect(judge?.positionBias).toBeNull();
    },
  );

  it('prints a readable summary without --json', childProcess, async () => {
    const { code, stdout } = await yardstick([
      'calibrate',
      '--judge',
      join(pandalm, 'pandalm-7b-testset-v1.json'),
      '--human',
      join(pandalm, 'testset-v1.json'),
      '--resamples',
      '200',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/judge pandalm_result: 999 items compared/);
    expect(stdout).toMatch(/agreement 0\.668 \[/);
  });
});
