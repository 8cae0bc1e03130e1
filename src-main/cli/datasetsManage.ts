import type { Command } from 'commander';
import type { DatasetSummary, DatasetVersionSummary, DeriveOutcome } from '@contract/index';
import type { Core } from '@core/host';
import { printResult } from './output';
import { CliError, exitCodes, openCore, type GlobalOptions } from './runtime';
import { registerDatasetDelete } from './datasetsDelete';
import { collect, dispatchOrFail, followJob, positiveInt, resolveVersion } from './datasetsJobs';

type Json = { json?: boolean };

async function withCore(command: Command, work: (core: Core) => Promise<void>): Promise<void> {
  const core = openCore(command.optsWithGlobals<GlobalOptions>());
  try {
    await work(core);
  } finally {
    await core.close();
  }
}

function listText(datasets: DatasetSummary[]): string {
  if (datasets.length === 0)
    return 'no datasets (import one with: yardstick import FILE --dataset NAME)';
  return datasets
    .map((d) => {
      const v = d.latestVersion;
      const privacy = d.isPersonal
        ? d.allowCloud
          ? ' [personal, cloud allowed]'
          : ' [personal]'
        : '';
      return `${d.name.padEnd(28)} v${v?.version ?? '-'}  ${String(v?.itemCount ?? 0).padStart(8)} items  ${v?.contentHash.slice(0, 12) ?? ''}${privacy}`;
    })
    .join('\n');
}

async function derive(
  core: Core,
  options: Json & { into?: string; note?: string; dryRun?: boolean },
  sourceVersionId: string,
  operation: unknown,
) {
  const { jobId } = await dispatchOrFail<{ jobId: string }>(core, 'datasets.derive', {
    sourceVersionId,
    operation,
    ...(options.into ? { targetDataset: options.into } : {}),
    note: options.note ?? null,
    dryRun: options.dryRun ?? false,
  });
  const outcome = await followJob(core, jobId, 'derive');
  printResult(outcome, options.json ?? false, (o: DeriveOutcome) =>
    o.written
      ? `wrote version ${o.written.version} (${o.written.versionId}): ${o.selectedCount} of ${o.sourceItemCount} items\ncontent hash ${o.written.contentHash}\n${JSON.stringify(o.details)}`
      : `${o.selectedCount} of ${o.sourceItemCount} items selected (dry run)\n${JSON.stringify(o.details, null, 2)}`,
  );
}

