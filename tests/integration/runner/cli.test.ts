import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator';
import { openTestCore } from '../../support/core';
import { finished, spawnTs } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';
import { simSuite, writeDataset } from './fixtures';

interface RunJson {
  runId: string;
  status: string;
  cells: { total: number; ok: number; error: number; cached: number; pending: number };
  models: Array<{
    modelKey: string;
    ok: number;
    cached: number;
    latencyMs: { p50: number | null };
    tokens: { input: number };
  }>;
  dataset: { shard: { index: number; count: number } | null };
}

/**
 * The run commands as a user runs them: a CLI process under tsx per command, against the
 * simulator on loopback. Slower than a unit test by nature: each command starts Node and
 * compiles the CLI's sources with tsx (2–3 s of CPU each, more on a busy machine).
 */
describe('yardstick run / resume / list / show / export', { timeout: 120_000 }, () => {
  const tempDir = useTempDir('yardstick-cli-');
  let sim: Simulator;
  let dir: string;
  let suitePath: string;

  beforeAll(async () => {
    sim = await startSimulator({ latency: 1 });
  });
  afterAll(async () => {
    await sim.close();
  });

  async function cli(...args: string[]) {
    const child = spawnTs(
      'src-main/cli/main.ts',
      ['--workspace', join(dir, 'workspace'), ...args],
      {
        env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') },
      },
    );
    return finished(child);
  }

  function setUp(items: number) {
    dir = tempDir();
    const core = openTestCore(dir);
    writeDataset(core, 'qa', items);
    void core.close();
    suitePath = join(dir, 'suite.yaml');
    writeFileSync(suitePath, simSuite({ dataset: 'qa', baseUrl: sim.url, models: ['a', 'b'] }));
  }

  it('refuses an invalid suite with file, line and field, exit code 4, before any request', async () => {
    setUp(3);
    const text = readFileSync(suitePath, 'utf8');
    writeFileSync(
      suitePath,
      text
        .replace('    model: a\n', '    model: a\n    temprature: 2\n')
        .replace('max_tokens: 32', 'max_tokens: lots')
        .replace('name: qa', 'name: nope'),
    );
    const before = sim.log().length;
    const result = await cli('run', suitePath);
    expect(result.code).toBe(4);
    const lines = readFileSync(suitePath, 'utf8').split('\n');
    const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(result.stderr).toContain(
      `suite.yaml:${at('temprature')}:5: models[0].temprature: unknown key "temprature"`,
    );
    expect(result.stderr).toContain(
      `suite.yaml:${at('max_tokens: lots')}:15: params.max_tokens: Invalid input: expected number, received string`,
    );
    expect(sim.log().length).toBe(before);
    writeFileSync(suitePath, text.replace('name: qa', 'name: nope'));
    const missing = await cli('run', suitePath);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain(
      `suite.yaml:${at('name: nope')}:9: dataset.name: no dataset named "nope"`,
    );
  });

  it('runs with --json, answers a second run from the cache, lists, shows and exports', async () => {
    setUp(8);
    const first = await cli('run', suitePath, '--json');
    expect(first.code, first.stderr).toBe(0);
    const run = JSON.parse(first.stdout) as RunJson;
    expect(run).toMatchObject({
      status: 'completed',
      cells: { total: 16, ok: 16, error: 0, cached: 0, pending: 0 },
    });
    expect(run.models.map((m) => m.modelKey)).toEqual(['a', 'b']);
    expect(run.models[0]?.latencyMs.p50).toBeGreaterThan(0);
    expect(first.stderr).toMatch(/16\/16 cells \(100%\)/);

    const second = JSON.parse((await cli('run', suitePath, '--json')).stdout) as RunJson;
    expect(second.cells).toMatchObject({ ok: 0, cached: 16 });
    expect(second.models[0]?.latencyMs.p50).toBeNull(); // cached answers have no latency
    const uncached = JSON.parse(
      (await cli('run', suitePath, '--json', '--no-cache')).stdout,
    ) as RunJson;
    expect(uncached.cells).toMatchObject({ ok: 16, cached: 0 });

    const list = JSON.parse((await cli('list', '--json')).stdout) as Array<{
      id: string;
      status: string;
    }>;
    expect(list.map((r) => r.id)).toEqual([uncached.runId, second.runId, run.runId]);
    const shown = JSON.parse(
      (await cli('show', run.runId.slice(0, 20), '--json')).stdout,
    ) as RunJson & { manifest: { dataset: { name: string } } };
    expect(shown.runId).toBe(run.runId);
    expect(shown.manifest.dataset.name).toBe('qa');

    const csvFile = join(dir, 'run.csv');
    const csv = await cli('export', run.runId, '--format', 'csv', '--out', csvFile);
    expect(csv.code, csv.stderr).toBe(0);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(csvFile, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data).toHaveLength(16);
    expect(parsed.data[0]).toMatchObject({ status: 'done', is_cached: 'false' });
    expect(existsSync(`${csvFile}.provenance.json`)).toBe(true);
    const jsonl = await cli('export', run.runId, '--format', 'jsonl');
    const rows = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { output: string; input_tokens: number });
    expect(rows).toHaveLength(16);
    expect(rows[0]?.output).toMatch(/question number/);
    const parquetFile = join(dir, 'run.parquet');
    expect((await cli('export', run.runId, '--format', 'parquet', '--out', parquetFile)).code).toBe(
      0,
    );
    const file = await asyncBufferFromFile(parquetFile);
    const objects = (await parquetReadObjects({ file })) as Array<{
      cell_id: string;
      input_tokens: bigint;
      is_cached: boolean;
    }>;
    expect(objects).toHaveLength(16);
    expect(objects[0]?.is_cached).toBe(false);
    const metadata = await parquetMetadataAsync(file);
    expect(metadata.key_value_metadata?.find((kv) => kv.key === 'yardstick.run_id')?.value).toBe(
      run.runId,
    );
  });

  it('refuses bad options and outputs before writing anything, without a stack trace', async () => {
    setUp(4);
    const noStack = /node:events|\n\s+at |unexpected error/;
    // An invalid --concurrency must not leave a planned run behind.
    const badConcurrency = await cli('run', suitePath, '--concurrency', 'abc');
    expect(badConcurrency.code).toBe(2);
    expect(badConcurrency.stderr).toMatch(/--concurrency must be a positive whole number/);
    expect(badConcurrency.stderr).not.toMatch(/cells planned/);
    expect(JSON.parse((await cli('list', '--json')).stdout)).toEqual([]);

    const run = JSON.parse((await cli('run', suitePath, '--json')).stdout) as RunJson;
    const missingFolder = await cli(
      'export',
      run.runId,
      '--format',
      'csv',
      '--out',
      join(dir, 'no-such-folder', 'run.csv'),
    );
    expect(missingFolder.code).toBe(2);
    expect(missingFolder.stderr).toMatch(/--out: the folder .*no-such-folder does not exist/);
    expect(missingFolder.stderr).not.toMatch(noStack);
    const folder = await cli('export', run.runId, '--format', 'parquet', '--out', dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/--out: .* is a folder: give a file name/);
    expect(folder.stderr).not.toMatch(noStack);

    // `yardstick export RUN | head`: the reader is gone before the first write.
    const piped = spawnTs(
      'src-main/cli/main.ts',
      ['--workspace', join(dir, 'workspace'), 'export', run.runId, '--format', 'jsonl'],
      { env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') } },
    );
    piped.stdout?.destroy();
    const closedPipe = await finished(piped);
    expect(closedPipe.stderr).not.toMatch(/EPIPE|node:events/);
    expect(closedPipe.code).toBe(0);

    const fileAsWorkspace = await finished(
      spawnTs('src-main/cli/main.ts', ['--workspace', suitePath, 'list']),
    );
    expect(fileAsWorkspace.code).toBe(2);
    expect(fileAsWorkspace.stderr).toMatch(/cannot open the workspace .*suite\.yaml: it is a file/);
    expect(fileAsWorkspace.stderr).not.toMatch(noStack);
  });

  it('plans one shard, and resume of a completed run sends nothing', async () => {
    setUp(20);
    const shard = await cli('run', suitePath, '--json', '--shard', '2/3');
    const run = JSON.parse(shard.stdout) as RunJson;
    expect(run.dataset.shard).toEqual({ index: 2, count: 3 });
    expect(run.cells.total).toBeGreaterThan(0);
    expect(run.cells.total).toBeLessThan(40);
    const before = sim.log().length;
    const resumed = await cli('resume', run.runId, '--json');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(sim.log().length).toBe(before);
    const bad = await cli('run', suitePath, '--shard', '4/3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard must look like 2\/4/);
  });
});
