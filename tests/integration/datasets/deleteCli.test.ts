import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetRemoved } from '@contract/index';
import { writeFrozenVersion } from '@core/datasets/versionWriter';
import type { Core } from '@core/host';
import { openTestCore } from '../../support/core';
import { twoModelRun } from '../../support/fabricateLabels';
import { finished, spawnTs } from '../../support/spawnTs';

function version(core: Core, datasetName: string, keys: string[]) {
  return writeFrozenVersion(core.context.db, core.context.repos.datasets, {
    datasetName,
    source: { test: true },
    items: keys.map((key) => ({
      key,
      input: `question ${key}?`,
      reference: null,
      category: null,
      groupId: null,
      tags: ['t'],
      metadata: {},
      hasPersonalData: false,
    })),
  });
}

/**
 * `yardstick datasets delete` as a user runs it: the real CLI in a child process on a real
 * workspace. Each case starts the CLI under tsx (1–3 s of CPU on a busy machine), hence the
 * timeouts.
 */
describe('yardstick datasets delete', { timeout: 60_000 }, () => {
  let dir: string;
  let workspace: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yardstick-cli-dsdelete-'));
    workspace = join(dir, 'workspace');
    env = { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') };
    const core = openTestCore(dir);
    try {
      version(core, 'tickets', ['a', 'b', 'c']);
      version(core, 'tickets', ['a', 'b', 'c', 'd']);
      version(core, 'scratch', ['x']);
      twoModelRun(core, { items: 2, datasetName: 'graded', runName: 'nightly' });
    } finally {
      await core.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const yardstick = (...args: string[]) =>
    finished(spawnTs('src-main/cli/main.ts', ['--workspace', workspace, ...args], { env }));

  it('deletes one version given as NAME@N with --yes and prints it as JSON', async () => {
    const out = await yardstick('datasets', 'delete', 'tickets@2', '--yes', '--json');
    expect(out.code, out.stderr).toBe(0);
    const removed = JSON.parse(out.stdout) as DatasetRemoved;
    expect(removed).toMatchObject({
      datasetName: 'tickets',
      version: 2,
      removesDataset: false,
      deleted: { versions: 1, items: 4, itemTags: 4 },
    });
    const versions = await yardstick('datasets', 'versions', 'tickets', '--json');
    expect(
      (JSON.parse(versions.stdout) as Array<{ version: number }>).map((v) => v.version),
    ).toEqual([1]);
  });

  it('refuses without a terminal and without --yes (exit 2), deleting nothing', async () => {
    const out = await yardstick('datasets', 'delete', 'scratch');
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'yardstick: not deleting dataset "scratch" without confirmation: stdin is not a terminal, pass --yes to delete from a script\n',
    );
    const list = await yardstick('datasets', 'list', '--json');
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((d) => d.name)).toContain(
      'scratch',
    );
  });

  it('refuses a dataset a run used (exit 6), naming the run', async () => {
    const out = await yardstick('datasets', 'delete', 'graded', '--yes');
    expect(out.code).toBe(6);
    expect(out.stderr).toBe(
      'yardstick: dataset "graded" cannot be deleted:\n' +
        '  - 1 run used this dataset ("nightly"). A run\'s evidence keeps the dataset version it evaluated; delete those runs first.\n',
    );
  });

  it('names an unknown dataset or version (exit 2)', async () => {
    const out = await yardstick('datasets', 'delete', 'nope', '--yes');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /no dataset named "nope" in workspace .*datasets: graded, scratch, tickets/,
    );
    const version = await yardstick('datasets', 'delete', 'tickets@9', '--yes');
    expect(version.code).toBe(2);
  });

  it('deletes a whole dataset by name and says what went', async () => {
    const out = await yardstick('datasets', 'delete', 'tickets', '--yes');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(
      'deleted dataset "tickets": 1 version, 3 items, 3 item tags, 1 privacy scan\n',
    );
  });
});
