import { useEffect, useMemo, useRef, useState } from 'react';
import type { LabelView } from '@contract/routes/labeling';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDuration } from '../../format';
import { useLabeling } from '../../stores/labeling';
import { hrefOf } from '../../stores/ui';
import { forgetFilledMeanwhile, moveToNextWaiting, useFilledMeanwhile } from './filledMeanwhile';
import { FilledMeanwhileNote } from './FilledMeanwhileNote';
import { KeyHelp } from './KeyHelp';
import { LabelControls } from './LabelControls';
import { NoteBox } from './NoteBox';
import { PromoteButton } from './PromoteButton';
import { submitIfRateable, whyNotRateable } from './ratingGate';
import { SaveIndicator } from './SaveIndicator';
import { TaskContent } from './TaskContent';
import { useRatingKeys } from './useRatingKeys';

/** The keyboard-first rating screen of one session, for the current rater. */
export function RatingScreen({ sessionId }: { sessionId: string }) {
  const raterId = useLabeling((s) => s.raterId);
  const session = useLabeling((s) => s.session);
  const queue = useLabeling((s) => s.queue);
  const cursor = useLabeling((s) => s.cursor);
  const task = useLabeling((s) => s.task);
  const draft = useLabeling((s) => s.draft);
  const notice = useLabeling((s) => s.notice);
  const failureModes = useLabeling((s) => s.failureModes);
  const openSession = useLabeling((s) => s.openSession);
  const loadFailureModes = useLabeling((s) => s.loadFailureModes);
  const enqueue = useLabeling((s) => s.enqueue);
  const filled = useFilledMeanwhile((s) => s.filled);
  const [showDiff, setShowDiff] = useState(false);
  const [tagsOpen, setTagsOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    forgetFilledMeanwhile();
    void openSession(sessionId);
    void loadFailureModes();
  }, [sessionId, raterId, openSession, loadFailureModes]);

  const handlers = useMemo(
    () => ({
      focusNote: () => noteRef.current?.focus(),
      toggleDiff: () => setShowDiff((v) => !v),
      toggleTags: (open?: boolean) => setTagsOpen((v) => open ?? !v),
      toggleHelp: () => setHelpOpen((v) => !v),
      tagsOpen,
      // Esc closes what ? and D opened, the key help first (it is drawn on top).
      closeOverlay: helpOpen
        ? () => setHelpOpen(false)
        : showDiff
          ? () => setShowDiff(false)
          : null,
    }),
    [tagsOpen, helpOpen, showDiff],
  );
  useRatingKeys(session?.id === sessionId ? session : null, handlers);

  if (task.status === 'error')
    return <ErrorNotice message={task.message} onRetry={() => void openSession(sessionId)} />;
  if (!session || !queue || session.id !== sessionId) return <Loading what="the session" />;
  const progress = queue.progress;
  const done = progress.rated + progress.inherited;
  const mine = progress.rated + progress.inherited + progress.pending;
  const current = task.status === 'ready' ? task.value : null;
  const label: LabelView | null =
    current?.myLabel ??
    (draft.isPass !== undefined || draft.note !== undefined
      ? {
          id: 'draft',
          score: null,
          choice: null,
          isPass: draft.isPass ?? null,
          note: draft.note ?? null,
          tags: [],
          updatedAt: '',
        }
      : null);
  const status = queue.entries[cursor]?.status;
  // Read-only (and said so) where a label from this rater would not be taken.
  const readOnly = current
    ? whyNotRateable({ session, queue, cursor, task }, filled?.taskId ?? null)
    : null;
  const filledHere = current !== null && filled?.taskId === current.taskId;
  return (
    <div className="page label-screen">
      <header className="label-header">
        <div>
          <a href={hrefOf('label')}>← Sessions</a>
          <h1>{session.name}</h1>
          <p className="muted label-question">{session.rubric.question}</p>
        </div>
        <div className="label-progress" data-testid="rating-progress">
          {mine > 0 ? (
            <>
              <ProgressBar done={done} total={mine} label="Your progress" />
              <span data-testid="progress-count">
                {done} / {mine} rated
              </span>
            </>
          ) : (
            // Nothing was ever yours here (others gave every task its ratings): a 0-of-0 bar
            // would be drawn as work in progress.
            <span data-testid="progress-count">no task left for you</span>
          )}
          <span className="muted">
            {progress.perMinute !== null ? `${progress.perMinute.toFixed(1)} / min` : 'pace —'}
            {progress.etaMs !== null && progress.pending > 0
              ? ` · ${formatDuration(progress.etaMs)} left`
              : ''}
          </span>
          <SaveIndicator />
        </div>
      </header>
      <div className="label-position">
        <span data-testid="task-position">
          Task {cursor + 1} of {queue.entries.length}
        </span>
        {status && status !== 'pending' && (
          <span className="tag" data-testid="task-status">
            {status === 'rated'
              ? 'rated'
              : status === 'inherited'
                ? 'rated before (same output)'
                : 'enough ratings'}
          </span>
        )}
        {session.isBlind && <span className="tag">blind</span>}
        <button type="button" onClick={() => setHelpOpen((v) => !v)} aria-expanded={helpOpen}>
          Keys <kbd>?</kbd>
        </button>
      </div>
      {notice && (
        <p className="label-message" role="status" data-testid="rating-notice">
          {notice}
        </p>
      )}
      {progress.pending === 0 && (
        <p className="label-done-links">
          <a href={hrefOf('label', session.id, 'summary')}>See the session’s summary</a> or go back
          to <a href={hrefOf('label')}>the sessions</a>.
        </p>
      )}
      {helpOpen && <KeyHelp kind={session.kind} />}
      <FilledMeanwhileNote />
      {current ? (
        <>
          <TaskContent task={current} showDiff={showDiff} />
          <footer className="label-footer">
            {readOnly?.message && (
              <p className="muted label-read-only" data-testid="rating-read-only">
                {readOnly.message}
              </p>
            )}
            {filledHere && progress.pending > 0 && (
              <button type="button" onClick={() => enqueue(moveToNextWaiting)}>
                <kbd>S</kbd> Next waiting task
              </button>
            )}
            <LabelControls
              session={session}
              label={label}
              failureModes={failureModes}
              tagsOpen={tagsOpen}
              disabled={readOnly !== null}
              onChange={(change, advance) => enqueue(() => submitIfRateable(change, advance))}
            />
            <NoteBox
              // One box per task: a note typed on one task is not shown on the next.
              key={current.taskId}
              ref={noteRef}
              label={current.myLabel}
              isInherited={current.isInherited}
              disabled={readOnly !== null}
            />
            {session.kind === 'pairwise' && (
              <button type="button" onClick={() => setShowDiff((v) => !v)} aria-pressed={showDiff}>
                <kbd>D</kbd> {showDiff ? 'Side by side' : 'Diff'}
              </button>
            )}
            {!session.isImported && <PromoteButton session={session} task={current} />}
          </footer>
        </>
      ) : (
        <Loading what="the task" />
      )}
    </div>
  );
}
