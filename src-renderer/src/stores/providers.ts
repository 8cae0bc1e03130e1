import { create } from 'zustand';
import type { ProviderKindInfo, ProviderSummary } from '@contract/index';
import { api, onReconnected } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface ProvidersState {
  list: Loadable<ProviderSummary[]>;
  kinds: Loadable<ProviderKindInfo[]>;
  loadList: () => Promise<void>;
  loadKinds: () => Promise<void>;
}

/** Configured providers (with key statuses, never values) and the kinds they can be. */
export const useProviders = create<ProvidersState>((set, get) => ({
  list: { status: 'idle' },
  kinds: { status: 'idle' },
  async loadList() {
    if (!api) return;
    const previous = get().list;
    set({
      list: {
        status: 'loading',
        previous: previous.status === 'ready' ? previous.value : undefined,
      },
    });
    try {
      set({ list: { status: 'ready', value: await api.call('providers.list', {}) } });
    } catch (error) {
      set({ list: { status: 'error', message: errorMessage(error) } });
    }
  },
  async loadKinds() {
    if (!api || get().kinds.status === 'ready') return;
    set({ kinds: { status: 'loading' } });
    try {
      set({ kinds: { status: 'ready', value: await api.call('providers.kinds', {}) } });
    } catch (error) {
      set({ kinds: { status: 'error', message: errorMessage(error) } });
    }
  },
}));

/**
 * Keeps the list fresh when providers or prices change anywhere (another window, the CLI), and
 * after a lost connection comes back.
 */
export function bindProviderEvents(): () => void {
  if (!api) return () => undefined;
  const reload = () => {
    if (useProviders.getState().list.status !== 'idle') void useProviders.getState().loadList();
  };
  const offs = [
    api.on('providers.changed', ({ what }) => {
      if (what === 'providers') reload();
    }),
    onReconnected(reload),
  ];
  return () => offs.forEach((off) => off());
}
