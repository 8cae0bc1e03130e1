import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, formatDuration } from '../../format';
import { useJobs } from '../../stores/jobs';
import { valueOf } from '../../stores/load';
import { useRevealOnChange } from './useRevealOnChange';
import { useWorkspaceCare } from './workspaceCareStore';

/** The check the core is running (a `workspace.check` job), as the job tray sees it. */
function useRunningCheck() {
  return useJobs((s) =>
    Object.values(s.byId).find((j) => j.kind === 'workspace.check' && j.status === 'running'),
  );
}

/**
 * "Check integrity": SQLite's integrity and foreign-key checks, problems listed by table. The
 * page says what they mean in plain words; the technical names stay for whoever needs them.
 */
export function CheckPanel() {
  const state = useWorkspaceCare((s) => s.check);
  const runCheck = useWorkspaceCare((s) => s.runCheck);
  const check = valueOf(state);
  const isChecking = state.status === 'loading';
  const job = useRunningCheck();
  const cancelJob = useJobs((s) => s.cancel);
  // Progress, then the verdict, come into view: the button sits at the foot of Settings.
  const outcomeRef = useRevealOnChange<HTMLDivElement>(
    state.status === 'idle' ? null : `${state.status}${job ? ' job' : ''}`,
  );
  return (
    <div className="st-care">
      <h3 id="st-check-heading">Integrity</h3>
      <p className="muted" data-testid="check-explainer">
        Checks that the workspace file can be read in full and that every record points at records
        that still exist. Changes nothing.{' '}
        <span title="SQLite's integrity_check and foreign_key_check" className="st-check-tech">
          (technical: <code>integrity_check</code>, <code>foreign_key_check</code>)
        </span>
      </p>
      {/* aria-disabled, not disabled, while it checks: the focus stays on the button. */}
      <button
        type="button"
        onClick={() => {
          if (!isChecking) void runCheck();
        }}
        aria-disabled={isChecking || undefined}
      >
        {isChecking ? 'Checking…' : 'Check integrity'}
      </button>
      <div ref={outcomeRef}>
        {isChecking && job && (
          <div className="st-check-progress" data-testid="check-progress">
            <ProgressBar done={job.done} total={job.total} label="Checking the workspace" />
            <p className="muted">
              {job.message ?? 'starting'}{' '}
              <button type="button" onClick={() => void cancelJob(job.id)}>
                Cancel check
              </button>
            </p>
          </div>
        )}
        {state.status === 'error' && (
          <ErrorNotice message={state.message} onRetry={() => void runCheck()} />
        )}
        {check && !isChecking && (
          <div role="status" data-testid="check-result">
            {check.isHealthy ? (
              <p className="st-ok">
                Healthy: no problem found in {formatCount(check.tablesChecked)} tables (
                {formatDuration(check.elapsedMs)}).
              </p>
            ) : (
              <>
                <p className="danger">
                  Problems found. Keep this workspace as it is, back it up, and restore the last
                  good backup; the problems below say where.
                </p>
                <table className="table" aria-label="Integrity problems">
                  <thead>
                    <tr>
                      <th>Table</th>
                      <th>Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {check.integrity.map((p, i) => (
                      <tr key={`i${i}`}>
                        <td>{p.table ?? '—'}</td>
                        <td>{p.message}</td>
                      </tr>
                    ))}
                    {check.foreignKeys.map((p) => (
                      <tr key={`f${p.table}-${p.parent}`}>
                        <td>{p.table}</td>
                        <td>
                          {formatCount(p.rows)} row(s) refer to {p.parent} rows that are gone (rowid{' '}
                          {p.sampleRowids.join(', ')}
                          {p.rows > p.sampleRowids.length ? ', …' : ''})
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
