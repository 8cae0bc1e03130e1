import { z } from 'zod';
import { defineRoute } from '../define';
import { Empty } from '../common';
import { DatasetSummary } from './datasets';
import { RunSummary } from './runs';

export const WorkspaceCounts = z.object({
  datasets: z.number().int(),
  datasetVersions: z.number().int(),
  items: z.number().int(),
  suites: z.number().int(),
  runs: z.number().int(),
  responses: z.number().int(),
  labels: z.number().int(),
});

export const workspaceRoutes = {
  'workspace.info': defineRoute({
    kind: 'query',
    description: 'Where the workspace lives and which app version serves it.',
    input: Empty,
    output: z.object({
      workspaceDir: z.string(),
      databaseFile: z.string(),
      appVersion: z.string(),
      schemaVersion: z.number().int(),
    }),
  }),
  'workspace.overview': defineRoute({
    kind: 'query',
    description: 'What the workspace holds: datasets, counts and recent runs, all from SQLite.',
    input: Empty,
    output: z.object({
      counts: WorkspaceCounts,
      datasets: z.array(DatasetSummary),
      recentRuns: z.array(RunSummary),
    }),
  }),
};
