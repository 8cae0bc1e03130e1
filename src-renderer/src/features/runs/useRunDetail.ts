import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunDetail } from '@contract/index';
import { ApiCallError, api, onReconnected } from '../../api/client';
import { errorMessage } from '../../stores/load';

/** A run's stored detail; `gone` when the core says the run does not exist (deleted, or never). */
export type RunDetailState =
  | { status: 'loading' }
  | { status: 'ready'; value: RunDetail }
  | { status: 'gone' }
  | { status: 'error'; message: string };

/**
 * `runs.get` for the run page, re-read on `reload()` and when a lost connection comes back.
 * Unlike a plain query it tells a run that is gone from a failure (the page offers a way back,
 * not a retry that cannot work), and `hold(true)` stops the asking while a deletion of the run
 * is under way (every re-read would only be refused); `hold(false)` (the deletion was refused)
 * reads it again.
 */
export function useRunDetail(runId: string): {
  state: RunDetailState;
  reload: () => void;
  hold: (isHeld: boolean) => void;
} {
  const [state, setState] = useState<RunDetailState>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const isHeld = useRef(false);
  useEffect(() => {
    if (!api || isHeld.current) return;
    let isCurrent = true;
    api.call('runs.get', { runId }).then(
      (value) => isCurrent && setState({ status: 'ready', value }),
      (error: unknown) => {
        if (!isCurrent) return;
        const isGone = error instanceof ApiCallError && error.shape.code === 'not_found';
        setState(isGone ? { status: 'gone' } : { status: 'error', message: errorMessage(error) });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [runId, round]);
  const reload = useCallback(() => {
    if (!isHeld.current) setRound((r) => r + 1);
  }, []);
  const hold = useCallback((held: boolean) => {
    const wasHeld = isHeld.current;
    isHeld.current = held;
    if (wasHeld && !held) setRound((r) => r + 1);
  }, []);
  useEffect(() => onReconnected(reload), [reload]);
  return { state, reload, hold };
}
