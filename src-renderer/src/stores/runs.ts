import { create } from 'zustand';
import type { RunSummary } from '@contract/index';
import { api } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface RunsState {
  list: Loadable<RunSummary[]>;
  loadList: () => Promise<void>;
}

export const useRuns = create<RunsState>((set) => ({
  list: { status: 'idle' },
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
}));
