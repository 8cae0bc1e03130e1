import type { Command } from 'commander';
import type { Core } from '@core/host';
import {
  MergeCancelledError,
  mergeShards,
  MergeRefusedError,
  type MergeShardsResult,
} from '@core/runner/mergeShards';
import { runDetail } from '@core/runner/results';
import { printResult } from '../output';
import { CliError, openCore, type GlobalOptions } from '../runtime';
import { runExitCodes } from './exitCodes';
import { MergeProgressView } from './mergeProgressView';
import { runJson, runTable } from './summary';

/** A refusal as a CLI failure: unreadable sources are usage errors, the rest say why. */
function cliErrorOfMerge(error: unknown): unknown {
  if (error instanceof MergeCancelledError)
    return new CliError(
      'merge interrupted: rolled back, the target workspace is as it was',
      runExitCodes.interrupted,
    );
  if (!(error instanceof MergeRefusedError)) return error;
  const code =
    error.reason === 'source'
      ? runExitCodes.usage
      : error.reason === 'already_merged'
        ? runExitCodes.refused
        : runExitCodes.shardsMismatch;
  return new CliError(error.message, code);
}

function mergeLines(merge: MergeShardsResult, sources: readonly string[]): string {
  const c = merge.copied;
  return [
    `merged shards ${merge.mergedShards.join(', ')} of ${merge.shardCount} from ${sources.join(', ')}`,
    ...(merge.missingShards.length > 0
      ? [`missing shards: ${merge.missingShards.join(', ')} (the run has only the others' cells)`]
      : []),
    ...(merge.pendingCells > 0
      ? [`${merge.pendingCells} cells pending: yardstick resume ${merge.runId}`]
      : []),
    `copied ${c.responses} responses, ${c.scores} scores, ${c.overrides} overrides, ` +
      `${c.failureModeTags} failure-mode tags, ${c.cacheRows} new cache rows` +
      (c.isDatasetVersionCopied ? ', the dataset version' : '') +
      (c.isSuiteCopied ? ', the suite' : ''),
  ].join('\n');
}

/**
 * The merge with progress on stderr; Ctrl-C or SIGTERM stops it at its next progress report
 * (a few ms: it rolls back, exit 130), a second Ctrl-C quits at once (SQLite discards the
 * uncommitted transaction either way).
 */
async function mergeWithProgress(
  context: Core['context'],
  paths: readonly string[],
  flags: { allowPartial?: boolean; name?: string; run?: string[]; json?: boolean },
): Promise<MergeShardsResult> {
  const view = new MergeProgressView(flags.json ?? false);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(runExitCodes.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let isMerged = false;
  try {
    const merge = await mergeShards(context, paths, {
      allowPartial: flags.allowPartial ?? false,
      name: flags.name ?? null,
      runIds: flags.run ?? null,
      onProgress: (p) => view.update(p),
      signal: controller.signal,
    });
    isMerged = true;
    return merge;
  } catch (error) {
    throw cliErrorOfMerge(error);
  } finally {
    view.stop(isMerged);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `yardstick merge <shard-workspace>...`: folds shard runs into one run of the workspace. */
export function registerMerge(program: Command) {
  program
    .command('merge')
    .description(
      'fold the shard runs of one suite (run --shard i/n, one workspace each) into one run of the workspace',
    )
    .argument('<shard-workspace...>', 'shard workspace folders (or their workspace.sqlite files)')
    .option('--allow-partial', 'merge even with shards missing or not completed')
    .option(
      '--run <id...>',
      'merge only these shard runs (a workspace holding a retried shard next to its first attempt)',
    )
    .option('--name <name>', 'name of the merged run')
    .option('--json', 'print one JSON object (the run summary plus what was merged)')
    .action(
      async (
        paths: string[],
        flags: { allowPartial?: boolean; name?: string; run?: string[]; json?: boolean },
        command: Command,
      ) => {
        const core = openCore(command.optsWithGlobals<GlobalOptions>());
        try {
          const merge = await mergeWithProgress(core.context, paths, flags);
          const summary = runJson(runDetail(core.context, merge.runId, false));
          printResult(
            {
              ...summary,
              merge: {
                shardCount: merge.shardCount,
                mergedShards: merge.mergedShards,
                missingShards: merge.missingShards,
                pendingCells: merge.pendingCells,
                sources: paths,
                copied: merge.copied,
              },
            },
            flags.json ?? false,
            () => `${runTable(summary)}\n\n${mergeLines(merge, paths)}`,
          );
        } finally {
          await core.close();
        }
      },
    );
}
