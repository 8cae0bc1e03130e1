import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestCore } from '../../support/core';
import { fabricateRun, type FabricatedCell, type FabricatedItem } from '../../support/fabricateRun';
import { finished, spawnTs } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';

const items: FabricatedItem[] = Array.from({ length: 200 }, (_, i) => ({
  key: `q${i}`,
  input: `question ${i}`,
  reference: String(i % 9),
  category: i % 2 ? 'odd' : 'even',
}));

const suite = `version: 1
name: arithmetic
dataset: { name: numbers }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: model, provider: openai, model: m }
scorers:
  - { id: answer, type: exact-match }
  - { id: overlap, type: token-f1 }
criteria:
  - metric: answer.pass_rate
    acceptable: { min: 0.6 }
    weight: 2
    gate: true
  - metric: overlap.mean
    acceptable: { min: 0.5 }
`;

function cells(wrong: (i: number) => boolean): FabricatedCell[] {
  return items.map((item, i) => ({
    itemKey: item.key,
    modelKey: 'model',
    output: wrong(i) ? 'no idea' : (item.reference as string),
    latencyMs: 100 + (i % 13),
  }));
}

function cli(dir: string, args: string[]) {
  return finished(
    spawnTs('src-main/cli/main.ts', ['--workspace', join(dir, 'workspace'), ...args], {
      env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') },
    }),
  );
}

// Each command starts a Node process with tsx (about 1–2 s here); the test runs five of them.
describe('yardstick score / compare / gate / report', () => {
  const tempDir = useTempDir();

  it(
    'scores, compares, gates with exit code 3 on a credible regression, and writes JUnit and HTML',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const core = openTestCore(dir);
      const baseline = fabricateRun(core, {
        datasetName: 'numbers',
        items,
        suiteYaml: suite,
        cells: cells((i) => i % 10 === 0),
      });
      const similar = fabricateRun(core, {
        datasetName: 'numbers',
        items,
        suiteYaml: suite,
        cells: cells((i) => i % 10 === 1),
      });
      const worse = fabricateRun(core, {
        datasetName: 'numbers',
        items,
        suiteYaml: suite,
        cells: cells((i) => i % 3 === 0),
      });
      await core.close();

      for (const run of [baseline, similar, worse]) {
        const scored = await cli(dir, ['score', run.runId, '--json']);
        expect(scored.code, scored.stderr).toBe(0);
        expect(JSON.parse(scored.stdout)).toMatchObject({ runId: run.runId, cells: 200 });
      }

      const compared = await cli(dir, ['compare', baseline.runId, worse.runId, '--json']);
      expect(compared.code, compared.stderr).toBe(0);
      const comparison = JSON.parse(compared.stdout) as {
        scorers: Array<{
          scorerKey: string;
          test: { name: string };
          difference: { high: number };
          regressionCount: number;
          baseline: { estimate: number };
          candidate: { estimate: number };
        }>;
      };
      const answer = comparison.scorers.find((s) => s.scorerKey === 'answer')!;
      expect(answer).toMatchObject({
        test: { name: 'mcnemar-exact' },
        baseline: { estimate: 0.9 },
      });
      expect(answer.candidate.estimate).toBeCloseTo(133 / 200, 10);
      expect(answer.difference.high).toBeLessThan(0);
      expect(answer.regressionCount).toBeGreaterThan(40);

      const junit = join(dir, 'gate.xml');
      const html = join(dir, 'gate.html');
      const failed = await cli(dir, [
        'gate',
        '--baseline',
        baseline.runId,
        '--candidate',
        worse.runId,
        '--threshold',
        '0.02',
        '--junit',
        junit,
        '--html',
        html,
      ]);
      expect(failed.code, failed.stderr).toBe(3);
      expect(failed.stdout).toMatch(/gate FAILED/);
      const xml = readFileSync(junit, 'utf8');
      expect(xml).toMatch(/<testcase classname="yardstick.regression" name="answer">\s*<failure/);
      expect(xml).toMatch(/failures="[1-9]/);
      const page = readFileSync(html, 'utf8');
      expect(page).toMatch(/<svg/);
      expect(page).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(page).not.toMatch(/<script/);

      const passed = await cli(dir, [
        'gate',
        '--baseline',
        baseline.runId,
        '--candidate',
        similar.runId,
        '--threshold',
        '0.02',
        '--json',
      ]);
      expect(passed.code, passed.stderr).toBe(0);
      expect(JSON.parse(passed.stdout)).toMatchObject({ passed: true });

      const report = join(dir, 'report.html');
      const reported = await cli(dir, [
        'report',
        worse.runId,
        '--html',
        report,
        '--baseline',
        baseline.runId,
      ]);
      expect(reported.code, reported.stderr).toBe(0);
      expect(readFileSync(report, 'utf8')).toMatch(
        /<span class="verdict (dont_ship|ship_with_caveats|ship)">(Don&apos;t ship|Ship with caveats|Ship)<\/span>/,
      );

      const missing = await cli(dir, ['compare', baseline.runId, 'run_nope']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/no run run_nope in workspace .*workspace/);
    },
  );

  it(
    'refuses a misspelt --scorer, an --alpha outside (0, 1) and unwritable outputs with exit 2',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const core = openTestCore(dir);
      const [baseline, worse] = [(i: number) => i % 10 === 0, (i: number) => i % 3 === 0].map(
        (wrong) =>
          fabricateRun(core, {
            datasetName: 'numbers',
            items,
            suiteYaml: suite,
            cells: cells(wrong),
          }),
      );
      await core.close();
      for (const run of [baseline!, worse!])
        expect((await cli(dir, ['score', run.runId])).code).toBe(0);
      const runs = ['--baseline', baseline!.runId, '--candidate', worse!.runId];
      const noStack = /\n\s+at |unexpected error/;

      // Gating on a scorer nobody has would check nothing and pass.
      const typo = await cli(dir, ['gate', ...runs, '--scorer', 'answr', '--json']);
      expect(typo.code).toBe(2);
      expect(typo.stdout).toBe('');
      expect(typo.stderr).toMatch(/--scorer: answr is not a scorer both runs share/);
      expect(typo.stderr).toMatch(/they share: (answer, overlap|overlap, answer)/);
      const spaced = await cli(dir, ['gate', ...runs, '--scorer', 'overlap, answer']);
      expect(spaced.code, spaced.stderr).toBe(3);

      const alpha = await cli(dir, ['gate', ...runs, '--alpha', '5']);
      expect(alpha.code).toBe(2);
      expect(alpha.stderr).toMatch(/--alpha must be between 0 and 1 \(got 5\)/);

      const junit = join(dir, 'no-such-folder', 'gate.xml');
      const unwritable = await cli(dir, ['gate', ...runs, '--junit', junit]);
      expect(unwritable.code).toBe(2);
      expect(unwritable.stderr).toMatch(/--junit: the folder .*no-such-folder does not exist/);
      expect(unwritable.stderr).not.toMatch(noStack);

      const report = await cli(dir, ['report', worse!.runId, '--html', dir]);
      expect(report.code).toBe(2);
      expect(report.stderr).toMatch(/--html: .* is a folder: give a file name/);
      expect(report.stderr).not.toMatch(noStack);
    },
  );
});
