import { useLabeling } from '../../stores/labeling';

/** Whether the last label reached the workspace: saving, saved (with the time), or the error. */
export function SaveIndicator() {
  const save = useLabeling((s) => s.save);
  const text =
    save.status === 'saving'
      ? 'Saving…'
      : save.status === 'saved'
        ? `Saved ${save.at ? new Date(save.at).toLocaleTimeString() : ''}`
        : save.status === 'error'
          ? `Not saved: ${save.message ?? 'error'}`
          : 'Nothing saved yet';
  return (
    <span className={`label-save label-save-${save.status}`} role="status" data-testid="save-state">
      {text}
    </span>
  );
}
