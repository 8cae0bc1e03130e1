import { forwardRef, useEffect, useState, type KeyboardEvent } from 'react';
import type { LabelView } from '@contract/routes/labeling';
import { useLabeling } from '../../stores/labeling';
import { submitIfRateable } from './ratingGate';

/**
 * A free-text note on the current label. With a label it is saved on Ctrl+Enter or when the box
 * is left; before the score or choice it is kept and saved with them.
 */
export const NoteBox = forwardRef<
  HTMLTextAreaElement,
  { label: LabelView | null; isInherited: boolean; disabled: boolean }
>(function NoteBox({ label, isInherited, disabled }, ref) {
  const enqueue = useLabeling((s) => s.enqueue);
  const setDraft = useLabeling((s) => s.setDraft);
  // Before the score or choice the box shows the kept draft (a note undo took off the label).
  const draftNote = useLabeling((s) => s.draft.note);
  const mine = label !== null && !isInherited;
  const saved = mine ? label.note : null;
  const shown = mine ? saved : (draftNote ?? null);
  const [text, setText] = useState(shown ?? '');
  useEffect(() => setText(shown ?? ''), [shown, label?.id]);
  const commit = () => {
    const note = text.trim() === '' ? null : text;
    if (note === shown) return;
    if (mine) enqueue(() => submitIfRateable({ note }, false));
    else setDraft({ note });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' || (event.key === 'Enter' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      event.currentTarget.blur();
    }
  };
  return (
    <label className="label-note">
      <span className="muted">
        <kbd>N</kbd> Note
      </span>
      <textarea
        ref={ref}
        value={text}
        rows={2}
        maxLength={10_000}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
        aria-label="Note"
        disabled={disabled}
      />
    </label>
  );
});
