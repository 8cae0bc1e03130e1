/**
 * The lock files of runs and dataset deletions (`runner/runLock.ts`) between real processes:
 * many racing for one lock (a fresh one, or one a dead process left) — exactly one wins; a
 * lock file not yet readable is held for a few seconds, then stale; a lock of another host is
 * refused with its age and the file to delete, in the core, the app's routes and the CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRemovalPreview } from '@contract/index';
import type { Core } from '@core/host';
import {
  acquireLock,
  acquireRunLock,
  liveLockOwner,
  unreadableLockGraceMs,
} from '@core/runner/runLock';
import { call } from '../../support/core';
import { runManager } from '@core/runner/runManager';
import { finished, spawnTs, waitForLine } from '../../support/spawnTs';
import { useTempDir } from '../../support/tempDir';
import { useTestCores } from '../../support/testCores';
import { simSuite, writeDataset } from './fixtures';

const tempDir = useTempDir('yardstick-lock-');
const openCore = useTestCores();

/** A pid no process has now: one that just exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid as number;
}

function plant(workspaceDir: string, key: string, text: string, ageMs = 0): string {
  mkdirSync(join(workspaceDir, 'locks'), { recursive: true });
  const file = join(workspaceDir, 'locks', `${key}.lock`);
  writeFileSync(file, text);
  const at = new Date(Date.now() - ageMs);
  utimesSync(file, at, at);
  return file;
}

/** A planned run (nothing listens at its provider: it is never sent) and its name. */
function plannedRun(core: Core): { runId: string; name: string } {
  writeDataset(core, 'qa', 2);
  const yaml = simSuite({ dataset: 'qa', baseUrl: 'http://127.0.0.1:9' }).replace(
    'name: sim-suite',
    'name: elsewhere',
  );
  const { runId } = runManager(core.context).plan(yaml, 'suite.yaml', {});
  return { runId, name: core.context.repos.runs.get(runId)?.name ?? '' };
}

const subject = (key: string) => ({ key, label: `lock ${key}`, activity: 'raced for' });

/**
 * As many racers as the machine has cores, or a few more: they truly run at the same instant
 * (more would mostly wait for a core, one after the other). Each races for 300 locks, one every
 * 4 ms, which gives a reader many chances to look between another's create and write.
 */
const racers = Math.min(4, Math.max(3, availableParallelism()));

// The children each start tsx (1–3 s of CPU apiece on two shared cores): a longer timeout.
describe('lock files raced for by many processes', { timeout: 90_000 }, () => {
  it('gives each lock to exactly one of them, fresh or left stale by a dead process', async () => {
    const workspace = join(tempDir(), 'workspace');
    const keys = Array.from({ length: 300 }, (_, i) => `key${i}`);
    mkdirSync(workspace, { recursive: true });
    const dead = await deadPid();
    // Every other lock was left by a killed process: all racers find it stale at once.
    for (const key of keys.filter((_, i) => i % 2 === 1))
      plant(workspace, key, JSON.stringify({ pid: dead, host: hostname(), since: 'then' }));
    const goFile = join(workspace, 'go');
    const children: ChildProcess[] = [];
    try {
      for (let i = 0; i < racers; i++)
        children.push(
          spawnTs('tests/support/lockRaceChild.ts', [workspace, goFile, keys.join(','), '4']),
        );
      await Promise.all(children.map((child) => waitForLine(child, /^ready$/)));
      const results = children.map((child) => waitForLine(child, /^result /));
      writeFileSync(goFile, String(Date.now() + 200));
      const outcomes = (await Promise.all(results)).map(
        (line) => JSON.parse(line.slice('result '.length)) as { won: string[]; refused: string[] },
      );
      for (const key of keys) {
        const winners = outcomes.filter((o) => o.won.includes(key)).length;
        expect({ key, winners }).toEqual({ key, winners: 1 });
      }
      for (const o of outcomes) expect(o.won.length + o.refused.length).toBe(keys.length);
      // No temp file or takeover guard is left behind: only the locks themselves.
      const left = readdirSync(join(workspace, 'locks')).sort();
      expect(left).toEqual(keys.map((k) => `${k}.lock`).sort());
    } finally {
      for (const child of children) child.kill('SIGKILL');
      const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
      await Promise.all(running.map((c) => once(c, 'exit')));
    }
  });
});

