import type { JobSummary } from '@contract/index';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, formatDuration } from '../../format';
import { useJobs } from '../../stores/jobs';

/** A job's bar, rate, ETA and a Cancel button (the job manager's progress events feed it). */
export function JobProgress({ job, label }: { job: JobSummary | null; label: string }) {
  const cancel = useJobs((s) => s.cancel);
  if (!job) return <p className="muted">Starting…</p>;
  if (job.status !== 'running') return null;
  const percent = job.total ? Math.floor((100 * job.done) / job.total) : null;
  return (
    <div className="ds-progress" data-testid="job-progress">
      <ProgressBar done={job.done} total={job.total} label={label} />
      <span className="muted">
        {percent !== null ? `${percent}%` : formatCount(job.done)}
        {job.message && ` · ${job.message}`}
        {job.etaMs !== null && ` · ${formatDuration(job.etaMs)} left`}
      </span>
      <button type="button" onClick={() => void cancel(job.id)}>
        Cancel
      </button>
    </div>
  );
}
