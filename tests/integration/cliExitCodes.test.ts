import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpawnOptions } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore } from '../support/core';
import { fabricateRun } from '../support/fabricateRun';
import { finished, spawnTs } from '../support/spawnTs';

const suite = `version: 1
name: tiny
dataset: { name: numbers }
prompts:
  - id: p1
    messages: [{ role: user, content: '{{input}}' }]
models:
  - { id: model, provider: openai, model: m }
scorers:
  - { id: answer, type: exact-match }
`;

const items = Array.from({ length: 5 }, (_, i) => ({
  key: `q${i}`,
  input: `question ${i}`,
  reference: String(i),
}));

/** Stack frames ("    at fn (file:1:2)") must never reach a user for these mistakes. */
const stackFrame = /^\s+at .+:\d+:\d+\)?$/m;

/**
 * Ids and workspaces that do not exist are usage errors (exit 2) in every command, with one
 * line naming the id and the workspace. Each case starts the CLI under tsx (1–3 s of CPU on a
 * busy machine), hence the per-test timeouts.
 */
describe('CLI exit codes for what does not exist', () => {
  // One workspace for every case (useTempDir would remove it after the first test).
  let dir: string;
  let workspace: string;
  let runId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yardstick-cli-exits-'));
    workspace = join(dir, 'workspace');
    const core = openTestCore(dir);
    runId = fabricateRun(core, {
      datasetName: 'numbers',
      items,
      suiteYaml: suite,
      cells: items.map((item) => ({ itemKey: item.key, modelKey: 'model', output: item.input })),
    }).runId;
    await core.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function yardstick(ws: string, args: string[], options: SpawnOptions = {}) {
    return finished(
      spawnTs('src-main/cli/main.ts', ['--workspace', ws, ...args], {
        env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') },
        ...options,
      }),
    );
  }

  const missingRun = (ws: string) =>
    `yardstick: no run run_nope in workspace ${ws} (see \`yardstick list\`)\n`;

  it.each([
    { command: 'score', args: () => ['score', 'run_nope'] },
    { command: 'summary', args: () => ['summary', 'run_nope', '--json'] },
    { command: 'compare', args: () => ['compare', runId, 'run_nope'] },
    { command: 'decide', args: () => ['decide', 'run_nope'] },
    { command: 'gate', args: () => ['gate', '--baseline', runId, '--candidate', 'run_nope'] },
    { command: 'report', args: () => ['report', 'run_nope', '--html', join(dir, 'r.html')] },
  ])('$command exits 2 for a run id that does not exist', { timeout: 60_000 }, async ({ args }) => {
    const result = await yardstick(workspace, args());
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toBe(missingRun(workspace));
    expect(result.stdout).toBe('');
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
  });

  it.each([
    {
      what: 'datasets show NAME',
      args: ['datasets', 'show', 'nope'],
      line: 'no dataset named "nope" in workspace WS (datasets: numbers)',
    },
    {
      what: 'datasets versions NAME',
      args: ['datasets', 'versions', 'nope'],
      line: 'no dataset named "nope" in workspace WS (datasets: numbers)',
    },
    {
      what: 'export-dataset NAME',
      args: ['export-dataset', 'nope', '--format', 'csv', '--out', '/tmp/yardstick-never.csv'],
      line: 'no dataset named "nope" in workspace WS (datasets: numbers)',
    },
    {
      what: 'pii-scan VERSION-ID',
      args: ['pii-scan', 'dv_nope'],
      line: 'no dataset version dv_nope in workspace WS',
    },
    {
      what: 'datasets sample NAME --at N',
      args: ['datasets', 'sample', 'numbers', '--at', '9', '--size', '2', '--seed', 's'],
      line: 'no version 9 of dataset "numbers" in workspace WS',
    },
  ])('$what exits 2 for a dataset that does not exist', { timeout: 60_000 }, async (c) => {
    const result = await yardstick(workspace, c.args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toBe(`yardstick: ${c.line.replace('WS', workspace)}\n`);
  });

  // A regression here loops forever inside mkdir: the kill after 60 s turns it into a failure
  // (exit code null) instead of a hung test run.
  const killAfter = { timeout: 60_000, killSignal: 'SIGKILL' as const };

  it(
    'exits 2 at once for a workspace under /proc, where mkdir can never succeed',
    { timeout: 90_000 },
    async () => {
      const started = performance.now();
      const result = await yardstick('/proc/yardstick-nope', ['list'], killAfter);
      expect(result.code, `after ${Math.round(performance.now() - started)} ms`).toBe(2);
      expect(result.stderr).toMatch(
        /^yardstick: cannot create the workspace folder \/proc\/yardstick-nope: .+\n$/,
      );
      expect(result.stderr).not.toMatch(stackFrame);
    },
  );

  it(
    'exits 2 for a workspace below a regular file, naming that file',
    { timeout: 90_000 },
    async () => {
      const file = join(dir, 'notes.txt');
      writeFileSync(file, 'not a folder');
      const result = await yardstick(join(file, 'workspace'), ['list'], killAfter);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `yardstick: cannot create the workspace folder ${join(file, 'workspace')}: ${file} is a file, not a folder\n`,
      );
    },
  );
});
