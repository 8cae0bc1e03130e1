import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatCount, formatDuration, formatRate } from '../format';
import { useJobs, visibleJobs } from '../stores/jobs';
import { useUi } from '../stores/ui';
import { ProgressBar } from './ProgressBar';

/**
 * While the tray shows, the main area keeps that much room free at its bottom (a CSS variable
 * its padding reads), so the end of a page can always be scrolled above the tray, never under it.
 */
function useReservedSpace(tray: HTMLElement | null) {
  useEffect(() => {
    if (!tray) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      // The tray's height plus its 16 px offset from the window's edge and a gap above it.
      root.style.setProperty('--job-tray-reserve', `${Math.ceil(tray.offsetHeight) + 24}px`);
    });
    observer.observe(tray);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--job-tray-reserve');
    };
  }, [tray]);
}

/** Every long action of the session: progress, rate, ETA, and a way to cancel or dismiss. */
export function JobTray() {
  const jobs = useJobs(useShallow(visibleJobs));
  const cancel = useJobs((s) => s.cancel);
  const dismiss = useJobs((s) => s.dismiss);
  const [tray, setTray] = useState<HTMLElement | null>(null);
  // Jobs asked to stop: a job ends once its work in flight stops, seconds later for a run.
  const [cancelAsked, setCancelAsked] = useState<Readonly<Record<string, true>>>({});
  const askCancel = (id: string) => {
    setCancelAsked((asked) => ({ ...asked, [id]: true }));
    // Refused (the job had ended): the button goes back to what it was.
    cancel(id).catch(() =>
      setCancelAsked((asked) =>
        Object.fromEntries(Object.entries(asked).filter(([k]) => k !== id)),
      ),
    );
  };
  // A preference, not view state: folded once, the tray stays folded across reloads.
  const isCollapsed = useUi((s) => s.isJobTrayCollapsed);
  const setCollapsed = useUi((s) => s.setJobTrayCollapsed);
  useReservedSpace(tray);
  if (jobs.length === 0) return null;
  const running = jobs.filter((j) => j.status === 'running').length;
  const summary =
    running > 0
      ? `${formatCount(running)} running${jobs.length > running ? `, ${formatCount(jobs.length - running)} ended` : ''}`
      : `${formatCount(jobs.length)} ended`;
  return (
    <aside
      className={isCollapsed ? 'job-tray collapsed' : 'job-tray'}
      aria-label="Background work"
      ref={setTray}
    >
      <div className="job-tray-head">
        <span className="muted">Background work · {summary}</span>
        <button
          type="button"
          aria-expanded={!isCollapsed}
          aria-label={isCollapsed ? 'Show background work' : 'Hide background work'}
          title={isCollapsed ? 'Show background work' : 'Hide background work'}
          onClick={() => setCollapsed(!isCollapsed)}
        >
          {isCollapsed ? '▴' : '▾'}
        </button>
      </div>
      {!isCollapsed &&
        jobs.slice(0, 4).map((job) => (
          <div className={`job job-${job.status}`} key={job.id} data-testid="job">
            <div className="job-title">
              <strong title={job.subject ?? undefined}>{job.title}</strong>
              {job.status === 'running' ? (
                <button
                  type="button"
                  disabled={cancelAsked[job.id]}
                  onClick={() => askCancel(job.id)}
                >
                  {cancelAsked[job.id] ? 'Cancelling…' : 'Cancel'}
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