describe('a lock file that cannot be read', () => {
  it('is held while young (its writer may be between create and write), then stale', () => {
    const workspace = join(tempDir(), 'workspace');
    const file = plant(workspace, 'run_young', '');
    expect(() => acquireLock(workspace, subject('run_young'))).toThrow(
      `lock run_young is being locked by another process right now (${file} is being written): try again in a few seconds`,
    );
    expect(liveLockOwner(workspace, 'run_young')).toMatchObject({ pid: 0, host: hostname(), file });

    plant(workspace, 'run_old', '{"pid": 12', unreadableLockGraceMs + 1_000);
    expect(liveLockOwner(workspace, 'run_old')).toBeNull();
    const release = acquireLock(workspace, subject('run_old'));
    expect(liveLockOwner(workspace, 'run_old')).toBeNull(); // this process holds it now
    release();
    expect(readdirSync(join(workspace, 'locks'))).toEqual(['run_young.lock']);
  });
});

describe('a lock of another host', { timeout: 60_000 }, () => {
  const threeHoursAgo = () => new Date(Date.now() - 3 * 3600_000 - 60_000).toISOString();

  /** The lock `build-7` left on the run, and the words every refusal of it must contain. */
  function foreignLock(core: Core, runId: string) {
    const since = threeHoursAgo();
    const file = plant(
      core.context.workspaceDir,
      runId,
      JSON.stringify({ pid: 4242, host: 'build-7', since }),
    );
    const holder =
      `(pid 4242 on build-7, since ${since}, 3 h ago; this machine cannot tell whether it still ` +
      `runs: if build-7 is done with it, delete the lock file ${file})`;
    return { file, holder };
  }

  it('is refused with its age and the file to delete, by the core and the delete routes', async () => {
    const core = openCore(tempDir());
    const run = plannedRun(core);
    const { holder } = foreignLock(core, run.runId);

    expect(() => acquireRunLock(core.context.workspaceDir, run.runId)).toThrow(
      `run ${run.runId} is locked by another machine ${holder}`,
    );
    const preview = await call<RunRemovalPreview>(core, 'runs.deletePreview', {
      runId: run.runId,
    });
    expect(preview.blockers).toEqual([
      {
        kind: 'executing',
        message: `run "${run.name}" is held by another process ${holder}, executing or paused there: cancel it there first, or delete it from there`,
      },
    ]);
    const refused = await core.dispatch('runs.resume', { runId: run.runId });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining(holder) as unknown },
    });
  });

  it('is refused the same way by `yardstick resume` and `yardstick delete`', async () => {
    const dir = tempDir();
    const core = openCore(dir);
    const run = plannedRun(core);
    const { file, holder } = foreignLock(core, run.runId);
    const yardstick = (...args: string[]) =>
      finished(
        spawnTs('src-main/cli/main.ts', ['--workspace', join(dir, 'workspace'), ...args], {
          env: { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') },
        }),
      );

    const resumed = await yardstick('resume', run.runId);
    expect(resumed.code, resumed.stderr).toBe(6);
    expect(resumed.stderr).toContain(`run ${run.runId} is locked by another machine ${holder}`);
    const deleted = await yardstick('delete', run.runId, '--yes');
    expect(deleted.code, deleted.stderr).toBe(6);
    expect(deleted.stderr).toContain(`run "${run.name}" is held by another process ${holder}`);
    expect(readdirSync(join(dir, 'workspace', 'locks'))).toEqual([`${run.runId}.lock`]);
    expect(file).toContain(run.runId);
  });
});
