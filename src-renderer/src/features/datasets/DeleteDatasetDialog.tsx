import { useRef, useState } from 'react';
import type {
  DatasetRemovalBlocker,
  DatasetRemovalCountLine,
  DatasetRemovalTarget,
  DatasetRemoved,
} from '@contract/index';
import { api } from '../../api/client';
import { useCoreQuery } from '../../api/useCoreQuery';
import { DeletionProgress, RefusalReasons, useRunningJob } from '../../components/DeletionParts';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ModalDialog } from '../../components/palette/ModalDialog';
import { formatCount } from '../../format';
import { errorMessage } from '../../stores/load';
import { hrefOf } from '../../stores/ui';
import { plural } from './plural';
import './deleteDataset.css';

/** "2 versions", "1,250 items": the lines the core lists, named as it names them. */
function countTexts(lines: readonly DatasetRemovalCountLine[]): string[] {
  return lines.map((line) => `${formatCount(line.count)} ${line.label}`);
}

/** Where to deal with what refuses the deletion. */
function BlockerLinks({
  blocker,
  onLeave,
}: {
  blocker: DatasetRemovalBlocker;
  onLeave: () => void;
}) {
  if (blocker.kind === 'runs')
    return (
      <ul className="ds-delete-links">
        {blocker.runs.map((run) => (
          <li key={run.runId}>
            <a href={hrefOf('runs', run.runId)} onClick={onLeave}>
              Open run “{run.runName}”
            </a>{' '}
            <span className="muted">
              (v{run.version}
              {run.isBeingDeleted ? ', being deleted' : ''})
            </span>
          </li>
        ))}
        {blocker.total > blocker.runs.length && (
          <li className="muted">
            and {plural(blocker.total - blocker.runs.length, 'more run')} in{' '}
            <a href={hrefOf('runs')} onClick={onLeave}>
              Runs
            </a>
          </li>
        )}
      </ul>
    );
  if (blocker.kind === 'labeling_session')
    return (
      <a href={hrefOf('label', blocker.sessionId, 'summary')} onClick={onLeave}>
        Open session “{blocker.sessionName}”
      </a>
    );
  if (blocker.kind === 'derived')
    return (
      <a href={hrefOf('datasets', blocker.datasetId, 'versions')} onClick={onLeave}>
        Open the versions of “{blocker.datasetName}”
      </a>
    );
  return null;
}

/**
 * "Delete dataset…" / "Delete version…": what goes (counts from `datasets.deletePreview`),
 * the suites that stop validating or move to another version, and a confirmation — or, when
 * the core refuses, each reason with links to the runs, sessions or versions behind it. The
 * focus starts on Cancel: deleting takes a deliberate press. A large version goes in batches:
 * the dialog shows the job's progress (also in the tray).
 */
export function DeleteDatasetDialog({
  target,
  datasetId,
  onClose,
  onDeleted,
}: {
  target: DatasetRemovalTarget;
  /** The dataset of the target (for the progress of its deletion job). */
  datasetId: string;
  onClose: () => void;
  onDeleted: (removed: DatasetRemoved) => void;
}) {
  const { state: preview, reload } = useCoreQuery('datasets.deletePreview', target);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const value = preview.status === 'ready' ? preview.value : null;
  const job = useRunningJob('datasets.delete', `dataset ${datasetId}`);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const isVersion = 'versionId' in target;
  const what = !value
    ? isVersion
      ? 'version'
      : 'dataset'
    : value.version !== null
      ? `version v${value.version} of “${value.datasetName}”`
      : `dataset “${value.datasetName}”`;

  const confirm = async () => {
    setBusy(true);
    try {
      onDeleted(await api!.call('datasets.delete', target));
    } catch (e) {
      // Something changed since the preview (a run, an import): show why, with fresh reasons.
      setError(errorMessage(e));
      reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      label={`Delete ${isVersion ? 'version' : 'dataset'}`}
      className="ds-delete-dialog"
      onClose={onClose}
      initialFocus={cancelRef}
    >
      <header className="modal-header">
        <h2>
          {!value
            ? `Delete ${what}`
            : value.canDelete
              ? `Delete ${what}?`
              : `The ${what} cannot be deleted`}
        </h2>
      </header>
      <div className="modal-body" data-testid="delete-dataset-dialog">
        {preview.status === 'error' && <ErrorNotice message={preview.message} onRetry={reload} />}
        {!value && preview.status !== 'error' && <Loading what="what the dataset holds" />}
        {value?.canDelete && (
          <>
            <p>This deletes, for good:</p>
            <ul data-testid="delete-dataset-counts">
              {countTexts(value.countLines).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {value.version !== null && value.removesDataset && (
              <p data-testid="delete-dataset-last-version">
                It is the only version left: the dataset “{value.datasetName}” goes with it.
              </p>
            )}
            {value.version !== null && !value.removesDataset && (
              <p className="muted">
                {value.remainingVersions.length === 1 ? 'Version' : 'Versions'}{' '}
                {value.remainingVersions.map((v) => `v${v}`).join(', ')}{' '}
                {value.remainingVersions.length === 1 ? 'stays' : 'stay'}.
              </p>
            )}
            {value.suites.length > 0 && (
              <>
                <p>Suites that name it:</p>
                <ul data-testid="delete-dataset-suites">
                  {value.suites.map((s) => (
                    <li key={`${s.suiteId}-${s.isDraft}`}>
                      <a href={hrefOf('suites', s.suiteId)} onClick={onClose}>
                        {s.suiteName}
                      </a>{' '}
                      {s.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        {value && !value.canDelete && (
          <RefusalReasons
            blockers={value.blockers}
            className="modal-blockers"
            testId="delete-dataset-reasons"
            linkOf={(b) => <BlockerLinks blocker={b} onLeave={onClose} />}
          />
        )}
        {busy && job && (
          <DeletionProgress
            job={job}
            label="Deleting items"
            unit="items"
            testId="delete-dataset-progress"
            what="It"
          />
        )}
        {error && <ErrorNotice message={error} />}
      </div>
      <footer className="modal-actions">
        {value?.canDelete && (
          <button type="button" className="danger" disabled={busy} onClick={confirm}>
            {busy ? 'Deleting…' : isVersion ? 'Delete version' : 'Delete dataset'}
          </button>
        )}
        <button type="button" ref={cancelRef} onClick={onClose}>
          {value && !value.canDelete ? 'Close' : 'Cancel'}
        </button>
      </footer>
    </ModalDialog>
  );
}
