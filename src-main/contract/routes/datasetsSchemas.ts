/** The data shapes of the datasets routes (routes/datasets.ts), one place to read them. */
import { z } from 'zod';
import { Id, IsoTime, Sha256 } from '../common';

export const DatasetVersionSummary = z.object({
  id: Id,
  version: z.number().int(),
  parentId: Id.nullable(),
  contentHash: Sha256,
  itemCount: z.number().int(),
  isFrozen: z.boolean(),
  createdAt: IsoTime,
  note: z.string().nullable(),
});
export type DatasetVersionSummary = z.infer<typeof DatasetVersionSummary>;

export const DatasetSummary = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  /** Some version was found to hold personal data, or the user marked the dataset personal. */
  isPersonal: z.boolean(),
  /** The user said "treat as personal" regardless of what scans find. */
  isMarkedPersonal: z.boolean(),
  /** The user allowed non-local (cloud) providers to receive this dataset's items. */
  allowCloud: z.boolean(),
  createdAt: IsoTime,
  versionCount: z.number().int(),
  latestVersion: DatasetVersionSummary.nullable(),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;

export const DatasetItem = z.object({
  id: z.number().int(),
  key: z.string(),
  position: z.number().int(),
  inputFormat: z.enum(['text', 'messages']),
  input: z.string(),
  reference: z.string().nullable(),
  category: z.string().nullable(),
  groupId: z.string().nullable(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  contentHash: Sha256,
  hasPersonalData: z.boolean(),
});
export type DatasetItem = z.infer<typeof DatasetItem>;

/** Where a problem is in an input file: `file:line:column: message`. */
export const ImportProblem = z.object({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportFormat = z.enum(['csv', 'tsv', 'jsonl', 'json', 'parquet', 'chat']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** How to read the files and which columns become which item fields. */
export const ImportSettings = z.strictObject({
  format: ImportFormat.optional(),
  delimiter: z.string().min(1).max(8).optional(),
  hasHeader: z.boolean().optional(),
  columnNames: z.array(z.string().min(1)).max(10_000).optional(),
  /**
   * field → column, or a `{column}` template. Fields: id, input, reference, category, group,
   * tags, metadata (a JSON object column), inputFormat, metadata.<name>.
   */
  mapping: z.record(z.string(), z.string()).optional(),
  keepUnmapped: z.boolean().optional(),
  categoryFromFile: z.boolean().optional(),
  maxFieldBytes: z
    .number()
    .int()
    .min(1)
    .max(512 * 1024 * 1024)
    .optional(),
});
export type ImportSettings = z.infer<typeof ImportSettings>;

/** Files on the machine running the core. */
export const Paths = z.array(z.string().min(1)).min(1).max(1000);
export const DatasetName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]+$/u, 'no control characters');

export const ImportPreview = z.object({
  files: z.array(z.object({ file: z.string(), format: ImportFormat, bytes: z.number() })),
  format: ImportFormat,
  columns: z.array(z.string()),
  /** The first records as read (long values shortened). */
  rows: z.array(z.object({ line: z.number().int(), values: z.record(z.string(), z.unknown()) })),
  /** The mapping an import with these settings would use (explicit entries over automatic ones). */
  mapping: z.record(z.string(), z.string()),
  /** The first records as items, or why each one cannot be imported. */
  items: z.array(
    z.object({
      line: z.number().int(),
      item: z
        .object({
          key: z.string(),
          inputFormat: z.enum(['text', 'messages']),
          input: z.string(),
          reference: z.string().nullable(),
          category: z.string().nullable(),
          groupId: z.string().nullable(),
          tags: z.array(z.string()),
          metadata: z.record(z.string(), z.unknown()),
        })
        .nullable(),
      problems: z.array(ImportProblem),
    }),
  ),
  problems: z.array(ImportProblem),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportOutcome = z.object({
  status: z.enum(['imported', 'refused', 'validated']),
  datasetId: Id.nullable(),
  versionId: Id.nullable(),
  version: z.number().int().nullable(),
  itemCount: z.number().int(),
  contentHash: Sha256.nullable(),
  rowsRead: z.number().int(),
  skipped: z.number().int(),
  problemCount: z.number().int(),
  /** The first 1,000 problems, each located. */
  problems: z.array(ImportProblem),
  files: z.array(
    z.object({ file: z.string(), format: ImportFormat, rows: z.number().int(), bytes: z.number() }),
  ),
  mapping: z.record(z.string(), z.string()),
  personalItems: z.number().int(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const WrittenVersion = z.object({
  datasetId: Id,
  versionId: Id,
  version: z.number().int(),
  contentHash: Sha256,
  itemCount: z.number().int(),
});
export type WrittenVersion = z.infer<typeof WrittenVersion>;

/** An item as the user edits it (a new version is written with it). */
export const ItemInput = z.strictObject({
  key: z.string().min(1).max(1000),
  inputFormat: z.enum(['text', 'messages']).optional(),
  input: z.string().min(1),
  reference: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
  groupId: z.string().nullable().optional(),
  tags: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type ItemInput = z.infer<typeof ItemInput>;

/** How a derived version selects or rewrites the items of its source version. */
export const DeriveOperation = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fold'),
    k: z.number().int().min(2).max(26),
    /** Fold names A, B, C…; "held-out set B" is `folds: ['B']`. */
    folds: z.array(z.string().regex(/^[A-Z]$/)).min(1),
    salt: z.string().max(200).default(''),
    /** Take every fold except the named ones (the training side of a split). */
    complement: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('sample'),
    size: z.number().int().min(1),
    seed: z.union([z.number().int(), z.string()]),
    /** Stratify by category (items without one form their own stratum). */
    stratify: z.boolean().default(true),
    minPerCategory: z.number().int().min(0).default(0),
    /** Allocate beyond the minimum in proportion to √count instead of count. */
    oversampleRare: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('dedup'),
    mode: z.enum(['exact', 'near']).default('exact'),
    /** Jaccard similarity (word shingles, MinHash estimate) at or above which items are near-duplicates. */
    threshold: z.number().min(0.1).max(1).default(0.8),
    fields: z.enum(['input', 'input+reference']).default('input'),
  }),
  z.strictObject({ kind: z.literal('redact') }),
]);
export type DeriveOperation = z.input<typeof DeriveOperation>;

export const DeriveOutcome = z.object({
  written: WrittenVersion.nullable(),
  sourceItemCount: z.number().int(),
  selectedCount: z.number().int(),
  /** Operation-specific facts: per-stratum allocation, duplicate groups, redaction counts. */
  details: z.record(z.string(), z.unknown()),
});
export type DeriveOutcome = z.infer<typeof DeriveOutcome>;

export const PiiScanSummary = z.object({
  scanId: z.number().int(),
  versionId: Id,
  detectors: z.array(z.string()),
  itemCount: z.number().int(),
  flaggedCount: z.number().int(),
  findingCount: z.number().int(),
  byDetector: z.record(z.string(), z.number().int()),
  scannedAt: IsoTime,
});
export type PiiScanSummary = z.infer<typeof PiiScanSummary>;

export const PiiFinding = z.object({
  itemId: z.number().int(),
  itemKey: z.string(),
  detector: z.string(),
  field: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  preview: z.string(),
});
export type PiiFinding = z.infer<typeof PiiFinding>;

export const ContaminationOutcome = z.object({
  versionId: Id,
  corpus: z.string(),
  n: z.number().int(),
  itemCount: z.number().int(),
  /** Items with at least n words in some field (shorter ones cannot be checked). */
  checkedItems: z.number().int(),
  contaminatedItems: z.number().int(),
  /** contaminated / checked. */
  rate: z.number(),
  corpusBytes: z.number(),
  corpusTokens: z.number(),
  items: z.array(
    z.object({
      key: z.string(),
      matchedNgrams: z.number().int(),
      totalNgrams: z.number().int(),
      overlap: z.number(),
      spans: z.array(
        z.object({
          field: z.string(),
          start: z.number().int(),
          end: z.number().int(),
          text: z.string(),
        }),
      ),
    }),
  ),
  /** Embedding similarity between items and corpus passages, when requested. */
  embedding: z.object({
    status: z.enum(['not_requested', 'done']),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    threshold: z.number().nullable(),
    /** Corpus passages embedded (at most `maxPassages`, from the start of the corpus). */
    passages: z.number().int(),
    isTruncated: z.boolean(),
    items: z.array(z.object({ key: z.string(), similarity: z.number(), passage: z.string() })),
  }),
});
export type ContaminationOutcome = z.infer<typeof ContaminationOutcome>;

export const ExportFormat = z.enum(['csv', 'jsonl', 'parquet']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportOutcome = z.object({
  path: z.string(),
  provenancePath: z.string(),
  format: ExportFormat,
  itemCount: z.number().int(),
  contentHash: Sha256,
  bytes: z.number(),
  fileSha256: Sha256,
});
export type ExportOutcome = z.infer<typeof ExportOutcome>;

/** The result of a dataset job, by kind; null while it runs or if it failed. */
export const DatasetJobResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import'), value: ImportOutcome }),
  z.object({ kind: z.literal('derive'), value: DeriveOutcome }),
  z.object({ kind: z.literal('pii-scan'), value: PiiScanSummary }),
  z.object({ kind: z.literal('contamination'), value: ContaminationOutcome }),
  z.object({ kind: z.literal('export'), value: ExportOutcome }),
]);
export type DatasetJobResult = z.infer<typeof DatasetJobResult>;
