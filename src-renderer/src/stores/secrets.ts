import { create } from 'zustand';
import type { SecretStatus } from '@contract/index';
import { api } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface SecretsState {
  list: Loadable<SecretStatus[]>;
  saveError: string | null;
  loadList: () => Promise<void>;
  save: (name: string, value: string) => Promise<boolean>;
  remove: (name: string) => Promise<void>;
}

/** Statuses only: a key's value goes to the core once and never comes back. */
export const useSecrets = create<SecretsState>((set, get) => ({
  list: { status: 'idle' },
  saveError: null,
  async loadList() {
    if (!api) return;
    set({ list: { status: 'loading' } });
    try {
      set({ list: { status: 'ready', value: await api.call('secrets.list', {}) } });
    } catch (error) {
      set({ list: { status: 'error', message: errorMessage(error) } });
    }
  },
  async save(name, value) {
    if (!api) return false;
    try {
      await api.call('secrets.set', { name, value });
      set({ saveError: null });
      await get().loadList();
      return true;
    } catch (error) {
      set({ saveError: errorMessage(error) });
      return false;
    }
  },
  async remove(name) {
    if (!api) return;
    try {
      await api.call('secrets.delete', { name });
      await get().loadList();
    } catch (error) {
      set({ saveError: errorMessage(error) });
    }
  },
}));
