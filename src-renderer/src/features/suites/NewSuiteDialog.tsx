import { useState } from 'react';
import type { ListedSuite } from '@contract/index';
import { ModalDialog } from '../../components/palette/ModalDialog';
import { navigate, useUi, type Route } from '../../stores/ui';
import { DuplicateForm } from './DuplicateForm';
import { FromDatasetForm } from './FromDatasetForm';
import { FromFileForm } from './FromFileForm';
import './newSuite.css';

type Start = 'dataset' | 'file' | 'duplicate';

/**
 * The route the dialog was opened from (the Overview's checklist, a dataset, a suite), read once
 * as it opens; null when it was opened directly (a typed or restored address). The import
 * wizard puts its imported dataset's page in its own place first (ImportWizard.tsx).
 */
function openedFrom(): Route | null {
  const previous = useUi.getState().previousRoute;
  if (!previous || (previous.section === 'suites' && previous.params[0] === 'new')) return null;
  return previous;
}

const starts: ReadonlyArray<{ id: Start; label: string }> = [
  { id: 'dataset', label: 'From a dataset' },
  { id: 'file', label: 'Open a YAML file…' },
  { id: 'duplicate', label: 'Duplicate a suite' },
];

/**
 * The three ways to a new suite: scaffolded by the core from a dataset, a YAML file from this
 * computer, or a copy of a stored suite. Saving opens the new suite in the editor.
 * A native modal dialog: the page behind is inert (the focus stays inside), Esc closes it.
 * Closing without saving goes back where the dialog was opened from; `onClose` is the way out
 * when it was opened directly.
 */
export function NewSuiteDialog({
  suites,
  duplicateOf,
  datasetId,
  onClose,
}: {
  suites: readonly ListedSuite[];
  /** The suite selected when the dialog opened: what Duplicate offers first. */
  duplicateOf: string | null;
  /** The dataset "From a dataset" starts on (else the first). */
  datasetId: string | null;
  onClose: () => void;
}) {
  const [start, setStart] = useState<Start>('dataset');
  const [returnTo] = useState(openedFrom);
  const close = () => (returnTo ? navigate(returnTo.section, ...returnTo.params) : onClose());
  return (
    <ModalDialog label="New suite" className="ns-dialog" onClose={close}>
      <header className="ns-header">
        <h2>New suite</h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </header>
      <div className="ns-body">
        <fieldset className="ns-starts">
          <legend>Start</legend>
          {starts.map((s) => (
            <label key={s.id} className={start === s.id ? 'is-chosen' : undefined}>
              <input
                type="radio"
                name="ns-start"
                value={s.id}
                checked={start === s.id}
                onChange={() => setStart(s.id)}
              />
              {s.label}
            </label>
          ))}
        </fieldset>
        {start === 'dataset' ? (
          <FromDatasetForm suites={suites} initialDatasetId={datasetId} />
        ) : start === 'file' ? (
          <FromFileForm suites={suites} />
        ) : (
          <DuplicateForm suites={suites} initialId={duplicateOf} />
        )}
      </div>
    </ModalDialog>
  );
}
