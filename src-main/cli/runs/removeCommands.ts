/**
 * `yardstick rename RUN NAME` and `yardstick delete RUN`: the CLI side of core/runner/runRemoval.
 * Deleting asks on a terminal; a script says `--yes`; without either it is refused (exit 2), so
 * a pipeline never deletes evidence by accident.
 */
import type { Command } from 'commander';
import type { RunRemovalCounts } from '@contract/routes/runs';
import { ApiError } from '@core/apiError';
import { previewRunRemoval, removeRun, renameRun } from '@core/runner/runRemoval';
import { confirmDeletion, countList, refusalText, type CountWords } from '../confirmDeletion';
import { printResult } from '../output';
import { CliError, openCore, type GlobalOptions } from '../runtime';
import { resolveRunId } from '../workspaceIds';
import { runExitCodes } from './exitCodes';
import { cliErrorOf } from './runCommand';

const countWords: CountWords<keyof RunRemovalCounts> = [
  ['cells', 'cell', 'cells'],
  ['responses', 'response', 'responses'],
  ['scores', 'score', 'scores'],
  ['scoreOverrides', 'score override', 'score overrides'],
  ['failureModeTags', 'failure-mode tag', 'failure-mode tags'],
  ['judgeVariants', 'judge version', 'judge versions'],
  ['judgeVariantScores', 'judge-version score', 'judge-version scores'],
];

/** "270 cells, 270 responses, 540 scores" (kinds with no rows left out). */
export function describeCounts(counts: RunRemovalCounts): string {
  return countList(countWords, counts) || 'no cells';
}

function registerRename(program: Command) {
  program
    .command('rename')
    .description('give a run a new display name')
    .argument('<run>', 'run id (or a unique prefix)')
    .argument('<name>', 'the new name (1–200 characters)')
    .option('--json', 'print { runId, name } on stdout')
    .action(async (id: string, name: string, flags: { json?: boolean }, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const runId = resolveRunId(core, id);
        let renamed;
        try {
          renamed = renameRun(core.context, runId, name);
        } catch (error) {
          if (error instanceof ApiError && error.code === 'bad_request')
            throw new CliError(`cannot rename run ${runId}: ${error.message}`, runExitCodes.usage);
          throw cliErrorOf(error);
        }
        printResult(renamed, flags.json ?? false, (r) => `renamed run ${r.runId} to "${r.name}"`);
      } finally {
        await core.close();
      }
    });
}

function registerDelete(program: Command) {
  program
    .command('delete')
    .description(
      'delete a run with its cells, responses and scores (the response cache is kept); asks first',
    )
    .argument('<run>', 'run id (or a unique prefix)')
    .option('-y, --yes', 'do not ask (for scripts)')
    .option('--json', 'print what was deleted as one JSON object on stdout')
    .action(async (id: string, flags: { yes?: boolean; json?: boolean }, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const runId = resolveRunId(core, id);
        const preview = previewRunRemoval(core.context, runId);
        if (!preview.canDelete)
          throw new CliError(
            refusalText(`run "${preview.runName}" (${runId})`, preview.blockers),
            runExitCodes.refused,
          );
        const what = `run "${preview.runName}" (${runId}): ${describeCounts(preview.counts)}`;
        await confirmDeletion(
          flags.yes,
          what,
          `This deletes ${what}.\n${preview.cachedResponsesKept} cached responses stay (re-running the suite is free).\n`,
        );
        let removed;
        try {
          removed = await removeRun(core.context, runId);
        } catch (error) {
          throw cliErrorOf(error);
        }
        printResult(
          removed,
          flags.json ?? false,
          (r) =>
            `deleted run "${r.runName}" (${r.runId}): ${describeCounts(r.deleted)}; ${r.cachedResponsesKept} cached responses kept`,
        );
      } finally {
        await core.close();
      }
    });
}

/** `rename` and `delete`. */
export function registerRemoveCommands(program: Command) {
  registerRename(program);
  registerDelete(program);
}
