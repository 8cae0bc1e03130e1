import { formatDate } from '../../format';
import type { RestoredDraft } from './useDurableDraft';

/**
 * Says that the editor shows unsaved changes restored from the workspace, and whether the
 * suite was saved elsewhere since they started; Discard shows the saved text again.
 */
export function DraftNotice({
  restored,
  onDiscard,
}: {
  restored: RestoredDraft;
  onDiscard: () => void;
}) {
  return (
    <div
      className={`su-draft-notice${restored.savedChanged ? ' changed' : ''}`}
      role="status"
      data-testid="draft-notice"
    >
      <span>
        Unsaved changes from{' '}
        <time dateTime={restored.updatedAt}>{formatDate(restored.updatedAt)}</time> restored
        {restored.savedChanged ? '; the saved suite changed since — review before saving' : ''}
      </span>
      <button
        type="button"
        onClick={onDiscard}
        title="Drop the unsaved changes and show the saved suite"
      >
        Discard
      </button>
    </div>
  );
}

/**
 * The stored unsaved changes could not be read (the server was unreachable, say): the editor
 * shows the saved text, and Retry reads them again. Nothing stored is replaced until the user
 * edits here.
 */
export function DraftReadNotice({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="su-draft-notice changed" role="alert" data-testid="draft-read-error">
      <span>{message}. The editor shows the saved suite.</span>
      <button type="button" onClick={onRetry} title="Read the stored unsaved changes again">
        Retry
      </button>
    </div>
  );
}
