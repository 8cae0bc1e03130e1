import { create } from 'zustand';
import type { RouteOutput, SuiteSummary } from '@contract/index';
import { api } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface SuitesState {
  list: Loadable<SuiteSummary[]>;
  current: Loadable<RouteOutput<'suites.get'>>;
  loadList: () => Promise<void>;
  open: (suiteId: string) => Promise<void>;
}

export const useSuites = create<SuitesState>((set) => ({
  list: { status: 'idle' },
  current: { status: 'idle' },
  async loadList() {
    if (!api) return;
    set({ list: { status: 'loading' } });
    try {
      set({ list: { status: 'ready', value: await api.call('suites.list', {}) } });
    } catch (error) {
      set({ list: { status: 'error', message: errorMessage(error) } });
    }
  },
  async open(suiteId) {
    if (!api) return;
    set({ current: { status: 'loading' } });
    try {
      set({ current: { status: 'ready', value: await api.call('suites.get', { suiteId }) } });
    } catch (error) {
      set({ current: { status: 'error', message: errorMessage(error) } });
    }
  },
}));
