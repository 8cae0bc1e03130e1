import { useCallback, useEffect, useRef, useState } from 'react';
import type { RouteOutput } from '@contract/index';
import { api } from '../../api/client';
import { errorMessage } from '../../stores/load';
import { useSuiteDrafts } from './draftStore';

type Suite = RouteOutput<'suites.get'>;

/** Written this long after typing stops (and at once on blur, navigation and page hide). */
export const DRAFT_WRITE_DELAY_MS = 500;

export interface RestoredDraft {
  updatedAt: string;
  /** The suite was saved elsewhere (another window, the CLI) since the edit started. */
  savedChanged: boolean;
}

export interface DurableDraft {
  /** `loading` until the stored draft is known: the editor waits, so no keystroke is replaced. */
  status: 'loading' | 'ready';
  restored: RestoredDraft | null;
  /** Writing the stored draft failed; the edit is still in memory. */
  error: string | null;
  /** Reading the stored draft failed: what is stored (if anything) is not shown; `retry` reads again. */
  readError: string | null;
  retry: () => void;
  /** Writes the pending edit now. */
  flush: () => void;
  /** Cancels the pending write and waits for the one in flight (call before saving the suite). */
  settle: () => Promise<void>;
  /** The suite was saved with `draftOf`: the core dropped the stored draft. */
  markSaved: () => void;
  /** Forgets the edit, in memory and in the workspace: the saved text shows again. */
  discard: () => void;
}

/** Nothing is stored for the suite. */
const NONE = null;
/** What is stored is unknown (a write failed): the next write goes through whatever it is. */
const UNKNOWN = Symbol('unknown');

/**
 * Keeps the suite editor's unsaved text in the workspace (`suites.draft.*`), so it survives a
 * crash, a closed or reloaded window and a restarted server. The in-memory draft store stays
 * the fast path for keystrokes; this follows it with debounced writes, one at a time, in order.
 */
export function useDurableDraft(suite: Suite): DurableDraft {
  const suiteId = suite.id;
  const savedText = suite.yaml;
  const [status, setStatus] = useState<'loading' | 'ready'>('loading');
  const [restored, setRestored] = useState<RestoredDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  /** Bumped by Retry: reads the stored draft again. */
  const [readAttempt, setReadAttempt] = useState(0);
  const baseHash = useRef(suite.contentHash);
  const stored = useRef<string | null | typeof UNKNOWN>(UNKNOWN);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const isReady = useRef(false);

  const write = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!api || !isReady.current) return;
    const client = api;
    const text = useSuiteDrafts.getState().byId[suiteId];
    const target = text === undefined || text === savedText ? NONE : text;
    if (target === stored.current) return;
    stored.current = target;
    chain.current = chain.current.then(async () => {
      try {
        if (target === NONE) await client.call('suites.draft.drop', { suiteId });
        else
          await client.call('suites.draft.save', {
            suiteId,
            text: target,
            baseHash: baseHash.current,
          });
        setError(null);
      } catch (e) {
        if (stored.current === target) stored.current = UNKNOWN;
        setError(`Unsaved changes not stored in the workspace: ${errorMessage(e)}`);
      }
    });
  }, [suiteId, savedText]);

  // Restore what the workspace holds, unless this window already has an edit in memory.
  useEffect(() => {
    if (!api) return;
    let isCurrent = true;
    api.call('suites.draft.get', { suiteId }).then(
      (draft) => {
        if (!isCurrent) return;
        setReadError(null);
        const inMemory = useSuiteDrafts.getState().byId[suiteId];
        if (draft) {
          baseHash.current = draft.baseHash;
          stored.current = draft.suiteId === suiteId ? draft.text : UNKNOWN;
          if (inMemory === undefined && draft.text !== savedText) {
            useSuiteDrafts.getState().set(suiteId, draft.text);
            setRestored({ updatedAt: draft.updatedAt, savedChanged: draft.savedChanged });
          }
        } else {
          stored.current = NONE;
        }
        isReady.current = true;
        setStatus('ready');
        // A draft equal to the saved text, or one on an older text of the suite: settle it now.
        write();
      },
      (e: unknown) => {
        if (!isCurrent) return;
        setReadError(`Could not read unsaved changes from the workspace: ${errorMessage(e)}`);
        // Whatever is stored stays: only an edit made here replaces it (also when the page is
        // leaving and the read was cut short), never the saved text's "nothing to keep".
        stored.current = NONE;
        isReady.current = true;
        setStatus('ready');
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [suiteId, savedText, write, readAttempt]);

  // Follow the in-memory draft; write on page hide and when the editor goes away.
  useEffect(() => {
    const unsubscribe = useSuiteDrafts.subscribe((state, previous) => {
      if (state.byId[suiteId] === previous.byId[suiteId]) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(write, DRAFT_WRITE_DELAY_MS);
    });
    const onHidden = () => {
      if (document.visibilityState === 'hidden') write();
    };
    window.addEventListener('pagehide', write);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', write);
      document.removeEventListener('visibilitychange', onHidden);
      write();
    };
  }, [suiteId, write]);

  const settle = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    return chain.current;
  }, []);

  const markSaved = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    stored.current = NONE;
    setRestored(null);
  }, []);

  const discard = useCallback(() => {
    setRestored(null);
    useSuiteDrafts.getState().drop(suiteId);
    // Nothing may be in memory yet on this text (a draft on an older text): drop it regardless.
    stored.current = UNKNOWN;
    write();
  }, [suiteId, write]);

  const retry = useCallback(() => setReadAttempt((n) => n + 1), []);

  return { status, restored, error, readError, retry, flush: write, settle, markSaved, discard };
}
