import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { exportRun, writeProvenanceSidecar, type ExportFormat } from '@core/runner/export';
import { runDetail } from '@core/runner/results';
import { summarizeRun } from '@core/scoring/analysis/summary';
import { runManager } from '@core/runner/runManager';
import { printResult, writableOutput } from '../output';
import { humanSummary } from './scoring';
import { CliError, openCore, type GlobalOptions } from '../runtime';
import { runExitCodes } from '../runs/exitCodes';
import {
  cliErrorOf,
  followExecution,
  parsePositiveInt,
  parseShard,
  readSuiteFile,
  type ExecutionFlags,
} from '../runs/runCommand';
import { registerMerge } from '../runs/mergeCommand';
import { registerRemoveCommands } from '../runs/removeCommands';
import { runJson, runTable } from '../runs/summary';
import { resolveRunId } from '../workspaceIds';

/** Download progress of the default local model on stderr, at most every second. */
function downloadProgress() {
  let last = 0;
  return (done: number, total: number) => {
    const now = Date.now();
    if (now - last < 1000 && done < total) return;
    last = now;
    const mb = (n: number) => (n / 1_048_576).toFixed(0);
    process.stderr.write(
      `yardstick: downloading the default local model: ${mb(done)}${total ? ` / ${mb(total)}` : ''} MB\n`,
    );
  };
}

function executionOptions(flags: ExecutionFlags) {
  return {
    noCache: flags.cache === false,
    concurrency: parsePositiveInt(flags.concurrency, '--concurrency') ?? null,
  };
}

function registerRun(program: Command) {
  program
    .command('run')
    .description('validate a suite, plan every cell, send them all and print a summary')
    .argument('<suite>', 'suite YAML file')
    .option('--json', 'print one JSON object on stdout (progress stays on stderr)')
    .option('--no-cache', 'send every request even if an identical one was answered before')
    .option('--concurrency <n>', "requests in flight per provider (overrides the suite's)")
    .option('--shard <i/n>', 'run only shard i of n (items split by a hash of their key)')
    .option('--limit <n>', 'use only the first n items of the dataset')
    .option('--name <name>', 'name of the run')
    .action(
      async (
        path: string,
        flags: ExecutionFlags & { shard?: string; limit?: string; name?: string },
        command: Command,
      ) => {
        // Every option is checked before anything is written: a typo must not leave a planned run.
        const shard = parseShard(flags.shard);
        const limit = parsePositiveInt(flags.limit, '--limit');
        const execution = executionOptions(flags);
        const { text, file } = readSuiteFile(path);
        const core = openCore({ ...command.optsWithGlobals<GlobalOptions>(), seedExamples: true });
        try {
          const manager = runManager(core.context);
          let started;
          try {
            await manager.prepare(text, file, downloadProgress());
            const planned = manager.plan(text, file, {
              shard,
              limit,
              ...(flags.name ? { name: flags.name } : {}),
            });
            process.stderr.write(
              `yardstick: run ${planned.runId}: ${planned.cellCount} cells planned\n`,
            );
            started = manager.execute(planned.runId, execution);
          } catch (error) {
            throw cliErrorOf(error);
          }
          await followExecution(core, started, flags.json ?? false);
        } finally {
          await core.close();
        }
      },
    );
}

function registerResume(program: Command) {
  program
    .command('resume')
    .description('continue a run: send only the cells that have no stored response')
    .argument('<run>', 'run id (or a unique prefix)')
    .option('--json', 'print one JSON object on stdout')
    .option('--no-cache', 'send every request even if an identical one was answered before')
    .option('--concurrency <n>', 'requests in flight per provider')
    .option('--retry-errors', 'also re-send cells that ended in an error')
    .action(
      async (id: string, flags: ExecutionFlags & { retryErrors?: boolean }, command: Command) => {
        const core = openCore(command.optsWithGlobals<GlobalOptions>());
        try {
          const runId = resolveRunId(core, id);
          let resumed;
          try {
            resumed = runManager(core.context).resume(runId, {
              ...executionOptions(flags),
              retryErrors: flags.retryErrors ?? false,
            });
          } catch (error) {
            throw cliErrorOf(error);
          }
          if (!resumed.started)
            throw new CliError(`run ${runId} is already executing`, runExitCodes.refused);
          process.stderr.write(`yardstick: run ${runId}: ${resumed.pending} cells to send\n`);
          await followExecution(core, resumed.started, flags.json ?? false);
        } finally {
          await core.close();
        }
      },
    );
}

