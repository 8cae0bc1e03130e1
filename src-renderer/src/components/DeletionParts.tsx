import type { ReactNode } from 'react';
import type { JobSummary } from '@contract/index';
import { formatCount, formatDuration } from '../format';
import { useJobs } from '../stores/jobs';
import { ProgressBar } from './ProgressBar';

/**
 * What the deletion dialogs (runs, datasets) share: the core's batched deletion job as the job
 * tray sees it, its progress, and the list of reasons that refuse a deletion.
 */

/** The running job of `kind` on `subject` ("run run_…", "dataset ds_…"), if any. */
export function useRunningJob(kind: string, subject: string): JobSummary | undefined {
  return useJobs((s) =>
    Object.values(s.byId).find(
      (j) => j.kind === kind && j.subject === subject && j.status === 'running',
    ),
  );
}

/** A batched deletion under way: the bar, "N of M <unit> deleted · ETA", and that it is gone. */
export function DeletionProgress({
  job,
  label,
  unit,
  testId,
  what,
}: {
  job: JobSummary;
  /** The bar's accessible name ("Deleting the run"). */
  label: string;
  /** What the job counts ("cells", "items"). */
  unit: string;
  testId: string;
  /** Sentence subject: "The run", "It". */
  what: string;
}) {
  return (
    <div data-testid={testId}>
      <ProgressBar done={job.done} total={job.total} label={label} />
      <p className="muted">
        {formatCount(job.done)}
        {job.total !== null && ` of ${formatCount(job.total)}`} {unit} deleted
        {job.etaMs !== null && ` · ${formatDuration(job.etaMs)} left`}. {what} is already gone from
        every list; closing this dialog does not stop it.
      </p>
    </div>
  );
}

/** Each reason the core gives for refusing, with where to deal with it. */
export function RefusalReasons<B extends { message: string }>({
  blockers,
  className,
  testId,
  linkOf,
}: {
  blockers: readonly B[];
  className: string;
  testId: string;
  linkOf: (blocker: B) => ReactNode;
}) {
  return (
    <>
      <p>{blockers.length === 1 ? 'Because:' : 'Because of each of these:'}</p>
      <ul className={className} data-testid={testId}>
        {blockers.map((b) => (
          <li key={b.message}>
            <p>{b.message}</p>
            {linkOf(b)}
          </li>
        ))}
      </ul>
    </>
  );
}
