/**
 * `yardstick rename RUN NAME` and `yardstick delete RUN`: the CLI side of core/runner/runRemoval.
 * Deleting asks on a terminal; a script says `--yes`; without either it is refused (exit 2), so
 * a pipeline never deletes evidence by accident.
 */
import type { Command } from 'commander';
import type { RunRemovalCounts, RunRemoved } from '@contract/routes/runs';
import { ApiError } from '@core/apiError';
import { runRemovalCountLines } from '@core/runner/removalCountNames';
import {
  finishInterruptedRemovalsNow,
  previewRunRemoval,
  removeRun,
  renameRun,
} from '@core/runner/runRemoval';
import { countPhrase } from '@core/util/countNames';
import { confirmDeletion, refusalText } from '../confirmDeletion';
import { printResult } from '../output';
import { CliError, openCore, type GlobalOptions } from '../runtime';
import { resolveRunId } from '../workspaceIds';
import { runExitCodes } from './exitCodes';
import { cliErrorOf } from './runCommand';

/** "270 cells, 270 responses, 540 scores" (the cells, and other kinds with rows), as the core names them. */
export function describeCounts(counts: RunRemovalCounts): string {
  return countPhrase(runRemovalCountLines(counts));
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
      const printRemoved = (removed: RunRemoved) =>
        printResult(
          removed,
          flags.json ?? false,
          (r) =>
            `deleted run "${r.runName}" (${r.runId}): ${describeCounts(r.deleted)}; ${r.cachedResponsesKept} cached responses kept`,
        );
      try {
        // Deletions an earlier command (or a cancel in the app) left part way are finished
        // first: those runs are hidden till then. Said on stderr, so --json stays one object.
        const finished = await finishInterruptedRemovalsNow(core.context);
        for (const r of finished)
          process.stderr.write(
            `finished deleting run "${r.runName}" (${r.runId}), which an earlier deletion left part way: ${describeCounts(r.deleted)}\n`,
          );
        // The run asked for was one of them: it is deleted now.
        const asked = finished.find((r) => r.runId === id);
        if (asked) {
          printRemoved(asked);
          return;
        }
        const runId = resolveRunId(core, id);
        const preview = previewRunRemoval(core.context, runId);
        if (!preview.canDelete)
          throw new CliError(
            refusalText(`run "${preview.runName}" (${runId})`, preview.blockers),
            runExitCodes.refused,
          );
        const what = `run "${preview.runName}" (${runId}): ${countPhrase(preview.countLines)}`;
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
        printRemoved(removed);
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
