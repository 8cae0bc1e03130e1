import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator';
import { finished, spawnTs } from '../../support/spawnTs';
import { mergeSuite, openShardWorkspace, shardSecret } from './mergeFixtures';

interface MergeJson {
  runId: string;
  status: string;
  dataset: { shard: unknown };
  cells: { total: number; ok: number; error: number; cached: number; pending: number };
  models: Array<{ modelKey: string; ok: number; error: number; cached: number; pending: number }>;
  merge: { shardCount: number; mergedShards: number[]; missingShards: number[] };
}

/**
 * The CI flow as a user runs it: `run --shard i/2` in two workspaces, then `merge` into a
 * third, each a CLI process under tsx against the simulator on loopback. Each command starts
 * Node and compiles the CLI's sources (2–3 s of CPU each, more on a busy machine).
 */
describe('yardstick merge', { timeout: 120_000 }, () => {
  let base: string;
  let sim: Simulator;
  let suitePath: string;
  const shards: string[] = [];

  function cli(...args: string[]) {
    return finished(
      spawnTs('src-main/cli/main.ts', args, {
        env: {
          ...process.env,
          SIM_KEY: shardSecret,
          YARDSTICK_KEY_FILE: join(base, 'keys', 'secret.key'),
        },
      }),
    );
  }

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'yardstick-merge-cli-'));
    sim = await startSimulator({ latency: 1 });
    suitePath = join(base, 'suite.yaml');
    writeFileSync(suitePath, mergeSuite());
    for (const index of [1, 2]) {
      const dir = join(base, `shard${index}`);
      await (await openShardWorkspace(dir, sim.url, 20)).close();
      const workspace = join(dir, 'workspace');
      const run = await cli('--workspace', workspace, 'run', suitePath, '--shard', `${index}/2`);
      expect(run.stderr).not.toContain('unexpected error');
      expect(run.code).toBe(0);
      shards.push(workspace);
    }
  }, 120_000);

  afterAll(async () => {
    await sim.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('merges shard workspaces (--json), then report reads the merged run', async () => {
    const target = join(base, 'merged');
    const merged = await cli('merge', ...shards, '--workspace', target, '--json');
    // --json: stdout is one JSON object; stderr (not a terminal here) has no closing line.
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    const json = JSON.parse(merged.stdout) as MergeJson;
    expect(json).toMatchObject({
      status: 'completed',
      dataset: { shard: null },
      cells: { total: 80, ok: 80, error: 0, cached: 0, pending: 0 },
      merge: { shardCount: 2, mergedShards: [1, 2], missingShards: [] },
    });
    expect(json.models.map((m) => [m.modelKey, m.ok, m.error, m.cached, m.pending])).toEqual([
      ['alpha', 40, 0, 0, 0],
      ['beta', 40, 0, 0, 0],
    ]);

    const html = join(base, 'report.html');
    const report = await cli('--workspace', target, 'report', json.runId, '--html', html);
    expect(report.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain(json.runId);

    const again = await cli('merge', ...shards, '--workspace', target, '--json');
    expect(again.code).toBe(6);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(`already merged into run ${json.runId}`);
  });

  it('exits 7 when shards do not belong together, 2 for a path that is no workspace', async () => {
    const partialTarget = join(base, 'partial');
    const missing = await cli('merge', shards[0] ?? '', '--workspace', partialTarget);
    expect(missing.code).toBe(7);
    expect(missing.stderr).toContain('missing shard 2 of 2 (have 1)');

    const nowhere = await cli('merge', join(base, 'nowhere'), '--workspace', partialTarget);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('no such workspace');

    const partial = await cli(
      'merge',
      shards[0] ?? '',
      '--allow-partial',
      '--workspace',
      partialTarget,
    );
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain('missing shards: 2');
    // Not a terminal: no live progress, one closing line counting every row copied: the
    // dataset's 20 items, then shard 1's cells (all answered), responses, scores, cache rows.
    const copied =
      /copied (\d+) responses, (\d+) scores, 0 overrides, 0 failure-mode tags, (\d+) new cache rows/
        .exec(partial.stdout)
        ?.slice(1)
        .map(Number) ?? [0, 0, 0];
    const [responses = 0, scores = 0, cacheRows = 0] = copied;
    expect(responses).toBeGreaterThan(0);
    const rows = 20 + responses * 2 + scores + cacheRows;
    expect(partial.stderr).toMatch(new RegExp(`^yardstick: merged ${rows} rows in \\d+\\.\\ds\n$`));
    expect(existsSync(join(partialTarget, 'workspace.sqlite'))).toBe(true);
  });
});