function registerSelectors(sub: Command) {
  const add = (name: string, description: string) =>
    sub
      .command(name)
      .description(description)
      .argument('<dataset>', 'dataset name or version id')
      .option('--at <n>', 'version number (default: the latest; NAME@N works too)')
      .option('--json', 'print one JSON object');

  add('versions', 'list the versions of a dataset').action(
    async (name: string, options: Json, command: Command) =>
      withCore(command, async (core) => {
        const version = resolveVersion(core, name);
        const versions = await dispatchOrFail<DatasetVersionSummary[]>(core, 'datasets.versions', {
          datasetId: version.datasetId,
        });
        printResult(versions, options.json ?? false, (vs) =>
          vs
            .map(
              (v) =>
                `v${v.version}  ${String(v.itemCount).padStart(8)} items  ${v.contentHash}  ${v.createdAt}${v.parentId ? `  parent ${v.parentId}` : ''}${v.note ? `  ${v.note}` : ''}`,
            )
            .join('\n'),
        );
      }),
  );
  add('show', 'one version: hash, provenance, privacy').action(
    async (name: string, options: Json & { at?: string }, command: Command) =>
      withCore(command, async (core) => {
        const version = resolveVersion(core, name, options.at);
        const info = await dispatchOrFail<Record<string, unknown>>(core, 'datasets.version', {
          versionId: version.id,
        });
        printResult(info, options.json ?? false, (i) => JSON.stringify(i, null, 2));
      }),
  );
  add('diff', 'items added, removed and changed between two versions')
    .requiredOption('--from <n>', 'older version number')
    .option('--to <n>', 'newer version number (default: latest)')
    .option('--limit <n>', 'entries to list', positiveInt('--limit'), 50)
    .action(
      async (
        name: string,
        options: Json & { from: string; to?: string; limit: number },
        command: Command,
      ) =>
        withCore(command, async (core) => {
          const from = resolveVersion(core, name, options.from);
          const to = resolveVersion(core, name, options.to);
          const diff = await dispatchOrFail<{
            counts: Record<string, number>;
            entries: Array<{ key: string; change: string; fields: string[] }>;
          }>(core, 'datasets.diff', {
            fromVersionId: from.id,
            toVersionId: to.id,
            page: { offset: 0, limit: Math.max(1, options.limit) },
          });
          printResult(diff, options.json ?? false, (d) =>
            [
              `v${from.version} → v${to.version}: +${d.counts.added} added, -${d.counts.removed} removed, ~${d.counts.changed} changed, ${d.counts.unchanged} unchanged`,
              ...d.entries.map(
                (e) =>
                  `${e.change === 'added' ? '+' : e.change === 'removed' ? '-' : '~'} ${e.key}${e.fields.length ? ` (${e.fields.join(', ')})` : ''}`,
              ),
            ].join('\n'),
          );
        }),
    );
  add('folds', 'how many items fall in each of K folds')
    .requiredOption('-k <k>', 'number of folds', positiveInt('-k'))
    .option('--salt <text>', 'salt, to draw a different split', '')
    .action(
      async (
        name: string,
        options: Json & { at?: string; k: number; salt: string },
        command: Command,
      ) =>
        withCore(command, async (core) => {
          const version = resolveVersion(core, name, options.at);
          const folds = await dispatchOrFail<Array<{ name: string; count: number }>>(
            core,
            'datasets.folds',
            { versionId: version.id, k: options.k, salt: options.salt },
          );
          printResult(folds, options.json ?? false, (f) =>
            f.map((x) => `${x.name}  ${x.count}`).join('\n'),
          );
        }),
    );
  add('split', 'write a version holding some folds of a K-fold split (e.g. held-out set B)')
    .requiredOption('-k <k>', 'number of folds', positiveInt('-k'))
    .requiredOption('--fold <letter>', 'fold to take (repeatable)', collect, [])
    .option('--complement', 'take every other fold instead')
    .option('--salt <text>', 'salt, to draw a different split', '')
    .option('--into <dataset>', 'write into this dataset (default: the same)')
    .option('--note <text>', 'note on the new version')
    .option('--dry-run', 'report only')
    .action(
      async (
        name: string,
        options: Json & {
          at?: string;
          k: number;
          fold: string[];
          complement?: boolean;
          salt: string;
          into?: string;
          note?: string;
          dryRun?: boolean;
        },
        command: Command,
      ) =>
        withCore(command, async (core) => {
          const version = resolveVersion(core, name, options.at);
          await derive(core, options, version.id, {
            kind: 'fold',
            k: options.k,
            folds: options.fold.map((f) => f.toUpperCase()),
            salt: options.salt,
            complement: options.complement ?? false,
          });
        }),
    );
  add('sample', 'write a seeded, stratified sample as a new version')
    .requiredOption('--size <n>', 'items to sample', positiveInt('--size'))
    .requiredOption('--seed <seed>', 'random seed (recorded on the version)')
    .option(
      '--min-per-category <n>',
      'at least this many per category',
      positiveInt('--min-per-category'),
      0,
    )
    .option('--oversample-rare', 'allocate the rest by √population instead of population')
    .option('--no-stratify', 'simple random sample')
    .option('--into <dataset>', 'write into this dataset (default: the same)')
    .option('--note <text>', 'note on the new version')
    .option('--dry-run', 'report only')
    .action(
      async (
        name: string,
        options: Json & {
          at?: string;
          size: number;
          seed: string;
          minPerCategory: number;
          oversampleRare?: boolean;
          stratify: boolean;
          into?: string;
          note?: string;
          dryRun?: boolean;
        },
        command: Command,
      ) =>
        withCore(command, async (core) => {
          const version = resolveVersion(core, name, options.at);
          const seed = /^-?\d+$/.test(options.seed) ? Number(options.seed) : options.seed;
          await derive(core, options, version.id, {
            kind: 'sample',
            size: options.size,
            seed,
            stratify: options.stratify,
            minPerCategory: options.minPerCategory,
            oversampleRare: options.oversampleRare ?? false,
          });
        }),
    );
  add('dedup', 'write a version without duplicates (exact, or near-duplicates by MinHash)')
    .option('--near', 'also remove near-duplicates')
    .option('--threshold <j>', 'Jaccard similarity for near-duplicates', '0.8')
    .option('--fields <fields>', 'input or input+reference', 'input')
    .option('--into <dataset>', 'write into this dataset (default: the same)')
    .option('--note <text>', 'note on the new version')
    .option('--dry-run', 'report the duplicate groups only')
    .action(
      async (
        name: string,
        options: Json & {
          at?: string;
          near?: boolean;
          threshold: string;
          fields: string;
          into?: string;
          note?: string;
          dryRun?: boolean;
        },
        command: Command,
      ) =>
        withCore(command, async (core) => {
          const version = resolveVersion(core, name, options.at);
          await derive(core, options, version.id, {
            kind: 'dedup',
            mode: options.near ? 'near' : 'exact',
            threshold: Number(options.threshold),
            fields: options.fields,
          });
        }),
    );
  add('redact', 'write a version with personal data replaced by [EMAIL], [PHONE], …')
    .option('--note <text>', 'note on the new version')
    .action(
      async (name: string, options: Json & { at?: string; note?: string }, command: Command) =>
        withCore(command, async (core) => {
          const version = resolveVersion(core, name, options.at);
          await derive(core, options, version.id, { kind: 'redact' });
        }),
    );
  for (const [verb, field, description] of [
    [
      'allow-cloud',
      'allowCloud',
      'allow non-local (cloud) providers to receive this dataset (--off to revoke)',
    ],
    [
      'mark-personal',
      'markedPersonal',
      'treat this dataset as personal whatever scans find (--off to undo)',
    ],
  ] as const) {
    add(verb, description)
      .option('--off', 'turn it off')
      .action(async (name: string, options: Json & { off?: boolean }, command: Command) =>
        withCore(command, async (core) => {
          const version = resolveVersion(core, name);
          const dataset = await dispatchOrFail<DatasetSummary>(core, 'datasets.setPolicy', {
            datasetId: version.datasetId,
            [field]: !options.off,
          });
          printResult(
            dataset,
            options.json ?? false,
            (d) =>
              `${d.name}: cloud providers ${d.allowCloud ? 'allowed' : 'refused when it holds personal data'}; personal: ${d.isPersonal ? 'yes' : 'no'}${d.isMarkedPersonal ? ' (marked)' : ''}`,
          );
        }),
      );
  }
}

/** `yardstick datasets [list|versions|show|diff|folds|split|sample|dedup|redact|allow-cloud|mark-personal|delete]`. */
export function registerDatasets(program: Command) {
  const sub = program
    .command('datasets')
    .description('list and manage datasets and their versions');
  sub
    .command('list', { isDefault: true })
    .description('list datasets with their latest version')
    .option('--json', 'print one JSON value')
    .action(async (options: Json, command: Command) =>
      withCore(command, async (core) => {
        const datasets = await dispatchOrFail<DatasetSummary[]>(core, 'datasets.list', {});
        printResult(datasets, options.json ?? false, listText);
      }),
    );
  registerSelectors(sub);
  registerDatasetDelete(sub);
  void exitCodes;
  void CliError;
}
