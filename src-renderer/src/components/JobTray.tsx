import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatDuration, formatRate } from '../format';
import { useJobs, visibleJobs } from '../stores/jobs';
import { ProgressBar } from './ProgressBar';

/** Every long action of the session: progress, rate, ETA, and a way to cancel or dismiss. */
export function JobTray() {
  const jobs = useJobs(useShallow(visibleJobs));
  const cancel = useJobs((s) => s.cancel);
  const dismiss = useJobs((s) => s.dismiss);
  if (jobs.length === 0) return null;
  return (
    <aside className="job-tray" aria-label="Background work">
      {jobs.slice(0, 4).map((job) => (
        <div className={`job job-${job.status}`} key={job.id} data-testid="job">
          <div className="job-title">
            <strong title={job.subject ?? undefined}>{job.title}</strong>
            {job.status === 'running' ? (
              <button type="button" onClick={() => cancel(job.id)}>
                Cancel
              </button>
            ) : (
              <button
                type="button"
                aria-label={`Dismiss ${job.title}`}
                onClick={() => dismiss(job.id)}
              >
                ×
              </button>
            )}
          </div>
          {job.status === 'running' && (
            <ProgressBar done={job.done} total={job.total} label={job.title} />
          )}
          <div className="job-meta muted">
            {job.status === 'running' ? (
              <>
                {formatCount(job.done)}
                {job.total !== null && ` / ${formatCount(job.total)}`}
                {job.rate !== null && ` · ${formatRate(job.rate)}/s`}
                {job.etaMs !== null && ` · ${formatDuration(job.etaMs)} left`}
                {job.message && ` · ${job.message}`}
              </>
            ) : job.status === 'failed' ? (
              <span className="danger">Failed: {job.error}</span>
            ) : (
              job.status
            )}
          </div>
        </div>
      ))}
    </aside>
  );
}
