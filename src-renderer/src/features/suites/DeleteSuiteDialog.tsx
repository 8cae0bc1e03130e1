import { useState } from 'react';
import type { ListedSuite } from '@contract/index';
import { api } from '../../api/client';
import { ModalDialog } from '../../components/palette/ModalDialog';
import { errorMessage } from '../../stores/load';
import { useSuites } from '../../stores/suites';
import { hrefOf, navigate } from '../../stores/ui';
import { useSuiteDrafts } from './draftStore';
import './newSuite.css';

/**
 * Asks before deleting a suite, naming what goes: every saved version of its name and its
 * unsaved changes. The core refuses while runs used it; its message (naming the runs) shows
 * here, and nothing is deleted.
 */
export function DeleteSuiteDialog({ suite, onClose }: { suite: ListedSuite; onClose: () => void }) {
  const [state, setState] = useState<
    { status: 'idle' | 'deleting' } | { status: 'refused'; message: string }
  >({ status: 'idle' });
  const hasDraft = useSuiteDrafts((s) => s.byId[suite.id] !== undefined) || suite.hasDraft;

  const onDelete = async () => {
    if (!api) return;
    setState({ status: 'deleting' });
    try {
      await api.call('suites.delete', { suiteId: suite.id });
      // No write of the in-memory edit may follow the suite it belonged to.
      useSuiteDrafts.getState().drop(suite.id);
      await useSuites.getState().loadList();
      navigate('suites');
    } catch (error) {
      setState({ status: 'refused', message: errorMessage(error) });
    }
  };

  return (
    <ModalDialog
      label={`Delete suite ${suite.name}`}
      className="ns-dialog ns-confirm"
      onClose={onClose}
    >
      <header className="ns-header">
        <h2>Delete suite “{suite.name}”?</h2>
      </header>
      <div className="ns-body">
        <p>
          This deletes every saved version of <strong>{suite.name}</strong>
          {hasDraft ? ' and its unsaved changes' : ''}. It cannot be undone. A suite that runs used
          cannot be deleted: the runs keep the text they ran.
        </p>
        {state.status === 'refused' && (
          <p className="ns-problem" role="alert" data-testid="delete-refused">
            {state.message}
          </p>
        )}
        <div className="ns-actions">
          {state.status === 'refused' && (
            <a className="button-link" href={hrefOf('runs')}>
              Open Runs
            </a>
          )}
          <button type="button" onClick={onClose} autoFocus>
            {state.status === 'refused' ? 'Close' : 'Cancel'}
          </button>
          {state.status !== 'refused' && (
            <button
              type="button"
              className="ns-danger"
              onClick={() => void onDelete()}
              disabled={state.status === 'deleting'}
            >
              {state.status === 'deleting' ? 'Deleting…' : 'Delete suite'}
            </button>
          )}
        </div>
      </div>
    </ModalDialog>
  );
}
