import { useEffect, useState } from 'react';
import type { DatasetJobResult, JobSummary } from '@contract/index';
import { useDatasets } from '../../stores/datasets';
import { errorMessage } from '../../stores/load';
import { useJobs } from '../../stores/jobs';

export interface FollowedJob {
  job: JobSummary | null;
  result: DatasetJobResult | null;
  error: string | null;
}

/**
 * Follows one dataset job: progress from the jobs store (fed by job.progress / job.finished
 * events), and its result fetched once it completes.
 */
export function useDatasetJob(jobId: string | null): FollowedJob {
  const job = useJobs((s) => (jobId ? (s.byId[jobId] ?? null) : null));
  const jobResult = useDatasets((s) => s.jobResult);
  const [fetched, setFetched] = useState<{
    jobId: string;
    result: DatasetJobResult | null;
    error: string | null;
  } | null>(null);
  const status = job?.status;
  useEffect(() => {
    if (!jobId || status !== 'completed') return;
    let live = true;
    jobResult(jobId).then(
      (result) => live && setFetched({ jobId, result, error: null }),
      (error: unknown) => live && setFetched({ jobId, result: null, error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [jobId, status, jobResult]);
  const mine = fetched && fetched.jobId === jobId ? fetched : null;
  const failed = job?.status === 'failed' ? (job.error ?? 'failed') : null;
  return { job, result: mine?.result ?? null, error: mine?.error ?? failed };
}
