import { useRef } from 'react';
import { useFocusWhenLost } from '../../components/useFocusWhenLost';
import { RunNameField } from './RunNameField';

/**
 * A run's name as the page heading, renamed in place: Rename (or F2) turns it into a field
 * (`RunNameField`: Enter saves, Esc puts the name back).
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
  // Arriving from "Save and run" (whose button is gone) or leaving the rename field: the
  // heading takes the focus, so the keyboard starts from this run, not from the top.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(headingRef, isEditing);

  if (!isEditing)
    return (
      <div className="rn-title">
        <h1 ref={headingRef} tabIndex={-1}>
          {name}
        </h1>
        <button type="button" onClick={() => onEditingChange(true)} title="Rename this run (F2)">
          Rename
        </button>
      </div>
    );
  return (
    <>
      <h1 className="visually-hidden">{name}</h1>
      <RunNameField
        runId={runId}
        name={name}
        onDone={() => onEditingChange(false)}
        onRenamed={onRenamed}
      />
    </>
  );
}
