/**
 * `yardstick datasets delete NAME[@VERSION]`: the CLI side of core/datasets/removal. Like
 * `yardstick delete RUN`, it asks on a terminal; a script says `--yes`; without either it is
 * refused (exit 2), so a pipeline never deletes data by accident. Refusals are exit 6.
 */
import type { Command } from 'commander';
import type {
  DatasetRemovalCounts,
  DatasetRemovalPreview,
  DatasetRemovalTarget,
  DatasetRemoved,
} from '@contract/routes/datasets';
import type { Core } from '@core/host';
import {
  deletionElsewhereOf,
  finishInterruptedDatasetRemovals,
  previewDatasetRemoval,
  removeDatasetTarget,
} from '@core/datasets/removal/removeDataset';
import { datasetRemovalCountLines } from '@core/datasets/removalCountNames';
import { countPhrase } from '@core/util/countNames';
import { confirmDeletion, refusalText } from './confirmDeletion';
import { resolveVersion } from './datasetsJobs';
import { printResult } from './output';
import { cliErrorOf } from './runs/runCommand';
import { runExitCodes } from './runs/exitCodes';
import { CliError, openCore, type GlobalOptions } from './runtime';

/** "1 version, 250 items, 1 privacy scan" (kinds with no rows, or not counted, left out), as the core names them. */
export function describeDatasetCounts(counts: DatasetRemovalCounts): string {
  return countPhrase(datasetRemovalCountLines(counts));
}

function whatOf(p: DatasetRemovalPreview): string {
  return p.version === null
    ? `dataset "${p.datasetName}"`
    : `version ${p.version} of dataset "${p.datasetName}"`;
}

/** What the terminal question says goes, and what it does to suites. */
function questionText(preview: DatasetRemovalPreview): string {
  const lines = [`This deletes ${whatOf(preview)}: ${countPhrase(preview.countLines)}.`];
  if (preview.version !== null && preview.removesDataset)
    lines.push(`It is the only version left: the dataset "${preview.datasetName}" goes with it.`);
  for (const s of preview.suites) lines.push(`Suite "${s.suiteName}" ${s.message}.`);
  return `${lines.join('\n')}\n`;
}

/** What a finished removal took: "dataset "faq"", "version 2 of dataset "faq"". */
function finishedWhat(r: DatasetRemoved): string {
  if (r.removesDataset) return `dataset "${r.datasetName}"`;
  if (r.version !== null) return `version ${r.version} of dataset "${r.datasetName}"`;
  return `${r.deleted.versions} versions of dataset "${r.datasetName}"`;
}

/**
 * NAME (the whole dataset), NAME@N or a version id (one version). One that another process
 * is deleting now is hidden: said so, naming that process, rather than "unknown".
 */
function targetOf(core: Core, name: string): DatasetRemovalTarget {
  let version;
  try {
    version = resolveVersion(core, name);
  } catch (error) {
    throw cliErrorOf(deletionElsewhereOf(core.context, name.replace(/@\d+$/, '')) ?? error);
  }
  const oneVersion = /^(.+)@(\d+)$/.test(name) || /^dv_[0-9a-z]+$/.test(name);
  return oneVersion ? { versionId: version.id } : { datasetId: version.datasetId };
}

/** `datasets delete` under `yardstick datasets`. */
export function registerDatasetDelete(sub: Command) {
  sub
    .command('delete')
    .description(
      'delete a dataset (NAME) or one version (NAME@N) with its items, tags and privacy scans; asks first',
    )
    .argument('<dataset>', 'dataset name, NAME@N for one version, or a version id')
    .option('-y, --yes', 'do not ask (for scripts)')
    .option('--json', 'print what was deleted as one JSON object on stdout')
    .action(async (name: string, flags: { yes?: boolean; json?: boolean }, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        // Deletions an earlier command (or a cancel in the app) left part way are finished
        // first: they are hidden till then. Said on stderr, so --json stays one object.
        for (const r of await Promise.all(finishInterruptedDatasetRemovals(core.context)))
          if (r)
            process.stderr.write(
              `finished deleting ${finishedWhat(r)}, which an earlier deletion left part way: ${describeDatasetCounts(r.deleted)}\n`,
            );
        const target = targetOf(core, name);
        let preview;
        try {
          preview = previewDatasetRemoval(core.context, target);
        } catch (error) {
          throw cliErrorOf(error);
        }
        if (!preview.canDelete)
          throw new CliError(refusalText(whatOf(preview), preview.blockers), runExitCodes.refused);
        await confirmDeletion(flags.yes, whatOf(preview), questionText(preview));
        let removed;
        try {
          removed = await removeDatasetTarget(core.context, target);
        } catch (error) {
          throw cliErrorOf(error);
        }
        printResult(removed, flags.json ?? false, (r) => {
          const what =
            r.version === null
              ? `dataset "${r.datasetName}"`
              : `version ${r.version} of dataset "${r.datasetName}"${r.removesDataset ? ' (its last: the dataset went too)' : ''}`;
          return `deleted ${what}: ${describeDatasetCounts(r.deleted)}`;
        });
      } finally {
        await core.close();
      }
    });
}
