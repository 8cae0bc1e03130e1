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
