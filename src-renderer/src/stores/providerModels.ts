import { create } from 'zustand';
import type { ProviderModelList } from '@contract/index';
import { api, ApiCallError, onReconnected } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface ProviderModelsState {
  /** By configured provider id. */
  lists: Record<string, Loadable<ProviderModelList>>;
  /**
   * Asks the core for a provider's models (`providers.models`). The core keeps each list for a
   * few minutes (a failure for half a minute), so asking again on every mount costs no request;
   * `refresh` (Refresh, Retry) makes one.
   */
  load: (providerId: string, refresh?: boolean) => Promise<void>;
  /**
   * Asks again for every list held, replacing any ask under way: a provider or key changed, so
   * the core may answer differently (it fetches only for the provider whose config or key did).
   */
  reloadAll: () => void;
}

/**
 * The latest ask per provider: an answer to an older one (asked before a change) is dropped, so
 * a slow answer for the old key or base URL never overwrites the new one.
 */
const latestAsk = new Map<string, number>();
let asks = 0;

/** The models each configured provider offers, as the New-suite pickers and its page show them. */
export const useProviderModels = create<ProviderModelsState>((set, get) => {
  async function ask(providerId: string, refresh: boolean): Promise<void> {
    if (!api) return;
    const ticket = ++asks;
    latestAsk.set(providerId, ticket);
    const current = get().lists[providerId];
    const previous =
      current?.status === 'ready'
        ? current.value
        : current?.status === 'loading' || current?.status === 'error'
          ? current.previous
          : undefined;
    const put = (state: Loadable<ProviderModelList> | null) => {
      if (latestAsk.get(providerId) !== ticket) return;
      set((s) => {
        const lists = { ...s.lists };
        if (state) lists[providerId] = state;
        else delete lists[providerId];
        return { lists };
      });
    };
    put({ status: 'loading', ...(previous ? { previous } : {}) });
    try {
      put({ status: 'ready', value: await api.call('providers.models', { providerId, refresh }) });
    } catch (error) {
      // The provider was removed meanwhile: nothing to show for it any more.
      if (error instanceof ApiCallError && error.shape.code === 'not_found') put(null);
      else
        put({ status: 'error', message: errorMessage(error), ...(previous ? { previous } : {}) });
    }
  }

  return {
    lists: {},
    async load(providerId, refresh = false) {
      if (get().lists[providerId]?.status === 'loading' && !refresh) return;
      await ask(providerId, refresh);
    },
    reloadAll() {
      for (const providerId of Object.keys(get().lists)) void ask(providerId, false);
    },
  };
});

/**
 * Keeps the lists shown true without a remount: a provider added, edited or removed
 * (`providers.changed`), a key stored or removed (`workspace.changed`, domain `secrets`), and
 * a lost connection coming back each ask again for the lists held.
 */
export function bindProviderModelEvents(): () => void {
  if (!api) return () => undefined;
  const reload = () => useProviderModels.getState().reloadAll();
  const offs = [
    api.on('providers.changed', ({ what }) => {
      if (what === 'providers') reload();
    }),
    api.on('workspace.changed', ({ domain }) => {
      if (domain === 'secrets') reload();
    }),
    onReconnected(reload),
  ];
  return () => offs.forEach((off) => off());
}
