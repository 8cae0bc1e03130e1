import { z } from 'zod';
import { defineRoute } from '../define';
import { Id, IsoTime, Page, Sha256, Empty } from '../common';

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
  isPersonal: z.boolean(),
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
};

export const datasetEvents = {};
