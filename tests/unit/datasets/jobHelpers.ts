import type { DatasetJobResult, ImportOutcome, JobSummary } from '@contract/index';
import { waitForDatasetJob } from '@core/datasets/jobs';
import type { Core } from '@core/host';
import { sql } from '@core/db/sql';
import { call } from '../../support/core';

/** Starts a dataset job through dispatch and waits for it: its final summary and result. */
type JobValues = {
  [K in DatasetJobResult['kind']]: Extract<DatasetJobResult, { kind: K }>['value'];
};

export async function runJob<K extends keyof JobValues>(
  core: Core,
  route: string,
  input: unknown,
): Promise<{ job: JobSummary; value: JobValues[K] | null }> {
  const { jobId } = await call<{ jobId: string }>(core, route, input);
  await waitForDatasetJob(core.context, jobId).catch(() => undefined);
  const job = core.context.jobs.get(jobId);
  if (!job) throw new Error(`job ${jobId} vanished`);
  const result = await call<DatasetJobResult | null>(core, 'datasets.jobResult', { jobId });
  const value: unknown = result?.value ?? null;
  return { job, value: value as JobValues[K] | null };
}

/** Imports and returns the outcome (the job must complete). */
export async function importFiles(
  core: Core,
  input: Record<string, unknown>,
): Promise<ImportOutcome> {
  const { job, value } = await runJob<'import'>(core, 'datasets.import', input);
  if (!value) throw new Error(`import job ${job.status}: ${job.error ?? ''}`);
  return value;
}

/** Counts that show whether anything half-made was left in the database. */
export function storeCounts(core: Core) {
  const db = core.context.db;
  return db.get<{ datasets: number; versions: number; drafts: number; items: number }>(sql`SELECT
    (SELECT COUNT(*) FROM datasets) AS datasets,
    (SELECT COUNT(*) FROM dataset_versions) AS versions,
    (SELECT COUNT(*) FROM dataset_versions WHERE is_frozen = 0) AS drafts,
    (SELECT COUNT(*) FROM items) AS items`);
}
