import type { workspaceRoutes } from '@contract/routes/workspace';
import { schemaVersion } from '../db/migrate';
import { backupKeys, defaultBackupFile } from '../workspace/backup';
import { backupJobResult, startBackupJob } from '../workspace/backupJob';
import { checkWorkspaceJob } from '../workspace/checkJob';
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
  'workspace.backupPlan': (_input, ctx) => ({
    defaultFile: defaultBackupFile(ctx.workspaceDir),
    keys: backupKeys(ctx),
  }),
  'workspace.backup': (input, ctx) => startBackupJob(ctx, input),
  'workspace.backupResult': ({ jobId }, ctx) => backupJobResult(ctx, jobId),
  'workspace.check': (_input, ctx) => checkWorkspaceJob(ctx),
} satisfies HandlersFor<typeof workspaceRoutes>;
