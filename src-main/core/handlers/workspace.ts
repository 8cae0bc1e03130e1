import type { workspaceRoutes } from '@contract/routes/workspace';
import { schemaVersion } from '../db/migrate';
import type { HandlersFor } from './types';

export const workspaceHandlers = {
  'workspace.info': (_input, ctx) => ({
    workspaceDir: ctx.workspaceDir,
    databaseFile: ctx.databaseFile,
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
  }),
  'workspace.overview': (_input, ctx) => ({
    counts: ctx.repos.workspace.counts(),
    datasets: ctx.repos.datasets.list(),
    recentRuns: ctx.repos.runs.list(10),
  }),
} satisfies HandlersFor<typeof workspaceRoutes>;
