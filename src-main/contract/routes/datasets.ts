import { z } from 'zod';
import { defineEvent, defineRoute } from '../define';
import { Id, Page, Sha256, Empty } from '../common';
import {
  DatasetItem,
  DatasetJobResult,
  DatasetName,
  DatasetSummary,
  DatasetVersionSummary,
  DeriveOperation,
  ExportFormat,
  ImportPreview,
  ImportSettings,
  ItemInput,
  PiiFinding,
  PiiScanSummary,
  Paths,
  WrittenVersion,
} from './datasetsSchemas';
import {
  DatasetRemovalInterrupted,
  DatasetRemovalPreview,
  DatasetRemovalTarget,
  DatasetRemoved,
} from './datasetsRemovalSchemas';

export * from './datasetsSchemas';
export * from './datasetsRemovalSchemas';

const JobStarted = z.object({ jobId: Id });

export const datasetRoutes = {
  'datasets.list': defineRoute({
    kind: 'query',
    description: 'Every dataset in the workspace with its latest version.',
    input: Empty,
    output: z.array(DatasetSummary),
  }),
  'datasets.versions': defineRoute({
    kind: 'query',
    description: 'All versions of one dataset, newest first.',
    input: z.strictObject({ datasetId: Id }),
    output: z.array(DatasetVersionSummary),
  }),
  'datasets.items': defineRoute({
    kind: 'query',
    description: 'A page of the items of one frozen dataset version, in stored order.',
    input: z.strictObject({ versionId: Id, page: Page.optional() }),
    output: z.object({ total: z.number().int(), items: z.array(DatasetItem) }),
  }),
  'datasets.version': defineRoute({
    kind: 'query',
    description: 'One frozen version with its provenance (source) and privacy state.',
    input: z.strictObject({ versionId: Id }),
    output: DatasetVersionSummary.extend({
      datasetId: Id,
      datasetName: z.string(),
      source: z.record(z.string(), z.unknown()),
      hasPersonalData: z.boolean(),
    }),
  }),
  'datasets.preview': defineRoute({
    kind: 'query',
    description:
      'Reads the first records of files (paths on the machine running the core) with the given settings: detected format, columns, the mapping that would be used, and the first items or their problems.',
    input: z.strictObject({
      paths: Paths,
      settings: ImportSettings.optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    output: ImportPreview,
  }),
  'datasets.import': defineRoute({
    kind: 'command',
    description:
      'Starts an import job: files → a new frozen version (or, with dryRun, only the validation report). Refused on any problem unless skipBadRows; never leaves a half-made version.',
    input: z.strictObject({
      paths: Paths,
      datasetName: DatasetName,
      description: z.string().max(2000).nullable().optional(),
      note: z.string().max(2000).nullable().optional(),
      settings: ImportSettings.optional(),
      skipBadRows: z.boolean().default(false),
      dryRun: z.boolean().default(false),
    }),
    output: JobStarted,
  }),
  'datasets.jobResult': defineRoute({
    kind: 'query',
    description:
      "A dataset job's result once it completed (null while running, failed or cancelled).",
    input: z.strictObject({ jobId: Id }),
    output: DatasetJobResult.nullable(),
  }),
  'datasets.diff': defineRoute({
    kind: 'query',
    description: 'Items added, removed and changed (by key) from one version to another.',
    input: z.strictObject({ fromVersionId: Id, toVersionId: Id, page: Page.optional() }),
    output: z.object({
      counts: z.object({
        added: z.number().int(),
        removed: z.number().int(),
        changed: z.number().int(),
        unchanged: z.number().int(),
      }),
      total: z.number().int(),
      entries: z.array(
        z.object({
          key: z.string(),
          change: z.enum(['added', 'removed', 'changed']),
          before: DatasetItem.nullable(),
          after: DatasetItem.nullable(),
          /** Which hashed fields differ (for changed items). */
          fields: z.array(z.string()),
        }),
      ),
    }),
  }),
  'datasets.edit': defineRoute({
    kind: 'command',
    description:
      'Writes a new version from a parent: items added or replaced by key, items removed by key. The parent is recorded.',
    input: z.strictObject({
      parentVersionId: Id,
      upserts: z.array(ItemInput).max(100_000).default([]),
      removeKeys: z.array(z.string()).max(1_000_000).default([]),
      note: z.string().max(2000).nullable().optional(),
    }),
    output: WrittenVersion,
  }),
  'datasets.derive': defineRoute({
    kind: 'command',
    description:
      'Starts a job writing a version derived from another: a fold of a K-fold split, a seeded stratified sample, a de-duplicated or a redacted copy. Parameters and seed go into its source.',
    input: z.strictObject({
      sourceVersionId: Id,
      operation: DeriveOperation,
      /** Dataset to write into (default: the source's dataset). */
      targetDataset: DatasetName.optional(),
      note: z.string().max(2000).nullable().optional(),
      /** Compute and report, write nothing. */
      dryRun: z.boolean().default(false),
    }),
    output: JobStarted,
  }),
  'datasets.folds': defineRoute({
    kind: 'query',
    description:
      'How many items of a version fall in each of K folds (stable: by hash of the item key).',
    input: z.strictObject({
      versionId: Id,
      k: z.number().int().min(2).max(26),
      salt: z.string().max(200).default(''),
    }),
    output: z.array(
      z.object({ name: z.string(), index: z.number().int(), count: z.number().int() }),
    ),
  }),
  'datasets.scanPii': defineRoute({
    kind: 'command',
    description:
      'Starts a job scanning a version for personal data with the current detectors; findings are stored (masked).',
    input: z.strictObject({ versionId: Id }),
    output: JobStarted,
  }),
  'datasets.pii': defineRoute({
    kind: 'query',
    description: 'The latest personal-data scan of a version and a page of its findings (masked).',
    input: z.strictObject({ versionId: Id, page: Page.optional() }),
    output: z.object({
      scan: PiiScanSummary.nullable(),
      findings: z.array(PiiFinding),
      total: z.number().int(),
    }),
  }),
  'datasets.detectors': defineRoute({
    kind: 'query',
    description: 'The personal-data detectors the scan uses.',
    input: Empty,
    output: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        description: z.string(),
        replacement: z.string(),
      }),
    ),
  }),
  'datasets.setPolicy': defineRoute({
    kind: 'command',
    description:
      'Per-dataset privacy policy: allow non-local (cloud) providers to receive its items, and/or mark it personal regardless of scans.',
    input: z.strictObject({
      datasetId: Id,
      allowCloud: z.boolean().optional(),
      markedPersonal: z.boolean().optional(),
    }),
    output: DatasetSummary,
  }),
  'datasets.contamination': defineRoute({
    kind: 'command',
    description:
      'Starts a job checking a version against a reference corpus file (e.g. a training set) for n-gram overlap, streaming over the corpus.',
    input: z.strictObject({
      versionId: Id,
      corpusPath: z.string().min(1),
      n: z.number().int().min(3).max(50).default(13),
      corpusFormat: z.enum(['auto', 'text', 'jsonl']).default('auto'),
      /** For JSON Lines corpora: the field holding the text (default: every string value). */
      corpusField: z.string().optional(),
      minMatches: z.number().int().min(1).default(1),
      /** Also compare by cosine similarity of embeddings from a configured provider (label, id or kind). */
      embedding: z
        .strictObject({
          provider: z.string().min(1),
          model: z.string().min(1),
          threshold: z.number().min(0).max(1).default(0.9),
          maxPassages: z.number().int().min(1).max(100_000).default(2000),
          passageWords: z.number().int().min(8).max(2000).default(100),
        })
        .optional(),
    }),
    output: JobStarted,
  }),
  'datasets.export': defineRoute({
    kind: 'command',
    description:
      'Starts a job exporting a version as CSV, JSON Lines or Parquet, with a provenance file (hash, source, parent) next to it.',
    input: z.strictObject({
      versionId: Id,
      format: ExportFormat,
      path: z.string().min(1),
      overwrite: z.boolean().default(false),
    }),
    output: JobStarted,
  }),
  'datasets.deletePreview': defineRoute({
    kind: 'query',
    description:
      'What deleting a dataset ({ datasetId }) or one version ({ versionId }) would remove (rows by kind), what refuses it (runs that used it, labeling sessions on its items, versions derived from it, an import or other job on it) and the suites that will no longer validate; changes nothing.',
    input: DatasetRemovalTarget,
    output: DatasetRemovalPreview,
  }),
  'datasets.delete': defineRoute({
    kind: 'command',
    description:
      'Deletes a dataset or one version with its items, tags and privacy scans; refused (naming them) while runs used it, labeling sessions have tasks on it, versions derive from it or a job writes it. Deleting the last version deletes the dataset. A large version is hidden at once and its items deleted in short batches as a job (finished on the next start after a crash).',
    input: DatasetRemovalTarget,
    output: DatasetRemoved,
  }),
  'datasets.interruptedDeletions': defineRoute({
    kind: 'query',
    description:
      'Datasets and versions whose deletion stopped part way (cancelled, failed, or the app closed) and is not going on now: hidden from every other reader, listed only to finish deleting them.',
    input: Empty,
    output: z.array(DatasetRemovalInterrupted),
  }),
  'datasets.finishDelete': defineRoute({
    kind: 'command',
    description:
      'Finishes deleting what of a dataset (the dataset, or versions of it) a deletion left part way: the rest of the items in batches as a job, then the versions (and the dataset).',
    input: z.strictObject({ datasetId: Id }),
    output: DatasetRemoved,
  }),
};

export const datasetEvents = {
  'dataset.versionCreated': defineEvent({
    description: 'A new frozen version was written (import, edit, derive).',
    payload: z.object({
      datasetId: Id,
      versionId: Id,
      version: z.number().int(),
      itemCount: z.number().int(),
      contentHash: Sha256,
    }),
  }),
  'dataset.deleted': defineEvent({
    description:
      'A dataset or one of its versions was deleted (hidden at once; a large one finishes as a job).',
    payload: z.object({
      datasetId: Id,
      versionId: Id.nullable(),
      datasetDeleted: z.boolean(),
    }),
  }),
  'dataset.policyChanged': defineEvent({
    description: "A dataset's privacy policy changed.",
    payload: z.object({ datasetId: Id, allowCloud: z.boolean(), isPersonal: z.boolean() }),
  }),
};
