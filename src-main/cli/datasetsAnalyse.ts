import type { Command } from 'commander';
import type {
  ContaminationOutcome,
  ExportOutcome,
  PiiFinding,
  PiiScanSummary,
} from '@contract/index';
import { printResult, writableOutput } from './output';
import { CliError, exitCodes, openCore, type GlobalOptions } from './runtime';
import { dispatchOrFail, followJob, positiveInt, resolveVersion } from './datasetsJobs';

type Versioned = { at?: string; json?: boolean };

/** `yardstick export-dataset NAME --format F --out FILE`. */
export function registerExport(program: Command) {
  program
    .command('export-dataset')
    .description(
      'export a version as CSV, JSON Lines or Parquet, with a provenance file next to it',
    )
    .argument('<dataset>', 'dataset name or version id')
    .option('--at <n>', 'version number (default: the latest; NAME@N works too)')
    .requiredOption('--format <format>', 'csv, jsonl or parquet')
    .requiredOption('--out <file>', 'file to write')
    .option('--overwrite', 'replace an existing file')
    .option('--json', 'print one JSON object')
    .action(
      async (
        name: string,
        options: Versioned & { format: string; out: string; overwrite?: boolean },
        command: Command,
      ) => {
        // A missing folder would otherwise fail inside the job, naming its temporary file.
        writableOutput('--out', options.out);
        const core = openCore(command.optsWithGlobals<GlobalOptions>());
        try {
          const version = resolveVersion(core, name, options.at);
          const { jobId } = await dispatchOrFail<{ jobId: string }>(core, 'datasets.export', {
            versionId: version.id,
            format: options.format,
            path: options.out,
            overwrite: options.overwrite ?? false,
          });
          const outcome = await followJob(core, jobId, 'export');
          printResult(
            outcome,
            options.json ?? false,
            (o: ExportOutcome) =>
              `wrote ${o.itemCount} items to ${o.path} (${o.bytes} bytes)\ncontent hash ${o.contentHash}\nprovenance ${o.provenancePath}`,
          );
        } finally {
          await core.close();
        }
      },
    );
}

