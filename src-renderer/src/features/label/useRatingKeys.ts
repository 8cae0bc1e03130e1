import { useEffect } from 'react';
import type { SessionDetail, ShownChoice } from '@contract/routes/labeling';
import { useShortcuts } from '../../shortcuts';
import { useLabeling } from '../../stores/labeling';
import { moveToNextWaiting } from './filledMeanwhile';
import { closedSessionNotice, submitIfRateable } from './ratingGate';
import { ratingShortcuts } from './ratingKeys';

const pairKeys: Record<string, ShownChoice> = { a: 'A', b: 'B', t: 'tie', x: 'both_bad' };

export interface RatingKeyHandlers {
  focusNote: () => void;
  toggleDiff: () => void;
  toggleTags: (open?: boolean) => void;
  toggleHelp: () => void;
  tagsOpen: boolean;
  /** Closes the key help or the diff, whichever is open; null when neither is. */
  closeOverlay: (() => void) | null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    // Monaco's hidden textarea sits inside the diff editor.
    target.closest('.monaco-editor') !== null
  );
}

/**
 * A modal dialog (the shortcuts sheet, the command palette) makes the page behind it inert: its
 * keys are the dialog's, not ratings of a task the rater cannot see.
 */
function isDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

/**
 * The rating keyboard: digits score (0 = 10 on 1–10), P / F pass or fail, A / B / T / X for
 * pairs (X = both bad), S skips, U undoes, N writes a note, G opens the failure-mode tags,
 * D shows the A/B diff, ← → move, ? shows the keys. Actions run in the order pressed.
 */
export function useRatingKeys(session: SessionDetail | null, handlers: RatingKeyHandlers) {
  useShortcuts('rating', 'Rating screen', session ? ratingShortcuts(session.kind) : []);
  useEffect(() => {
    if (!session) return;
    const store = () => useLabeling.getState();
    const currentLabel = () => {
      const task = store().task;
      return task.status === 'ready' ? task.value.myLabel : null;
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (isDialogOpen()) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const { enqueue } = store();
      const handled = () => event.preventDefault();
      if (key === 'ArrowRight' || key === 'ArrowLeft') {
        handled();
        enqueue(() => store().move(key === 'ArrowRight' ? 1 : -1));
        return;
      }
      if (key === 's') {
        handled();
        enqueue(() => {
          // Nothing to rate here (others gave the task its ratings): S moves on, not a skip.
          const { queue, cursor, skip } = store();
          return queue?.entries[cursor]?.status === 'complete' ? moveToNextWaiting() : skip();
        });
        return;
      }
      if (key === 'u') {
        handled();
        enqueue(async () => {
          // The core refuses it too; said here without a failed save.
          if (store().session?.status === 'closed')
            useLabeling.setState({ notice: closedSessionNotice });
          else await store().undo();
        });
        return;
      }
      if (key === 'n') return (handled(), handlers.focusNote());
      if (key === '?') return (handled(), handlers.toggleHelp());
      if (key === 'Escape' && handlers.tagsOpen) return (handled(), handlers.toggleTags(false));
      if (key === 'Escape' && handlers.closeOverlay) return (handled(), handlers.closeOverlay());
      if (session.kind === 'pairwise') {
        if (key === 'd') return (handled(), handlers.toggleDiff());
        const choice = pairKeys[key];
        if (choice) {
          handled();
          enqueue(() => submitIfRateable({ choice }, true));
        }
        return;
      }
      const { scale, passFail, failureModes } = session.rubric;
      if (key === 'g' && failureModes) return (handled(), handlers.toggleTags());
      if (/^\d$/.test(key)) {
        handled();
        const digit = Number(key);
        if (handlers.tagsOpen) {
          const mode = store().failureModes.filter((m) => !m.isArchived)[digit - 1];
          if (!mode) return;
          enqueue(async () => {
            const label = currentLabel();
            if (!label) return;
            const tags = label.tags.includes(mode.id)
              ? label.tags.filter((t) => t !== mode.id)
              : [...label.tags, mode.id];
            await submitIfRateable({ tags }, false);
          });
          return;
        }
        const score = digit === 0 && scale.max === 10 ? 10 : digit;
        if (score < scale.min || score > scale.max) return;
        enqueue(() => submitIfRateable({ score }, 'complete'));
        return;
      }
      if (passFail && (key === 'p' || key === 'f')) {
        handled();
        const isPass = key === 'p';
        enqueue(() => submitIfRateable({ isPass }, 'complete'));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, handlers]);
}
