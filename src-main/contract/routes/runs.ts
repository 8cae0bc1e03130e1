import { z } from 'zod';
import { defineRoute } from '../define';
import { Empty, Id, IsoTime } from '../common';

export const RunStatus = z.enum([
  'planned',
  'running',
  'paused',
  'completed',
  'cancelled',
  'failed',
]);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunSummary = z.object({
  id: Id,
  name: z.string(),
  status: RunStatus,
  suiteId: Id,
  suiteName: z.string(),
  datasetVersionId: Id,
  datasetName: z.string(),
  createdAt: IsoTime,
  finishedAt: IsoTime.nullable(),
  cellCount: z.number().int(),
  finishedCellCount: z.number().int(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const runRoutes = {
  'runs.list': defineRoute({
    kind: 'query',
    description: 'Every run, newest first, with cell counts.',
    input: Empty,
    output: z.array(RunSummary),
  }),
};

export const runEvents = {};
