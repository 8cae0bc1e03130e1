import { useEffect, useState } from 'react';
import { api, ApiCallError } from '../api/client';
import { formatCount, formatDate, formatDuration } from '../format';
import { errorMessage } from '../stores/load';
import { useRunningJob } from './DeletionParts';
import { ErrorNotice } from './ErrorNotice';
import { ProgressBar } from './ProgressBar';
import './interruptedDeletions.css';

/**
 * Deletions that stopped part way (cancelled, failed, the app closed): what is left stays hidden
 * from every reader — half of it is gone — so a list shows it here instead, as "Deletion
 * interrupted", with the one thing to do: finish deleting it. Shared by the runs and datasets
 * lists; the core says what is interrupted and does the finishing.
 */
export interface InterruptedEntry {
  /** The id the finish route takes. */
  id: string;
  /** "Run “botched”", "Dataset “faq”", "Version 3 of “faq”". */
  title: string;
  left: number;
  startedAt: string;
  /** The deletion job's kind and subject, to show its progress while it finishes. */
  jobKind: string;
  jobSubject: string;
}

function FinishingProgress({ entry, unit }: { entry: InterruptedEntry; unit: string }) {
  const job = useRunningJob(entry.jobKind, entry.jobSubject);
  if (!job) return <span className="muted">Finishing…</span>;
  return (
    <div className="interrupted-progress">
      <ProgressBar done={job.done} total={job.total} label={`Finishing: ${entry.title}`} />
      <span className="muted">
        {formatCount(job.done)}
        {job.total !== null && ` of ${formatCount(job.total)}`} {unit} deleted
        {job.etaMs !== null && ` · ${formatDuration(job.etaMs)} left`}
      </span>
    </div>
  );
}

export function InterruptedDeletions({
  entries,
  unit,
  finish,
  reload,
  testId,
}: {
  entries: readonly InterruptedEntry[];
  /** What is left, counted, singular and plural ("cell", "cells"). */
  unit: readonly [string, string];
  /** Calls the core's finish route for one entry. */
  finish: (id: string) => Promise<unknown>;
  reload: () => void;
  testId: string;
}) {
  // Entries being finished stay shown with their progress, though the core no longer lists them.
  const [finishing, setFinishing] = useState<Record<string, InterruptedEntry>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const shown = [
    ...entries,
    ...Object.values(finishing).filter((f) => !entries.some((e) => e.id === f.id)),
  ];
  if (shown.length === 0) return null;

  const start = async (entry: InterruptedEntry) => {
    setFinishing((f) => ({ ...f, [entry.id]: entry }));
    setErrors(({ [entry.id]: _gone, ...rest }) => rest);
    try {
      await finish(entry.id);
    } catch (e) {
      // Cancelled again in the job tray: it is simply listed as interrupted again.
      if (!(e instanceof ApiCallError && e.shape.code === 'cancelled'))
        setErrors((all) => ({ ...all, [entry.id]: errorMessage(e) }));
    } finally {
      setFinishing(({ [entry.id]: _done, ...rest }) => rest);
      reload();
    }
  };

  return (
    <section
      className="interrupted-deletions"
      aria-label="Deletions interrupted"
      data-testid={testId}
    >
      <ul>
        {shown.map((entry) => (
          <li key={entry.id} data-testid={`${testId}-${entry.id}`}>
            <div className="interrupted-text">
              <strong>{entry.title}</strong>{' '}
              <span className="interrupted-badge">Deletion interrupted</span>
              <p className="muted">
                Stopped part way ({formatDate(entry.startedAt)}) with {formatCount(entry.left)}{' '}
                {entry.left === 1 ? unit[0] : unit[1]} left. Hidden everywhere until finished here
                or at the next start.
              </p>
            </div>
            {finishing[entry.id] ? (
              <FinishingProgress entry={entry} unit={unit[1]} />
            ) : (
              <button type="button" className="danger" onClick={() => void start(entry)}>
                Finish deleting
              </button>
            )}
            {errors[entry.id] && <ErrorNotice message={errors[entry.id] ?? ''} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Re-reads on `workspace.changed` for `domain` (a deletion stopped or finished anywhere). */
export function useReloadOnChange(domain: string, reload: () => void) {
  useEffect(
    () =>
      api?.on('workspace.changed', (e) => {
        if (e.domain === domain) reload();
      }),
    [domain, reload],
  );
}
