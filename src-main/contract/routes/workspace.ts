import { z } from 'zod';
import { defineRoute } from '../define';
import { Empty } from '../common';
import { DatasetSummary } from './datasets';
import { RunSummary } from './runs';
import {
  BackupInput,
  BackupPlan,
  BackupResult,
  BackupStarted,
  WorkspaceCheck,
} from './workspaceCare';

export const WorkspaceCounts = z.object({
  datasets: z.number().int(),
  datasetVersions: z.number().int(),
  items: z.number().int(),
  suites: z.number().int(),
  runs: z.number().int(),
  responses: z.number().int(),
  labels: z.number().int(),
  /** Providers configured in the workspace (the built-in local model needs none). */
  providers: z.number().int(),
  /** Runs with at least one stored ship / don't-ship decision. */
  decidedRuns: z.number().int(),
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
  'workspace.backupPlan': defineRoute({
    kind: 'query',
    description:
      'Where a backup goes by default, and where the API keys live (a copy may need them).',
    input: Empty,
    output: BackupPlan,
  }),
  'workspace.backup': defineRoute({
    kind: 'command',
    description:
      'Copies the workspace database, consistent while runs write, as a job; the file appears only when complete.',
    input: BackupInput,
    output: BackupStarted,
  }),
  'workspace.backupResult': defineRoute({
    kind: 'query',
    description: 'The file a finished backup job wrote (null while running, or if it failed).',
    input: z.strictObject({ jobId: z.string().min(1).max(80) }),
    output: BackupResult.nullable(),
  }),
  'workspace.check': defineRoute({
    kind: 'query',
    description: 'PRAGMA integrity_check and foreign_key_check, problems named by table.',
    input: Empty,
    output: WorkspaceCheck,
  }),
};
