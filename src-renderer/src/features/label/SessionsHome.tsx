import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../format';
import { errorMessage } from '../../stores/load';
import { useLabeling } from '../../stores/labeling';
import { useRuns } from '../../stores/runs';
import { hrefOf, navigate } from '../../stores/ui';
import { api } from '../../api/client';
import { downloadText, importSessionFile } from './portable';
import { FailureModes } from './FailureModes';
import { RaterBar } from './RaterBar';

/** The Label screen's home: sessions with their progress, and import / export / new. */
export function SessionsHome() {
  const sessions = useLabeling((s) => s.sessions);
  const loadSessions = useLabeling((s) => s.loadSessions);
  const runs = useRuns((s) => s.list);
  const loadRuns = useRuns((s) => s.loadList);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void loadSessions();
    void loadRuns();
  }, [loadSessions, loadRuns]);

  const onImport = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setMessage(`Importing ${file.name}…`);
    importSessionFile(file)
      .then((r) => {
        setMessage(
          `${r.isNewSession ? 'Imported' : 'Merged into'} "${r.sessionName}": ${r.tasksAdded} tasks added, ${r.labelsAdded} labels added, ${r.labelsUpdated} updated, ${r.labelsUnchanged} already here, ${r.labelsRemoved} removed, ${r.conflicts} conflicts.`,
        );
        void loadSessions();
      })
      .catch((e: unknown) => {
        setMessage(null);
        setError(errorMessage(e));
      });
  };
  const onExport = (sessionId: string) => {
    if (!api) return;
    setError(null);
    api
      .call('labeling.export', { sessionId })
      .then((file) => {
        downloadText(file.fileName, file.text);
        setMessage(`Exported ${file.fileName}: ${file.tasks} tasks, ${file.labels} labels.`);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  };

  const onSetStatus = (sessionId: string, status: 'open' | 'closed') => {
    if (!api) return;
    setError(null);
    api
      .call('labeling.setStatus', { sessionId, status })
      .then((s) => {
        setMessage(
          status === 'closed'
            ? `Closed "${s.name}": no more labels, and every label is shown in its summary.`
            : `Reopened "${s.name}" for rating.`,
        );
        void loadSessions();
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  };

  if (sessions.status === 'error')
    return <ErrorNotice message={sessions.message} onRetry={loadSessions} />;
  const list =
    sessions.status === 'ready'
      ? sessions.value
      : sessions.status === 'loading'
        ? (sessions.previous ?? null)
        : null;
  if (list === null) return <Loading what="rating sessions" />;
  const finishedRuns =
    runs.status === 'ready' ? runs.value.filter((r) => r.status === 'completed').length : null;
  const firstOpen = list.find((s) => s.status === 'open');
  return (
    <div className="page">
      <header className="page-header label-home-header">
        <div>
          <h1>Rate outputs</h1>
          <p className="muted">
            Blind, keyboard-first rating sessions over a run&apos;s outputs; every label is saved
            the moment it is given.
          </p>
        </div>
        <RaterBar />
      </header>
      <div className="label-actions">
        <a className="button-link" href={hrefOf('label', 'new')}>
          New session
        </a>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Import session file
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={onImport}
          data-testid="session-import"
        />
      </div>
      {message && (
        <p className="label-message" role="status" data-testid="label-message">
          {message}
        </p>
      )}
      {error && <ErrorNotice message={error} />}
      {list.length === 0 ? (
        <EmptyState title="Nothing to rate yet">
          <p>
            {finishedRuns === 0 ? (
              <>
                No finished runs in this workspace yet — see <a href={hrefOf('runs')}>Runs</a>. You
                can still import a session file someone sent you.
              </>
            ) : (
              <>Create a session over a finished run, or import a session file.</>
            )}
          </p>
        </EmptyState>
      ) : (
        <table className="table" data-testid="session-list">
          <thead>
            <tr>
              <th>Session</th>
              <th>Kind</th>
              <th className="num">Complete</th>
              <th className="num">Labels</th>
              <th className="num">Raters</th>
              <th>Created</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} data-testid="session-row">
                <td>
                  {s.name}
                  {s.isImported && <span className="tag">imported</span>}
                  {s.status === 'closed' && <span className="tag">closed</span>}
                </td>
                <td>
                  {s.kind}
                  {s.isBlind ? ', blind' : ''}
                </td>
                <td className="num" data-testid="session-complete">
                  {s.completeTasks} / {s.tasks}
                </td>
                <td className="num">{s.labels}</td>
                <td className="num">{s.raters}</td>
                <td>{formatDate(s.createdAt)}</td>
                <td className="label-row-actions">
                  <button
                    type="button"
                    autoFocus={s.id === firstOpen?.id}
                    disabled={s.status === 'closed'}
                    onClick={() => navigate('label', s.id)}
                  >
                    Rate
                  </button>
                  <a href={hrefOf('label', s.id, 'summary')}>Summary</a>
                  <button type="button" onClick={() => onExport(s.id)}>
                    Export
                  </button>
                  <button
                    type="button"
                    onClick={() => onSetStatus(s.id, s.status === 'closed' ? 'open' : 'closed')}
                    title={
                      s.status === 'closed'
                        ? 'Rate it again'
                        : 'No more labels; every label is then shown to everyone in its summary'
                    }
                  >
                    {s.status === 'closed' ? 'Reopen' : 'Close'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FailureModes />
    </div>
  );
}
