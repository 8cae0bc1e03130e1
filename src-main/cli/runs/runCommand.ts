import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { RunProgress } from '@contract/routes/runs';
import { ApiError } from '@core/apiError';
import type { Core } from '@core/host';
import { runDetail } from '@core/runner/results';
import { runManager, type StartedExecution } from '@core/runner/runManager';
import { CliError } from '../runtime';
import { runExitCodes } from './exitCodes';
import type { RunScoreSummary } from '@contract/routes/scoring';
import { humanSummary } from '../commands/scoring';
import { postRunHooks } from './postRunHooks';
import { ProgressView } from './progressView';
import { runJson, runTable } from './summary';

export interface ExecutionFlags {
  json?: boolean;
  /** commander's `--no-cache` sets `cache: false`. */
  cache?: boolean;
  concurrency?: string;
}

export function parsePositiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CliError(
      `${flag} must be a positive whole number, not "${value}"`,
      runExitCodes.usage,
    );
  return n;
}

/** `--shard 2/4` → { index: 2, count: 4 } (1-based). */
export function parseShard(
  value: string | undefined,
): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count)
    throw new CliError(
      `--shard must look like 2/4 (shard 2 of 4, counting from 1), not "${value}"`,
      runExitCodes.usage,
    );
  return { index, count };
}

/** A core error as a CLI failure with the right exit code (suite problems keep their lines). */
export function cliErrorOf(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  if (error.code === 'bad_request' && error.issues)
    return new CliError(error.message, runExitCodes.suiteInvalid);
  if (error.code === 'not_found') return new CliError(error.message, runExitCodes.usage);
  if (error.code === 'refused' || error.code === 'conflict')
    return new CliError(error.message, runExitCodes.refused);
  return new CliError(error.message, runExitCodes.failure);
}

/** Reads a suite file, refusing a missing one with its path. */
export function readSuiteFile(path: string): { text: string; file: string } {
  try {
    return { text: readFileSync(path, 'utf8'), file: relative(process.cwd(), path) || path };
  } catch (error) {
    throw new CliError(
      `cannot read suite file ${path}: ${(error as Error).message}`,
      runExitCodes.usage,
    );
  }
}

/**
 * Follows an execution to its end: progress on stderr, Ctrl-C / SIGTERM cancel it (keeping
 * what was stored), then post-run hooks, the summary (table or one JSON object) and the exit
 * code.
 */
export async function followExecution(
  core: Core,
  started: StartedExecution,
  json: boolean,
): Promise<void> {
  const view = new ProgressView();
  const runId = started.runId;
  const stop = core.events.subscribe((name, payload) => {
    if (name === 'run.progress' && (payload as RunProgress).runId === runId)
      view.update(payload as RunProgress);
  });
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(runExitCodes.interrupted);
    interrupted = true;
    process.stderr.write(
      `\nyardstick: stopping run ${runId}; results stored so far are kept (Ctrl-C again to quit at once)\n`,
    );
    runManager(core.context).cancel(runId);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const startedAt = performance.now();
  let outcome;
  try {
    outcome = await started.done;
  } finally {
    view.stop();
    stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const elapsedMs = performance.now() - startedAt;
  const postRun: Record<string, unknown> = {};
  if (outcome.status === 'completed') {
    const controller = new AbortController();
    for (const hook of postRunHooks) {
      postRun[hook.name] = await hook.run({
        core,
        runId,
        signal: controller.signal,
        log: (line) => process.stderr.write(`${line}\n`),
      });
    }
  }
  const summary = runJson(runDetail(core.context, runId, false), { elapsedMs, postRun });
  const scores = postRun.scores as RunScoreSummary | undefined;
  const human = scores ? `${runTable(summary)}\n\n${humanSummary(scores)}` : runTable(summary);
  process.stdout.write(json ? `${JSON.stringify(summary)}\n` : `${human}\n`);
  if (outcome.status === 'cancelled') {
    process.stderr.write(
      `yardstick: run ${runId} stopped; continue it with: yardstick resume ${runId}\n`,
    );
    process.exitCode = runExitCodes.interrupted;
  } else if (outcome.status === 'failed') {
    process.stderr.write(`yardstick: run ${runId} failed: ${outcome.error ?? 'unknown error'}\n`);
    process.stderr.write(`yardstick: continue it with: yardstick resume ${runId}\n`);
    process.exitCode = runExitCodes.failure;
  } else {
    process.exitCode = summary.cells.error > 0 ? runExitCodes.cellErrors : runExitCodes.ok;
  }
}
