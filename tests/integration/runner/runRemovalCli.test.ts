import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRemoved } from '@contract/index';
import { sql } from '@core/db/sql';
import { call, openTestCore, repoRoot } from '../../support/core';
import { twoModelRun } from '../../support/fabricateLabels';
import { fabricateResultsRun } from '../../support/fabricateResults';
import { finished, spawnTs } from '../../support/spawnTs';

/**
 * `yardstick rename` and `yardstick delete` as a user runs them: the real CLI in a child process
 * on a real workspace. Each case starts the CLI under tsx (1–3 s of CPU on a busy machine),
 * hence the per-test timeouts.
 */
describe('yardstick rename and delete', { timeout: 60_000 }, () => {
  let dir: string;
  let workspace: string;
  let env: NodeJS.ProcessEnv;
  const runs = {
    botched: '',
    typo: '',
    asked: '',
    declined: '',
    baseline: '',
    candidate: '',
    halfGone: '',
    alsoHalf: '',
    afterIt: '',
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yardstick-cli-delete-'));
    workspace = join(dir, 'workspace');
    env = { ...process.env, YARDSTICK_KEY_FILE: join(dir, 'keys', 'secret.key') };
    const core = openTestCore(dir);
    try {
      for (const name of ['botched', 'typo', 'asked', 'declined'] as const)
        runs[name] = twoModelRun(core, { items: 3, runName: name }).runId;
      for (const name of ['halfGone', 'alsoHalf', 'afterIt'] as const)
        runs[name] = twoModelRun(core, { items: 3, runName: name }).runId;
      runs.baseline = await fabricateResultsRun(core, { runName: 'january', models: ['large'] });
      runs.candidate = await fabricateResultsRun(core, { runName: 'february', models: ['large'] });
      await call(core, 'scoring.decide', {
        runId: runs.candidate,
        modelKey: 'large',
        baselineRunId: runs.baseline,
      });
    } finally {
      await core.close();
    }
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const yardstick = (...args: string[]) =>
    finished(spawnTs('src-main/cli/main.ts', ['--workspace', workspace, ...args], { env }));

  async function runIds(): Promise<string[]> {
    const listed = await yardstick('list', '--json');
    return (JSON.parse(listed.stdout) as Array<{ id: string }>).map((r) => r.id);
  }

  it('renames a run given by a prefix of its id, and refuses an empty name (exit 2)', async () => {
    const renamed = await yardstick('rename', runs.typo.slice(0, 20), '  typo fixed ');
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toBe(`renamed run ${runs.typo} to "typo fixed"\n`);
    const empty = await yardstick('rename', runs.typo, '   ');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      `yardstick: cannot rename run ${runs.typo}: a run name cannot be empty\n`,
    );
  });

  it('exits 2 naming the workspace for a run id it does not hold', async () => {
    for (const args of [
      ['rename', 'run_nope', 'x'],
      ['delete', 'run_nope', '--yes'],
    ]) {
      const result = await yardstick(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `yardstick: no run run_nope in workspace ${workspace} (see \`yardstick list\`)\n`,
      );
    }
  });

  it('refuses to delete without a terminal and without --yes (exit 2), deleting nothing', async () => {
    const result = await yardstick('delete', runs.botched);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `yardstick: not deleting run "botched" (${runs.botched}): 6 cells, 6 responses without confirmation: stdin is not a terminal, pass --yes to delete from a script\n`,
    );
    expect(await runIds()).toContain(runs.botched);
  });

  it('refuses a run a decision uses (exit 6), naming the decision', async () => {
    const result = await yardstick('delete', runs.baseline, '--yes');
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(
      new RegExp(
        `^yardstick: run "january" \\(${runs.baseline}\\) cannot be deleted:\\n  - the decision of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\((ship|ship with caveats|don't ship)\\) on run "february" compares against this run as its baseline: decisions are the audit trail`,
      ),
    );
    expect(await runIds()).toContain(runs.baseline);
  });

  it('deletes with --yes, printing what went as JSON', async () => {
    const result = await yardstick('delete', runs.botched, '--yes', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout) as RunRemoved).toEqual({
      runId: runs.botched,
      runName: 'botched',
      deleted: {
        cells: 6,
        responses: 6,
        scores: 0,
        scoreOverrides: 0,
        failureModeTags: 0,
        judgeVariants: 0,
        judgeVariantScores: 0,
        runModels: 2,
        runPrompts: 0,
      },
      cachedResponsesKept: 0,
    });
    expect(await runIds()).not.toContain(runs.botched);
  });

  /** The state a deletion cancelled after its first batch leaves: marked, one cell gone. */
  async function leaveHalfDeleted(runId: string) {
    const core = openTestCore(dir);
    try {
      const { db } = core.context;
      db.run(
        sql`UPDATE runs SET removal_started_at = '2026-01-01T00:00:00.000Z' WHERE id = ${runId}`,
      );
      db.run(
        sql`DELETE FROM cells WHERE id = (SELECT id FROM cells WHERE run_id = ${runId} LIMIT 1)`,
      );
    } finally {
      await core.close();
    }
  }

  it('finishes deletions left part way first, saying so on stderr; the run asked for may be one', async () => {
    await leaveHalfDeleted(runs.halfGone);
    const asked = await yardstick('delete', runs.halfGone, '--yes', '--json');
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stderr).toBe(
      `finished deleting run "halfGone" (${runs.halfGone}), which an earlier deletion left part way: 5 cells, 5 responses\n`,
    );
    expect(JSON.parse(asked.stdout) as RunRemoved).toMatchObject({
      runId: runs.halfGone,
      deleted: { cells: 5, responses: 5 },
    });

    await leaveHalfDeleted(runs.alsoHalf);
    const other = await yardstick('delete', runs.afterIt, '--yes');
    expect(other.code, other.stderr).toBe(0);
    expect(other.stderr).toBe(
      `finished deleting run "alsoHalf" (${runs.alsoHalf}), which an earlier deletion left part way: 5 cells, 5 responses\n`,
    );
    expect(other.stdout).toContain(`deleted run "afterIt" (${runs.afterIt}): 6 cells`);
    const left = openTestCore(dir);
    try {
      const ids = [runs.halfGone, runs.alsoHalf, runs.afterIt];
      expect(
        left.context.db.get(
          sql`SELECT COUNT(*) AS n FROM runs WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
        ),
      ).toEqual({ n: 0 });
    } finally {
      await left.close();
    }
  });

  /**
   * On a terminal the command asks. `script` (util-linux) gives the CLI a pseudo-terminal; its
   * stdout carries what the CLI wrote to the terminal, and `-e` returns the CLI's exit code.
   */
  function onTerminal(runId: string, answer: string) {
    const cli = [process.execPath, '--import', 'tsx', 'src-main/cli/main.ts']
      .concat(['--workspace', workspace, 'delete', runId])
      .map((part) => `'${part}'`)
      .join(' ');
    const child = spawn('script', ['-qec', cli, '/dev/null'], { cwd: repoRoot, env });
    let shown = '';
    child.stdout.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
      if (shown.includes('Delete it? [y/N]') && child.stdin.writable) child.stdin.end(answer);
    });
    return new Promise<{ code: number | null; shown: string }>((resolve) =>
      child.once('close', (code) => resolve({ code, shown })),
    );
  }

  it('asks on a terminal: "y" deletes, anything else keeps the run (exit 1)', async () => {
    const yes = await onTerminal(runs.asked, 'y\n');
    expect(yes.shown).toContain(`This deletes run "asked" (${runs.asked}): 6 cells, 6 responses.`);
    expect(yes.shown).toContain('0 cached responses stay');
    expect(yes.code, yes.shown).toBe(0);
    expect(yes.shown).toContain(`deleted run "asked" (${runs.asked})`);

    const no = await onTerminal(runs.declined, 'n\n');
    expect(no.code, no.shown).toBe(1);
    expect(no.shown).toContain('yardstick: nothing deleted');
    const ids = await runIds();
    expect(ids).not.toContain(runs.asked);
    expect(ids).toContain(runs.declined);
  });
});
