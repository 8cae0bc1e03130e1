import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator';
import { openTestCore, repoRoot } from '../../support/core';
import {
  fileHash,
  largeVersionShardWorkspace,
  mergeSuite,
  openShardWorkspace,
  runShard,
  tableCounts,
} from './mergeFixtures';

/** 1,250 GSM8K items × 2 prompts × 2 models × 20 repeats: 50,000 cells per shard. */
const items = 1250;
const repeats = 20;
const shardCells = (items / 2) * 4 * repeats;

const quoted = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * The CLI on a terminal, as a person runs it: `script` gives it a pseudo-terminal, and a
 * Ctrl-C typed into it (byte 0x03) is turned into SIGINT by the terminal, as at a keyboard.
 */
function cliOnTerminal(args: string[], env: NodeJS.ProcessEnv) {
  const command = ['exec', process.execPath, '--import', 'tsx', 'src-main/cli/main.ts', ...args]
    .map(quoted)
    .join(' ');
  return spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
    cwd: repoRoot,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** A new target workspace: its table counts and the bytes of its file, to compare after. */
async function freshTarget(targetDir: string) {
  const target = openTestCore(targetDir);
  const before = tableCounts(target);
  await target.close();
  const targetFile = join(targetDir, 'workspace', 'workspace.sqlite');
  expect(existsSync(`${targetFile}-wal`)).toBe(false);
  return { before, bytes: fileHash(targetFile), targetFile };
}

/**
 * `yardstick merge` of `shards` into the target on a terminal, with a Ctrl-C typed as soon as
 * a progress line matching `line` shows some (not all) of its phase done. Resolves with the
 * exit code, everything the terminal showed and the line Ctrl-C was typed at.
 */
async function mergeInterruptedAt(targetDir: string, shards: readonly string[], line: RegExp) {
  const child = cliOnTerminal(
    ['--workspace', join(targetDir, 'workspace'), 'merge', ...shards, '--allow-partial'],
    { ...process.env, YARDSTICK_KEY_FILE: join(targetDir, 'keys', 'secret.key') },
  );
  let output = '';
  let interruptedAt = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const shown = line.exec(output.slice(-400));
    if (!interruptedAt && shown && Number(shown[1]) > 0 && shown[1] !== shown[2]) {
      interruptedAt = shown[0];
      child.stdin.write('\x03');
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('close', resolve);
    child.once('error', (error) =>
      reject(
        new Error(
          `this test runs the CLI on a terminal with \`script\` (util-linux): ${error.message}`,
        ),
      ),
    );
  });
  return { code, output, interruptedAt };
}

// Two shards of 50,000 planned cells each, so the merge runs for seconds; the CLI child
// compiles its sources with tsx first (2–3 s of CPU, more on a busy machine).
describe('Ctrl-C during yardstick merge', { timeout: 120_000 }, () => {
  let base: string;
  let sim: Simulator;
  const shards: string[] = [];

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'yardstick-merge-interrupt-'));
    sim = await startSimulator({ latency: 1 });
    const suite = mergeSuite().replace('run:\n', `repeats: ${repeats}\nrun:\n`);
    for (const index of [1, 2]) {
      const dir = join(base, `shard${index}`);
      const core = await openShardWorkspace(dir, sim.url, items);
      // Planned, not run: every cell is written (pending), which is what a merge copies most.
      await runShard(core, suite, { index, count: 2 }, false);
      await core.close();
      shards.push(join(dir, 'workspace'));
    }
  }, 120_000);

  afterAll(async () => {
    await sim.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('shows live progress, then rolls back, leaves the target byte for byte as it was and exits 130', async () => {
    const targetDir = join(base, 'target');
    const { before, bytes, targetFile } = await freshTarget(targetDir);
    const { code, output, interruptedAt } = await mergeInterruptedAt(
      targetDir,
      shards,
      /copying cells (\d+)\/(\d+)/,
    );

    expect(interruptedAt).toMatch(new RegExp(`copying cells \\d+/${shardCells * 2}`));
    expect(output).toMatch(/checking shards|copying the dataset version/);
    expect(output).toMatch(/ETA \d+s/);
    expect(output).toContain(
      'yardstick: merge interrupted: rolled back, the target workspace is as it was',
    );
    expect(output).not.toContain('unexpected error');
    expect(code).toBe(130);

    // Nothing of the merge is in the target: not the run, not a cell, not the copied dataset.
    expect(fileHash(targetFile)).toBe(bytes);
    const after = openTestCore(targetDir);
    expect(tableCounts(after)).toEqual(before);
    expect(before.runs).toBe(0);
    await after.close();
  });

  it('stops inside the copy of a large dataset version, rolls it back and exits 130', async () => {
    // 60,000 items (seconds to copy), few cells: the merge spends its time on the version.
    const source = await largeVersionShardWorkspace(join(base, 'large-version'), 60_000);
    const targetDir = join(base, 'target-version');
    const { before, bytes, targetFile } = await freshTarget(targetDir);
    const { code, output, interruptedAt } = await mergeInterruptedAt(
      targetDir,
      [source],
      /copying the dataset version (\d+)\/(\d+)/,
    );

    expect(interruptedAt).toMatch(/copying the dataset version \d+\/60000/);
    // The copy stopped where it was: it never showed the whole version, nor a later phase.
    const shown = [...output.matchAll(/copying the dataset version (\d+)\/60000/g)];
    expect(Math.max(...shown.map((m) => Number(m[1])))).toBeLessThan(60_000);
    expect(output).not.toMatch(/copying cells/);
    expect(output).toContain(
      'yardstick: merge interrupted: rolled back, the target workspace is as it was',
    );
    expect(code).toBe(130);

    // No dataset, version or item of it is in the target, and not a byte changed.
    expect(fileHash(targetFile)).toBe(bytes);
    const after = openTestCore(targetDir);
    expect(tableCounts(after)).toEqual(before);
    await after.close();
  });
});
