import type { Command } from 'commander';
import type { ImportOutcome } from '@contract/index';
import { formatProblem } from '@core/datasets/import/problems';
import { printResult } from './output';
import { CliError, exitCodes, openCore, type GlobalOptions } from './runtime';
import { collect, dispatchOrFail, followJob, positiveInt } from './datasetsJobs';

interface ImportOptions {
  dataset: string;
  format?: string;
  map: string[];
  delimiter?: string;
  header: boolean;
  columns?: string;
  categoryFromFile?: boolean;
  keepUnmapped: boolean;
  maxFieldBytes?: number;
  skipBadRows?: boolean;
  dryRun?: boolean;
  description?: string;
  note?: string;
  json?: boolean;
}

function parseMapping(entries: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new CliError(`--map takes field=column, got "${entry}"`, exitCodes.usage);
    mapping[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return mapping;
}

function describe(outcome: ImportOutcome): string {
  const files = outcome.files
    .map((f) => `${f.file} (${f.format}, ${f.rows.toLocaleString('en-US')} rows)`)
    .join(', ');
  if (outcome.status === 'refused') {
    return `import refused: ${outcome.problemCount.toLocaleString('en-US')} problem(s) in ${files || 'the input'}; nothing was written`;
  }
  const skipped =
    outcome.skipped > 0 ? `, ${outcome.skipped.toLocaleString('en-US')} bad rows skipped` : '';
  if (outcome.status === 'validated') {
    return `valid: ${outcome.itemCount.toLocaleString('en-US')} items would be imported from ${files}${skipped} (dry run: nothing written)`;
  }
  const personal =
    outcome.personalItems > 0
      ? `\n${outcome.personalItems.toLocaleString('en-US')} items hold personal data: cloud providers are refused for this dataset until allowed`
      : '';
  return `imported ${outcome.itemCount.toLocaleString('en-US')} items as version ${outcome.version} (${outcome.versionId})${skipped}\ncontent hash ${outcome.contentHash}${personal}`;
}

/** `yardstick import FILE… --dataset NAME`: files → a new frozen version, or a located refusal. */
export function registerImport(program: Command) {
  program
    .command('import')
    .description(
      'import CSV/TSV, JSON Lines, JSON arrays, Parquet or chat logs into a new frozen dataset version',
    )
    .argument('<files...>', 'files to import into one version')
    .requiredOption('--dataset <name>', 'dataset to add the version to (created if new)')
    .option('--format <format>', 'csv, tsv, jsonl, json, parquet or chat (default: from the file)')
    .option(
      '--map <field=column>',
      'map an item field to a column or a {column} template (repeatable)',
      collect,
      [],
    )
    .option('--delimiter <text>', 'CSV delimiter (default: guessed)')
    .option('--no-header', 'the CSV has no header row')
    .option('--columns <names>', 'comma-separated names for the columns of a headerless CSV')
    .option('--category-from-file', "use each file's name (without extension) as the category")
    .option('--no-keep-unmapped', 'drop columns that no field uses (default: kept as metadata)')
    .option(
      '--max-field-bytes <n>',
      'largest field accepted (default 1048576)',
      positiveInt('--max-field-bytes'),
    )
    .option(
      '--skip-bad-rows',
      'import the good rows and report the bad ones (default: refuse the import)',
    )
    .option('--dry-run', 'read and check everything, write nothing')
    .option('--description <text>', 'description of a new dataset')
    .option('--note <text>', 'note on the new version')
    .option('--json', 'print one JSON object')
    .action(async (files: string[], options: ImportOptions, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const settings = {
          ...(options.format ? { format: options.format } : {}),
          ...(options.delimiter ? { delimiter: options.delimiter.replace(/^\\t$/, '\t') } : {}),
          hasHeader: options.header,
          ...(options.columns
            ? { columnNames: options.columns.split(',').map((c) => c.trim()) }
            : {}),
          mapping: parseMapping(options.map),
          keepUnmapped: options.keepUnmapped,
          categoryFromFile: options.categoryFromFile ?? false,
          ...(options.maxFieldBytes ? { maxFieldBytes: options.maxFieldBytes } : {}),
        };
        const { jobId } = await dispatchOrFail<{ jobId: string }>(core, 'datasets.import', {
          paths: files,
          datasetName: options.dataset,
          description: options.description ?? null,
          note: options.note ?? null,
          settings,
          skipBadRows: options.skipBadRows ?? false,
          dryRun: options.dryRun ?? false,
        });
        const outcome = await followJob(core, jobId, 'import');
        for (const problem of outcome.problems) process.stderr.write(`${formatProblem(problem)}\n`);
        const hidden = outcome.problemCount - outcome.problems.length;
        if (hidden > 0)
          process.stderr.write(`… and ${hidden.toLocaleString('en-US')} more problems\n`);
        const {
          datasetId,
          versionId,
          version,
          itemCount,
          contentHash,
          skipped,
          problems,
          status,
          problemCount,
          rowsRead,
          files: read,
        } = outcome;
        printResult(
          {
            status,
            datasetId,
            versionId,
            version,
            itemCount,
            contentHash,
            skipped,
            rowsRead,
            problemCount,
            problems,
            files: read,
          },
          options.json ?? false,
          () => describe(outcome),
        );
        if (status === 'refused') process.exitCode = exitCodes.failure;
      } finally {
        await core.close();
      }
    });
}
