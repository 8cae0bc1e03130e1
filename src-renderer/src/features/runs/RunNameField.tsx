import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../stores/load';

/**
 * A run's name as a field, for the run page's heading and a row of the runs list: Enter saves
 * through `runs.rename` (the core trims and checks it), Esc or Cancel puts the name back. A
 * refused name keeps the field open with the core's reason.
 */
export function RunNameField({
  runId,
  name,
  onDone,
  onRenamed,
}: {
  runId: string;
  name: string;
  /** The field closes: saved, or cancelled. */
  onDone: () => void;
  onRenamed: () => void;
}) {
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (draft === name) return onDone();
    setBusy(true);
    try {
      await api!.call('runs.rename', { runId, name: draft });
      onDone();
      onRenamed();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="rn-title-edit">
      <input
        aria-label="Run name"
        value={draft}
        maxLength={200}
        disabled={busy}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      <button type="button" disabled={busy} onClick={save}>
        Save
      </button>
      <button type="button" disabled={busy} onClick={onDone}>
        Cancel
      </button>
      <span className="muted">Enter saves, Esc cancels</span>
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