/** `yardstick contamination NAME --corpus FILE`. */
export function registerContamination(program: Command) {
  program
    .command('contamination')
    .description(
      'n-gram overlap (13 words by default) between a version and a reference corpus, e.g. a training set',
    )
    .argument('<dataset>', 'dataset name or version id')
    .option('--at <n>', 'version number (default: the latest; NAME@N works too)')
    .requiredOption('--corpus <file>', 'reference corpus: plain text or JSON Lines')
    .option('-n <words>', 'n-gram length in words', positiveInt('-n'), 13)
    .option('--corpus-format <format>', 'auto, text or jsonl', 'auto')
    .option('--corpus-field <name>', 'JSON Lines field holding the text (default: all strings)')
    .option(
      '--min-matches <n>',
      'n-grams an item must share to count as contaminated',
      positiveInt('--min-matches'),
      1,
    )
    .option(
      '--embedding-provider <name>',
      'also compare by embedding similarity, with this configured provider (label, id or kind)',
    )
    .option('--embedding-model <model>', 'the embedding model (with --embedding-provider)')
    .option(
      '--similarity <cosine>',
      'cosine similarity at or above which an item is reported',
      '0.9',
    )
    .option(
      '--max-passages <n>',
      'corpus passages to embed, from the start',
      positiveInt('--max-passages'),
      2000,
    )
    .option('--json', 'print one JSON object')
    .action(
      async (
        name: string,
        options: Versioned & {
          corpus: string;
          n: number;
          corpusFormat: string;
          corpusField?: string;
          minMatches: number;
          embeddingProvider?: string;
          embeddingModel?: string;
          similarity: string;
          maxPassages: number;
        },
        command: Command,
      ) => {
        const core = openCore(command.optsWithGlobals<GlobalOptions>());
        try {
          const version = resolveVersion(core, name, options.at);
          const { jobId } = await dispatchOrFail<{ jobId: string }>(
            core,
            'datasets.contamination',
            {
              versionId: version.id,
              corpusPath: options.corpus,
              n: options.n,
              corpusFormat: options.corpusFormat,
              ...(options.corpusField ? { corpusField: options.corpusField } : {}),
              minMatches: Math.max(1, options.minMatches),
              ...(options.embeddingProvider
                ? {
                    embedding: {
                      provider: options.embeddingProvider,
                      model: options.embeddingModel ?? '',
                      threshold: Number(options.similarity),
                      maxPassages: Math.max(1, options.maxPassages),
                    },
                  }
                : {}),
            },
          );
          const outcome = await followJob(core, jobId, 'contamination');
          printResult(outcome, options.json ?? false, (o: ContaminationOutcome) =>
            [
              `${o.contaminatedItems} of ${o.checkedItems} checked items contaminated (rate ${(o.rate * 100).toFixed(2)}%; ${o.n}-grams; ${o.itemCount - o.checkedItems} items too short to check)`,
              ...o.items
                .slice(0, 50)
                .map(
                  (i) =>
                    `  ${i.key}  ${i.matchedNgrams}/${i.totalNgrams} n-grams  "${(i.spans[0]?.text ?? '').slice(0, 80)}"`,
                ),
              ...(o.embedding.status === 'done'
                ? [
                    `embedding similarity (${o.embedding.provider ?? ''} ${o.embedding.model ?? ''}, ${o.embedding.passages} passages${o.embedding.isTruncated ? ', truncated' : ''}): ${o.embedding.items.length} items at or above ${o.embedding.threshold ?? ''}`,
                    ...o.embedding.items
                      .slice(0, 20)
                      .map(
                        (i) =>
                          `  ${i.key}  ${i.similarity.toFixed(3)}  "${i.passage.slice(0, 80)}"`,
                      ),
                  ]
                : []),
            ].join('\n'),
          );
        } finally {
          await core.close();
        }
      },
    );
}

/** `yardstick pii-scan NAME`: scan a version for personal data and list the findings (masked). */
export function registerPiiScan(program: Command) {
  program
    .command('pii-scan')
    .description(
      'scan a version for personal data (emails, phones, cards, IBANs, IPs, national ids)',
    )
    .argument('<dataset>', 'dataset name or version id')
    .option('--at <n>', 'version number (default: the latest; NAME@N works too)')
    .option('--findings <n>', 'findings to list', positiveInt('--findings'), 50)
    .option('--json', 'print one JSON object')
    .action(async (name: string, options: Versioned & { findings: number }, command: Command) => {
      const core = openCore(command.optsWithGlobals<GlobalOptions>());
      try {
        const version = resolveVersion(core, name, options.at);
        const { jobId } = await dispatchOrFail<{ jobId: string }>(core, 'datasets.scanPii', {
          versionId: version.id,
        });
        const scan = await followJob(core, jobId, 'pii-scan');
        const page =
          options.findings > 0
            ? await dispatchOrFail<{ findings: PiiFinding[] }>(core, 'datasets.pii', {
                versionId: version.id,
                page: { offset: 0, limit: Math.min(5000, options.findings) },
              })
            : { findings: [] };
        printResult(
          { scan, findings: page.findings },
          options.json ?? false,
          ({ scan: s, findings }: { scan: PiiScanSummary; findings: PiiFinding[] }) =>
            [
              `${s.flaggedCount} of ${s.itemCount} items hold personal data (${s.findingCount} findings: ${
                Object.entries(s.byDetector)
                  .map(([d, n]) => `${d} ${n}`)
                  .join(', ') || 'none'
              })`,
              ...findings.map(
                (f) =>
                  `  ${f.itemKey}  ${f.field}:${f.start}-${f.end}  ${f.detector}  ${f.preview}`,
              ),
            ].join('\n'),
        );
      } finally {
        await core.close();
      }
    });
  void CliError;
  void exitCodes;
}