function registerListAndShow(program: Command) {
  program
    .command('list')
    .description('list the runs of the workspace, newest first')
    .option('--json', 'print one JSON array')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const runs = core.context.repos.runs.list();
        printResult(runs, flags.json ?? false, (list) =>
          list.length === 0
            ? 'no runs yet: yardstick run suite.yaml'
            : list
                .map(
                  (r) =>
                    `${r.id}  ${r.status.padEnd(9)}  ${`${r.finishedCellCount}/${r.cellCount}`.padStart(11)}  ${r.createdAt.slice(0, 19).replace('T', ' ')}  ${r.name}`,
                )
                .join('\n'),
        );
      } finally {
        await core.close();
      }
    });
  program
    .command('show')
    .description('show a run: manifest, per-model counts, tokens, cost and latency')
    .argument('<run>', 'run id (or a unique prefix)')
    .option('--json', 'print one JSON object (with the full manifest)')
    .action(async (id: string, flags: { json?: boolean }, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const runId = resolveRunId(core, id);
        const detail = runDetail(core.context, runId, false);
        const summary = runJson(detail);
        const scores = summarizeRun(core.context, runId);
        printResult(
          {
            ...summary,
            scores,
            manifest: detail.manifest,
            createdAt: detail.createdAt,
            startedAt: detail.startedAt,
            finishedAt: detail.finishedAt,
            error: detail.error,
          },
          flags.json ?? false,
          () =>
            `${runTable(summary)}\n\n${humanSummary(scores)}\nmanifest ${detail.manifestHash}${detail.error ? `\nerror: ${detail.error}` : ''}`,
        );
      } finally {
        await core.close();
      }
    });
}

function registerExport(program: Command) {
  program
    .command('export')
    .description('write every cell of a run with its response as CSV, JSON Lines or Parquet')
    .argument('<run>', 'run id (or a unique prefix)')
    .requiredOption('--format <format>', 'csv, jsonl or parquet')
    .option(
      '--out <file>',
      'output file (default: stdout for csv/jsonl, <run>.parquet for parquet)',
    )
    .action(async (id: string, flags: { format: string; out?: string }, command: Command) => {
      if (!['csv', 'jsonl', 'parquet'].includes(flags.format))
        throw new CliError(
          `--format must be csv, jsonl or parquet, not "${flags.format}"`,
          runExitCodes.usage,
        );
      const format = flags.format as ExportFormat;
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const runId = resolveRunId(core, id);
        const out = flags.out ?? (format === 'parquet' ? `${runId}.parquet` : null);
        if (out !== null) writableOutput('--out', out);
        if (out === null) {
          exportRun(core.context, runId, format, (chunk) => process.stdout.write(chunk));
          await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
          return;
        }
        const stream = createWriteStream(out);
        const result = exportRun(core.context, runId, format, (chunk) => stream.write(chunk));
        await new Promise<void>((resolve, reject) => {
          const fail = (error: Error) =>
            reject(new CliError(`cannot write ${out}: ${error.message}`, runExitCodes.failure));
          // Without a listener a failed open or write would crash the process with a stack trace.
          stream.once('error', fail);
          stream.end((error?: Error | null) => (error ? fail(error) : resolve()));
        });
        if (format !== 'parquet') writeProvenanceSidecar(out, result);
        process.stderr.write(`yardstick: wrote ${result.rows} rows to ${out}\n`);
      } finally {
        await core.close();
      }
    });
}

/** Commands of the runs domain: run, resume, list, show, export, merge, rename, delete. */
export function registerRunCommands(program: Command) {
  registerRun(program);
  registerResume(program);
  registerListAndShow(program);
  registerExport(program);
  registerMerge(program);
  registerRemoveCommands(program);
}
