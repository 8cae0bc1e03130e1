import { z } from 'zod';
import { Id, IsoTime, removalCountLine } from '../common';

/** What `datasets.delete` removes: a whole dataset, or one of its versions. */
export const DatasetRemovalTarget = z.union([
  z.strictObject({ datasetId: Id }),
  z.strictObject({ versionId: Id }),
]);
export type DatasetRemovalTarget = z.infer<typeof DatasetRemovalTarget>;

/** Rows a dataset deletion removes, by kind. */
export const DatasetRemovalCounts = z.object({
  versions: z.number().int(),
  items: z.number().int(),
  /**
   * Tags on those items. Null in a preview of a large deletion: counting them ahead would hold
   * the core for most of a second per million items; the result counts them as they go.
   */
  itemTags: z.number().int().nullable(),
  piiScans: z.number().int(),
  piiFindings: z.number().int(),
});
export type DatasetRemovalCounts = z.infer<typeof DatasetRemovalCounts>;

/** One kind of row a dataset deletion removes, named by the core for its count ("1 item"). */
export const DatasetRemovalCountLine = removalCountLine(DatasetRemovalCounts);
export type DatasetRemovalCountLine = z.infer<typeof DatasetRemovalCountLine>;

/** A run named in a refusal, with what a screen needs to link to it. */
export const RunUsingDataset = z.object({
  runId: Id,
  runName: z.string(),
  /** The version of the dataset the run evaluated. */
  version: z.number().int(),
  /** True while the run itself is being deleted (it is then no longer listed). */
  isBeingDeleted: z.boolean(),
});
export type RunUsingDataset = z.infer<typeof RunUsingDataset>;

/** Why a dataset or version cannot be deleted now; each says what to do. */
export const DatasetRemovalBlocker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('runs'),
    /** Every run that used it; `runs` holds the first five. */
    total: z.number().int(),
    runs: z.array(RunUsingDataset),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('labeling_session'),
    sessionId: Id,
    sessionName: z.string(),
    taskCount: z.number().int(),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('derived'),
    /** The version derived from one being deleted (its parent would point at nothing). */
    versionId: Id,
    datasetId: Id,
    datasetName: z.string(),
    version: z.number().int(),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('writing'),
    /** The job writing or reading it in this process; null for another process's draft. */
    jobId: Id.nullable(),
    message: z.string(),
  }),
]);
export type DatasetRemovalBlocker = z.infer<typeof DatasetRemovalBlocker>;

/** A saved suite (or its unsaved draft) that names what is deleted. */
export const SuiteLosingDataset = z.object({
  suiteId: Id,
  suiteName: z.string(),
  /** How the suite names the version: "latest", "3" or "sha256:…". */
  reference: z.string(),
  isDraft: z.boolean(),
  /** "will no longer validate: …" or "will use v2 instead of v3". */
  message: z.string(),
});
export type SuiteLosingDataset = z.infer<typeof SuiteLosingDataset>;

/** The dry run of `datasets.delete`: counts, refusal reasons and affected suites; nothing changed. */
export const DatasetRemovalPreview = z.object({
  datasetId: Id,
  datasetName: z.string(),
  /** The version asked for; null when the whole dataset goes. */
  versionId: Id.nullable(),
  version: z.number().int().nullable(),
  /** True when the dataset itself goes (asked for, or its last version is deleted). */
  removesDataset: z.boolean(),
  /** Versions of the dataset left afterwards, newest first. */
  remainingVersions: z.array(z.number().int()),
  canDelete: z.boolean(),
  blockers: z.array(DatasetRemovalBlocker),
  counts: DatasetRemovalCounts,
  /** What a screen or terminal lists of `counts`, in order: the items and every kind with rows. */
  countLines: z.array(DatasetRemovalCountLine),
  suites: z.array(SuiteLosingDataset),
});
export type DatasetRemovalPreview = z.infer<typeof DatasetRemovalPreview>;

export const DatasetRemoved = z.object({
  datasetId: Id,
  datasetName: z.string(),
  versionId: Id.nullable(),
  version: z.number().int().nullable(),
  removesDataset: z.boolean(),
  deleted: DatasetRemovalCounts,
});
export type DatasetRemoved = z.infer<typeof DatasetRemoved>;

/**
 * A dataset, or versions of one, whose deletion started and stopped part way (cancelled,
 * failed, or the app closed or crashed meanwhile) and is not going on now. What is left stays
 * hidden from every reader and is listed only so that its deletion can be finished.
 */
export const DatasetRemovalInterrupted = z.object({
  datasetId: Id,
  datasetName: z.string(),
  /** The versions being deleted (all of the dataset's when `removesDataset`). */
  versions: z.array(z.number().int()),
  removesDataset: z.boolean(),
  removalStartedAt: IsoTime,
  itemsLeft: z.number().int(),
});
export type DatasetRemovalInterrupted = z.infer<typeof DatasetRemovalInterrupted>;
