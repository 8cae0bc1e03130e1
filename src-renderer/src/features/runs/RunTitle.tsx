import { useRef, useState } from 'react';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useFocusWhenLost } from '../../components/useFocusWhenLost';
import { errorMessage } from '../../stores/load';

/**
 * A run's name as the page heading, renamed in place: Rename (or F2) turns it into a field,
 * Enter saves through `runs.rename` (the core trims and checks it), Esc puts the name back. A
 * refused name keeps the field open with the core's reason.
 */
export function RunTitle({
  runId,
  name,
  isEditing,
  onEditingChange,
  onRenamed,
}: {
  runId: string;
  name: string;
  isEditing: boolean;
  onEditingChange: (isEditing: boolean) => void;
  onRenamed: () => void;
}) {
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Arriving from "Save and run" (whose button is gone) or leaving the rename field: the
  // heading takes the focus, so the keyboard starts from this run, not from the top.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(headingRef, isEditing);

  const start = () => {
    setDraft(name);
    setError(null);
    onEditingChange(true);
  };
  const stop = () => {
    setError(null);
    onEditingChange(false);
  };
  const save = async () => {
    if (draft === name) return stop();
    setBusy(true);
    try {
      await api!.call('runs.rename', { runId, name: draft });
      stop();
      onRenamed();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!isEditing)
    return (
      <div className="rn-title">
        <h1 ref={headingRef} tabIndex={-1}>
          {name}
        </h1>
        <button type="button" onClick={start} title="Rename this run (F2)">
          Rename
        </button>
      </div>
    );
  return (
    <div className="rn-title-edit">
      <h1 className="visually-hidden">{name}</h1>
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
            stop();
          }
        }}
      />
      <button type="button" disabled={busy} onClick={save}>
        Save
      </button>
      <button type="button" disabled={busy} onClick={stop}>
        Cancel
      </button>
      <span className="muted">Enter saves, Esc cancels</span>
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
