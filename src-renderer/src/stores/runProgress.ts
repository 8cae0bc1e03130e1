import { create } from 'zustand';
import type { RunFinished, RunProgress } from '@contract/index';
import { api, onReconnected } from '../api/client';
import { useRuns } from './runs';

interface RunProgressState {
  /** The latest progress of each run seen in this session (events, or `runs.progress` on open). */
  byId: Record<string, RunProgress>;
  /** How each run's last execution ended, if it ended in this session. */
  finishedById: Record<string, RunFinished>;
  put: (progress: RunProgress) => void;
  load: (runId: string) => Promise<void>;
  /** Re-reads every run this session has seen live (events may have been missed). */
  reloadAll: () => Promise<void>;
}

export const useRunProgress = create<RunProgressState>((set, get) => ({
  byId: {},
  finishedById: {},
  put: (progress) => set((s) => ({ byId: { ...s.byId, [progress.runId]: progress } })),
  async load(runId) {
    const progress = await api?.call('runs.progress', { runId });
    if (progress) set((s) => ({ byId: { ...s.byId, [runId]: progress } }));
  },
  async reloadAll() {
    if (!api) return;
    const client = api;
    const ids = Object.keys(get().byId);
    const latest = await Promise.all(ids.map((runId) => client.call('runs.progress', { runId })));
    // A run no longer executing in the server (it ended, or the server restarted) has no live
    // progress any more: views fall back to what the run's stored detail says.
    set((s) => {
      const byId = { ...s.byId };
      ids.forEach((runId, i) => {
        const progress = latest[i];
        if (progress) byId[runId] = progress;
        else delete byId[runId];
      });
      return { byId };
    });
  },
}));

/**
 * Binds run events to the store; call once at start-up. A big run sends progress several
 * times a second: events are coalesced so the store (and every view on it) changes at most
 * once per animation frame, keeping only the newest progress of each run.
 */
export function bindRunEvents(): () => void {
  if (!api) return () => undefined;
  let pending: Record<string, RunProgress> = {};
  let pendingFinished: Record<string, RunFinished> = {};
  let frame: number | null = null;
  const flush = () => {
    frame = null;
    const progress = pending;
    const finished = pendingFinished;
    pending = {};
    pendingFinished = {};
    useRunProgress.setState((s) => ({
      byId: { ...s.byId, ...progress },
      finishedById: { ...s.finishedById, ...finished },
    }));
    if (Object.keys(finished).length && useRuns.getState().list.status !== 'idle')
      void useRuns.getState().loadList();
  };
  const schedule = () => {
    frame ??= requestAnimationFrame(flush);
  };
  const offProgress = api.on('run.progress', (progress) => {
    pending[progress.runId] = progress;
    schedule();
  });
  const offFinished = api.on('run.finished', (finished) => {
    pending[finished.runId] = finished.progress;
    pendingFinished[finished.runId] = finished;
    schedule();
  });
  const offReconnected = onReconnected(() => {
    void useRunProgress
      .getState()
      .reloadAll()
      .catch(() => undefined);
    if (useRuns.getState().list.status !== 'idle') void useRuns.getState().loadList();
  });
  return () => {
    offProgress();
    offFinished();
    offReconnected();
    if (frame !== null) cancelAnimationFrame(frame);
  };
}
