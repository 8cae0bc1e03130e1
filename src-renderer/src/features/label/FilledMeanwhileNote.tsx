import { useState } from 'react';
import { useFilledMeanwhile, forgetFilledMeanwhile } from './filledMeanwhile';

/**
 * The note a rater typed for a task another rater filled meanwhile: it was not saved, so it
 * stays on screen (selectable, with Copy) until the rater dismisses it.
 */
export function FilledMeanwhileNote() {
  const filled = useFilledMeanwhile((s) => s.filled);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  if (!filled?.note) return null;
  const { note } = filled;
  const copy = () => {
    navigator.clipboard.writeText(note).then(
      () => setCopied('copied'),
      // No clipboard (permission, insecure origin): the text stays selectable to copy by hand.
      () => setCopied('failed'),
    );
  };
  return (
    <section className="label-unsaved-note" data-testid="unsaved-note" aria-label="Unsaved note">
      <p className="muted">
        Your note for task {filled.position + 1} was not saved (another rater rated that task
        first):
      </p>
      <textarea readOnly value={note} rows={2} aria-label="Unsaved note text" />
      <div className="label-unsaved-note-actions">
        <button type="button" onClick={copy}>
          {copied === 'copied' ? 'Copied' : 'Copy note'}
        </button>
        <button
          type="button"
          onClick={() => {
            setCopied('idle');
            forgetFilledMeanwhile();
          }}
        >
          Dismiss
        </button>
        {copied === 'failed' && (
          <span className="muted">Could not reach the clipboard: select the text to copy it.</span>
        )}
      </div>
    </section>
  );
}
