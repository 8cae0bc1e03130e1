import { create } from 'zustand';
import type { ProviderModelList } from '@contract/index';
import { api } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface ProviderModelsState {
  /** By configured provider id. */
  lists: Record<string, Loadable<ProviderModelList>>;
  /**
   * Asks the core for a provider's models (`providers.models`). The core keeps each list for a
   * few minutes, so asking again on every mount costs no request; `refresh` makes one.
   */
  load: (providerId: string, refresh?: boolean) => Promise<void>;
}

/** The models each configured provider offers, as the New-suite pickers and its page show them. */
export const useProviderModels = create<ProviderModelsState>((set, get) => ({
  lists: {},
  async load(providerId, refresh = false) {
    if (!api) return;
    const current = get().lists[providerId];
    if (current?.status === 'loading') return;
    const previous =
      current?.status === 'ready'
        ? current.value
        : current?.status === 'error'
          ? current.previous
          : undefined;
    const put = (state: Loadable<ProviderModelList>) =>
      set((s) => ({ lists: { ...s.lists, [providerId]: state } }));
    put({ status: 'loading', ...(previous ? { previous } : {}) });
    try {
      put({ status: 'ready', value: await api.call('providers.models', { providerId, refresh }) });
    } catch (error) {
      put({ status: 'error', message: errorMessage(error), ...(previous ? { previous } : {}) });
    }
  },
}));
