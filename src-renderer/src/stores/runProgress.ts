import { create } from 'zustand';
import type { RunFinished, RunProgress } from '@contract/index';
import { api } from '../api/client';
import { useRuns } from './runs';

interface RunProgressState {
  /** The latest progress of each run seen in this session (events, or `runs.progress` on open). */
  byId: Record<string, RunProgress>;
  /** How each run's last execution ended, if it ended in this session. */
  finishedById: Record<string, RunFinished>;
  put: (progress: RunProgress) => void;
  load: (runId: string) => Promise<void>;
}

export const useRunProgress = create<RunProgressState>((set) => ({
  byId: {},
  finishedById: {},
  put: (progress) => set((s) => ({ byId: { ...s.byId, [progress.runId]: progress } })),
  async load(runId) {
    const progress = await api?.call('runs.progress', { runId });
    if (progress) set((s) => ({ byId: { ...s.byId, [runId]: progress } }));
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
  return () => {
    offProgress();
    offFinished();
    if (frame !== null) cancelAnimationFrame(frame);
  };
}
