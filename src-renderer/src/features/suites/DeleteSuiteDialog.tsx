import { useId, useRef, useState } from 'react';
import type { ListedSuite, SuiteRemovalBlocker, SuiteRemovalCountLine } from '@contract/index';
import { api } from '../../api/client';
import { useCoreQuery } from '../../api/useCoreQuery';
import { RefusalReasons } from '../../components/DeletionParts';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ModalDialog } from '../../components/palette/ModalDialog';
import { formatCount } from '../../format';
import { errorMessage } from '../../stores/load';
import { useSuites } from '../../stores/suites';
import { hrefOf, navigate } from '../../stores/ui';
import { useSuiteDrafts } from './draftStore';
import './newSuite.css';
import './deleteSuite.css';

/** "2 saved versions", "1 unsaved draft": the lines the core lists, named as it names them. */
function countTexts(lines: readonly SuiteRemovalCountLine[]): string[] {
  return lines.map((line) => `${formatCount(line.count)} ${line.label}`);
}

/** The runs that used the suite, each a link to it; the rest counted, with a link to Runs. */
function RunLinks({ blocker, onLeave }: { blocker: SuiteRemovalBlocker; onLeave: () => void }) {
  const more = blocker.total - blocker.runs.length;
  return (
    <ul className="ns-delete-links">
      {blocker.runs.map((run) => (
        <li key={run.runId}>
          <a href={hrefOf('runs', run.runId)} onClick={onLeave}>
            Open run “{run.runName}”
          </a>
          {run.isBeingDeleted && <span className="muted"> (being deleted)</span>}
        </li>
      ))}
      {more > 0 && (
        <li className="muted">
          and {formatCount(more)} more {more === 1 ? 'run' : 'runs'} in{' '}
          <a href={hrefOf('runs')} onClick={onLeave}>
            Runs
          </a>
        </li>
      )}
    </ul>
  );
}

/**
 * "Delete suite…": what goes (every saved version of the name and its unsaved changes, counted
 * by `suites.deletePreview`) and a confirmation — or, when runs used the suite, the refusal up
 * front with links to those runs and the Delete button unavailable, saying why. The buttons are
 * in the same order as the other deletion dialogs (Delete, then Cancel) and the focus starts
 * on Cancel: deleting takes a deliberate press.
 */
export function DeleteSuiteDialog({ suite, onClose }: { suite: ListedSuite; onClose: () => void }) {
  const { state: preview, reload } = useCoreQuery('suites.deletePreview', { suiteId: suite.id });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const reasonsId = useId();
  const value = preview.status === 'ready' ? preview.value : null;
  // Changes typed a moment ago may not be stored yet; they go too.
  const hasEditorChanges = useSuiteDrafts((s) => s.byId[suite.id] !== undefined);

  const confirm = async () => {
    if (!api || !value?.canDelete || busy) return;
    setBusy(true);
    try {
      await api.call('suites.delete', { suiteId: suite.id });
      // No write of the in-memory edit may follow the suite it belonged to.
      useSuiteDrafts.getState().drop(suite.id);
      await useSuites.getState().loadList();
      navigate('suites');
    } catch (e) {
      // Something changed since the preview (a run was started): show why, with fresh reasons.
      setError(errorMessage(e));
      reload();
      setBusy(false);
    }
  };

  return (
    <ModalDialog
      label={`Delete suite ${suite.name}`}
      className="ns-dialog ns-confirm"
      onClose={onClose}
      initialFocus={cancelRef}
    >
      <header className="modal-header">
        <h2>
          {value && !value.canDelete
            ? `Suite “${suite.name}” cannot be deleted`
            : `Delete suite “${suite.name}”?`}
        </h2>
      </header>
      <div className="modal-body" data-testid="delete-suite-dialog">
        {preview.status === 'error' && <ErrorNotice message={preview.message} onRetry={reload} />}
        {!value && preview.status !== 'error' && <Loading what="what the suite holds" />}
        {value?.canDelete && (
          <>
            <p>
              This deletes every saved version of <strong>{suite.name}</strong>, for good:
            </p>
            <ul data-testid="delete-suite-counts">
              {countTexts(value.countLines).map((line) => (
                <li key={line}>{line}</li>
              ))}
              {hasEditorChanges && value.counts.drafts === 0 && (
                <li>the unsaved changes in the editor</li>
              )}
            </ul>
          </>
        )}
        {value && !value.canDelete && (
          <div id={reasonsId}>
            <RefusalReasons
              blockers={value.blockers}
              className="modal-blockers"
              testId="delete-suite-reasons"
              linkOf={(b) => <RunLinks blocker={b} onLeave={onClose} />}
            />
          </div>
        )}
        {error && <ErrorNotice message={error} />}
      </div>
      <footer className="modal-actions">
        {value && (
          <button
            type="button"
            className="danger"
            // aria-disabled, not disabled, when refused: it stays in the tab order and says why.
            aria-disabled={!value.canDelete || busy || undefined}
            aria-describedby={value.canDelete ? undefined : reasonsId}
            onClick={() => void confirm()}
          >
            {busy ? 'Deleting…' : 'Delete suite'}
          </button>
        )}
        <button type="button" ref={cancelRef} onClick={onClose}>
          {value && !value.canDelete ? 'Close' : 'Cancel'}
        </button>
      </footer>
    </ModalDialog>
  );
}
