import { useRef, useState } from 'react';
import type { RunRemovalBlocker, RunRemovalCountLine, RunRemoved } from '@contract/index';
import { api } from '../../api/client';
import { useCoreQuery } from '../../api/useCoreQuery';
import { DeletionProgress, RefusalReasons, useRunningJob } from '../../components/DeletionParts';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ModalDialog } from '../../components/palette/ModalDialog';
import { formatCount, formatDate } from '../../format';
import { errorMessage } from '../../stores/load';
import { hrefOf } from '../../stores/ui';
import { verdictLabels } from '../decide/verdicts';

/** "270 cells", "1 human score override": the lines the core lists, named as it names them. */
function countTexts(lines: readonly RunRemovalCountLine[]): string[] {
  return lines.map((line) => `${formatCount(line.count)} ${line.label}`);
}

/** Where to deal with what refuses the deletion. */
function BlockerLink({ blocker, onLeave }: { blocker: RunRemovalBlocker; onLeave: () => void }) {
  if (blocker.kind === 'decision')
    return (
      <a href={hrefOf('decide', blocker.decisionRunId)} onClick={onLeave}>
        Open the decision of {formatDate(blocker.createdAt)} ({verdictLabels[blocker.verdict]})
      </a>
    );
  if (blocker.kind === 'labeling_session')
    return (
      <a href={hrefOf('label', blocker.sessionId, 'summary')} onClick={onLeave}>
        Open session “{blocker.sessionName}”
      </a>
    );
  return null;
}

/**
 * "Delete run…": what goes with the run (counts from `runs.deletePreview`), that cached
 * responses stay, and a confirmation — or, when the core refuses, each reason with a link to
 * the decision or session behind it. The focus starts on Cancel: deleting takes a deliberate
 * press. A large run goes in batches: the dialog shows the job's progress (also in the tray).
 */
export function DeleteRunDialog({
  runId,
  onClose,
  onDeletingChange,
  onDeleted,
}: {
  runId: string;
  onClose: () => void;
  /**
   * True as the deletion starts (a view of the run stops reading it: it would only be refused),
   * false when the core refused it after all.
   */
  onDeletingChange?: (isDeleting: boolean) => void;
  onDeleted: (removed: RunRemoved) => void;
}) {
  const { state: preview, reload } = useCoreQuery('runs.deletePreview', { runId });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const value = preview.status === 'ready' ? preview.value : null;
  const job = useRunningJob('runs.delete', `run ${runId}`);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const confirm = async () => {
    setBusy(true);
    onDeletingChange?.(true);
    try {
      onDeleted(await api!.call('runs.delete', { runId }));
    } catch (e) {
      onDeletingChange?.(false);
      // Something changed since the preview (a decision, a resume): show why, with fresh reasons.
      setError(errorMessage(e));
      reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      label={value ? `Delete run ${value.runName}` : 'Delete run'}
      className="rn-delete-dialog"
      onClose={onClose}
      initialFocus={cancelRef}
    >
      <header className="modal-header">
        <h2>
          {!value
            ? 'Delete run'
            : value.canDelete
              ? `Delete run “${value.runName}”?`
              : `Run “${value.runName}” cannot be deleted`}
        </h2>
      </header>
      <div className="modal-body" data-testid="delete-run-dialog">
        {preview.status === 'error' && <ErrorNotice message={preview.message} onRetry={reload} />}
        {!value && preview.status !== 'error' && <Loading what="what the run holds" />}
        {value?.canDelete && (
          <>
            <p>This deletes the run and everything recorded for it:</p>
            <ul data-testid="delete-run-counts">
              {countTexts(value.countLines).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p className="muted" data-testid="delete-run-cache">
              {value.cachedResponsesKept > 0
                ? `The response cache is kept: ${formatCount(value.cachedResponsesKept)} of this run's answers stay cached, so running the same suite again costs nothing.`
                : "The response cache is kept (it holds none of this run's answers)."}
            </p>
          </>
        )}
        {value && !value.canDelete && (
          <RefusalReasons
            blockers={value.blockers}
            className="modal-blockers"
            testId="delete-run-reasons"
            linkOf={(b) => <BlockerLink blocker={b} onLeave={onClose} />}
          />
        )}
        {busy && job && (
          <DeletionProgress
            job={job}
            label="Deleting the run"
            unit="cells"
            testId="delete-run-progress"
            what="The run"
          />
        )}
        {error && <ErrorNotice message={error} />}
      </div>
      <footer className="modal-actions">
        {value?.canDelete && (
          <button type="button" className="danger" disabled={busy} onClick={confirm}>
            {busy ? 'Deleting…' : 'Delete run'}
          </button>
        )}
        <button type="button" ref={cancelRef} onClick={onClose}>
          {value && !value.canDelete ? 'Close' : 'Cancel'}
        </button>
      </footer>
    </ModalDialog>
  );
}
