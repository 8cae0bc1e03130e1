import { create } from 'zustand';
import type { RunSummary } from '@contract/index';
import { api, onReconnected } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface RunsState {
  list: Loadable<RunSummary[]>;
  /** The run selected in the runs list (view state: kept while the user visits a run). */
  selectedId: string | null;
  loadList: () => Promise<void>;
  select: (runId: string | null) => void;
}

export const useRuns = create<RunsState>((set) => ({
  list: { status: 'idle' },
  selectedId: null,
  async loadList() {
    if (!api) return;
    // A list already shown stays until the fresh one arrives: screens that reload it on mount
    // (NeedsFinishedRun) would otherwise flip their parent back to "Loading…" and remount.
    set((s) => (s.list.status === 'ready' ? s : { list: { status: 'loading' } }));
    try {
      set({ list: { status: 'ready', value: await api.call('runs.list', {}) } });
    } catch (error) {
      set({ list: { status: 'error', message: errorMessage(error) } });
    }
  },
  select: (selectedId) => set({ selectedId }),
}));

/**
 * The run that takes a removed run's place in a list: the next one, else the one before;
 * null when it was the only one.
 */
export function neighbourOf(runs: readonly RunSummary[], runId: string): string | null {
  const at = runs.findIndex((r) => r.id === runId);
  if (at < 0) return null;
  return runs[at + 1]?.id ?? runs[at - 1]?.id ?? null;
}

/**
 * Re-reads the runs list (for every screen that shows it: the runs list, the compare, decide
 * and label pickers, the palette) when runs are renamed or deleted anywhere — another window,
 * the CLI through a shared server. Call once at start-up.
 */
export function bindRunListEvents(): () => void {
  if (!api) return () => undefined;
  const reload = () => {
    if (useRuns.getState().list.status !== 'idle') void useRuns.getState().loadList();
  };
  const offChanged = api.on('workspace.changed', (e) => {
    if (e.domain === 'runs') reload();
  });
  const offReconnected = onReconnected(reload);
  return () => {
    offChanged();
    offReconnected();
  };
}
