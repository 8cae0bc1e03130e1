import { create } from 'zustand';
import type { DatasetItem, DatasetSummary } from '@contract/index';
import { api } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface ItemsPage {
  versionId: string;
  total: number;
  offset: number;
  items: DatasetItem[];
}

interface DatasetsState {
  list: Loadable<DatasetSummary[]>;
  items: Loadable<ItemsPage>;
  loadList: () => Promise<void>;
  loadItems: (versionId: string, offset?: number) => Promise<void>;
}

export const pageSize = 50;

export const useDatasets = create<DatasetsState>((set) => ({
  list: { status: 'idle' },
  items: { status: 'idle' },
  async loadList() {
    if (!api) return;
    set({ list: { status: 'loading' } });
    try {
      set({ list: { status: 'ready', value: await api.call('datasets.list', {}) } });
    } catch (error) {
      set({ list: { status: 'error', message: errorMessage(error) } });
    }
  },
  async loadItems(versionId, offset = 0) {
    if (!api) return;
    set({ items: { status: 'loading' } });
    try {
      const page = await api.call('datasets.items', {
        versionId,
        page: { offset, limit: pageSize },
      });
      set({ items: { status: 'ready', value: { versionId, offset, ...page } } });
    } catch (error) {
      set({ items: { status: 'error', message: errorMessage(error) } });
    }
  },
}));
