import type { JobSummary } from '@contract/index';
import { useJobs } from '../../stores/jobs';

/** Resolves when the jobs store (fed by job events) sees the job completed, failed or cancelled. */
export function jobEnded(jobId: string): Promise<JobSummary> {
  return new Promise((resolve) => {
    const check = (job: JobSummary | undefined) => {
      if (!job || job.status === 'running') return false;
      unsubscribe();
      resolve(job);
      return true;
    };
    const unsubscribe = useJobs.subscribe((s) => void check(s.byId[jobId]));
    check(useJobs.getState().byId[jobId]);
  });
}
