import { useEffect, useState, type FormEvent } from 'react';
import type { RouteOutput } from '@contract/index';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, formatDuration } from '../../format';
import { useJobs } from '../../stores/jobs';
import { valueOf } from '../../stores/load';
import { hrefOf } from '../../stores/ui';
import { formatBytes } from './bytes';
import { useWorkspaceCare } from './workspaceCareStore';

type Keys = RouteOutput<'workspace.backupPlan'>['keys'];

/** What a restore of the copy needs about API keys (docs/ui.md, "Workspace"). */
function KeysNote({ keys }: { keys: Keys }) {
  if (keys.sealedInDatabase > 0)
    return (
      <p className="muted" data-testid="backup-keys">
        The copy holds {keys.sealedInDatabase} API key(s) sealed by this computer&apos;s keychain:
        they open only for you on this computer. Restored elsewhere, set them again under{' '}
        <a href={hrefOf('providers')}>Providers</a>.
      </p>
    );
  if (keys.inSealedFile > 0)
    return (
      <p className="muted" data-testid="backup-keys">
        API keys are not in the copy: {keys.inSealedFile} live in <code>{keys.sealedFile}</code>,
        sealed with a key file kept outside the workspace. A restore needs that file and the key
        file too, or the keys set again.
      </p>
    );
  return (
    <p className="muted" data-testid="backup-keys">
      No API keys are stored in this workspace (keys from environment variables are never part of
      it).
    </p>
  );
}

function BackupJobStatus({ jobId }: { jobId: string }) {
  const job = useJobs((s) => s.byId[jobId] ?? null);
  const cancel = useJobs((s) => s.cancel);
  const loadBackupResult = useWorkspaceCare((s) => s.loadBackupResult);
  const status = job?.status;
  useEffect(() => {
    if (status === 'completed') void loadBackupResult(jobId);
  }, [status, jobId, loadBackupResult]);
  if (!job || job.status === 'completed') return null;
  if (job.status === 'running')
    return (
      <div className="st-backup-progress" data-testid="backup-progress">
        <ProgressBar done={job.done} total={job.total} label="Backup progress" />
        <span className="muted">
          {formatCount(job.done)}
          {job.total !== null && ` / ${formatCount(job.total)}`} pages
          {job.etaMs !== null && ` · ${formatDuration(job.etaMs)} left`}
        </span>
        <button type="button" onClick={() => void cancel(jobId)}>
          Cancel backup
        </button>
      </div>
    );
  if (job.status === 'cancelled')
    return (
      <p role="status" className="muted">
        Backup cancelled: no file was written.
      </p>
    );
  return <ErrorNotice message={`The backup failed, no file was written: ${job.error ?? ''}`} />;
}

/**
 * "Back up…": a path field prefilled with the core's default (works in the desktop app and in
 * browser mode alike: the core writes the file), progress in the job tray and here, then the
 * file written and its size.
 */
export function BackupPanel() {
  const plan = valueOf(useWorkspaceCare((s) => s.plan));
  const planState = useWorkspaceCare((s) => s.plan);
  const backup = useWorkspaceCare((s) => s.backup);
  const loadPlan = useWorkspaceCare((s) => s.loadPlan);
  const startBackup = useWorkspaceCare((s) => s.startBackup);
  const isRunning = useJobs((s) =>
    backup.jobId ? s.byId[backup.jobId]?.status === 'running' : false,
  );
  const [edited, setEdited] = useState<string | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  useEffect(() => {
    void loadPlan();
  }, [loadPlan]);

  const file = edited ?? plan?.defaultFile ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file.trim() || isRunning) return;
    setEdited(null);
    void startBackup(file.trim(), overwrite);
  };
  return (
    <div className="st-care">
      <h3 id="st-backup-heading">Back up</h3>
      <p className="muted">
        A consistent copy of the workspace database, taken while runs keep writing. It gets its name
        only once complete: a cancelled or failed backup leaves nothing.
      </p>
      {planState.status === 'error' && (
        <ErrorNotice message={planState.message} onRetry={() => void loadPlan()} />
      )}
      <form className="st-backup-form" onSubmit={submit}>
        <label htmlFor="st-backup-file">Back up to</label>
        <input
          id="st-backup-file"
          className="st-backup-file"
          value={file}
          onChange={(e) => setEdited(e.target.value)}
          spellCheck={false}
        />
        <label className="st-check">
          <input
            type="checkbox"
            checked={overwrite}
            onChange={(e) => setOverwrite(e.target.checked)}
          />{' '}
          Replace the file if it exists
        </label>
        {/* Not `disabled` while it runs: a disabled button drops the keyboard focus to the page
            body; aria-disabled keeps it here and says the button does nothing for now. */}
        <button type="submit" disabled={!file.trim()} aria-disabled={isRunning || undefined}>
          Back up…
        </button>
      </form>
      {backup.error && <ErrorNotice message={backup.error} />}
      {backup.jobId && <BackupJobStatus jobId={backup.jobId} />}
      {backup.result && (
        <p role="status" className="st-ok" data-testid="backup-result">
          Backed up to <code>{backup.result.file}</code> ({formatBytes(backup.result.bytes)}, in{' '}
          {formatDuration(backup.result.elapsedMs)}).
        </p>
      )}
      {plan && <KeysNote keys={backup.result?.keys ?? plan.keys} />}
      <details className="st-restore">
        <summary>How to restore a backup</summary>
        <p>
          Put the copy in an empty folder as <code>workspace.sqlite</code>, then open that folder:
          set <code>YARDSTICK_WORKSPACE</code> to it before starting the app, or run{' '}
          <code>yardstick --workspace FOLDER serve</code>. Keep the old workspace until the restored
          one shows what you expect.
        </p>
      </details>
    </div>
  );
}
