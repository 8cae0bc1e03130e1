import { create } from 'zustand';
import type { ListedSuite, RouteOutput } from '@contract/index';
import { api, onReconnected } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface SuitesState {
  list: Loadable<ListedSuite[]>;
  current: Loadable<RouteOutput<'suites.get'>>;
  loadList: () => Promise<void>;
  /** Reloads the list while still showing the one on screen (after a change elsewhere). */
  refreshList: () => Promise<void>;
  open: (suiteId: string) => Promise<void>;
}

export const useSuites = create<SuitesState>((set, get) => ({
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
  async refreshList() {
    if (!api) return;
    if (get().list.status !== 'ready') return get().loadList();
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

/** A suite of that name is stored (names are compared exactly, as the core does). */
export function isSuiteNameTaken(suites: readonly ListedSuite[], name: string): boolean {
  const wanted = name.trim();
  return suites.some((s) => s.name === wanted);
}

/**
 * Keeps the list fresh when suites are saved or deleted anywhere (another window, the CLI),
 * and after a lost connection comes back.
 */
export function bindSuiteEvents(): () => void {
  if (!api) return () => undefined;
  const refresh = () => {
    if (useSuites.getState().list.status !== 'idle') void useSuites.getState().refreshList();
  };
  const offs = [
    api.on('workspace.changed', ({ domain }) => {
      if (domain === 'suites') refresh();
    }),
    onReconnected(refresh),
  ];
  return () => offs.forEach((off) => off());
}
