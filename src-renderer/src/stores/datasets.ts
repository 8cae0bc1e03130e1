import { create } from 'zustand';
import type {
  DatasetItem,
  DatasetJobResult,
  DatasetSummary,
  DatasetVersionSummary,
  PiiFinding,
  PiiScanSummary,
  RouteInput,
  RouteOutput,
} from '@contract/index';
import { api, onReconnected } from '../api/client';
import { errorMessage, type Loadable } from './load';

interface ItemsPage {
  versionId: string;
  total: number;
  offset: number;
  items: DatasetItem[];
}

export type DiffPage = RouteOutput<'datasets.diff'> & {
  fromVersionId: string;
  toVersionId: string;
  offset: number;
};

export interface PiiPage {
  versionId: string;
  scan: PiiScanSummary | null;
  findings: PiiFinding[];
  total: number;
  offset: number;
}

interface DatasetsState {
  list: Loadable<DatasetSummary[]>;
  items: Loadable<ItemsPage>;
  versions: Loadable<{ datasetId: string; list: DatasetVersionSummary[] }>;
  diff: Loadable<DiffPage>;
  pii: Loadable<PiiPage>;
  /** The last failure of an action (policy change, starting a job), shown next to it. */
  actionError: string | null;
  loadList: () => Promise<void>;
  loadItems: (versionId: string, offset?: number) => Promise<void>;
  loadVersions: (datasetId: string) => Promise<void>;
  loadDiff: (fromVersionId: string, toVersionId: string, offset?: number) => Promise<void>;
  loadPii: (versionId: string, offset?: number) => Promise<void>;
  setPolicy: (
    datasetId: string,
    policy: { allowCloud?: boolean; markedPersonal?: boolean },
  ) => Promise<void>;
  /** Starts a dataset job; its progress arrives through the jobs store. */
  startJob: <R extends JobRoute>(route: R, input: RouteInput<R>) => Promise<string | null>;
  jobResult: (jobId: string) => Promise<DatasetJobResult | null>;
}

type JobRoute =
  | 'datasets.import'
  | 'datasets.derive'
  | 'datasets.scanPii'
  | 'datasets.contamination'
  | 'datasets.export';

export const pageSize = 50;
export const diffPageSize = 50;

export const useDatasets = create<DatasetsState>((set, get) => ({
  list: { status: 'idle' },
  items: { status: 'idle' },
  versions: { status: 'idle' },
  diff: { status: 'idle' },
  pii: { status: 'idle' },
  actionError: null,
  async loadList() {
    if (!api) return;
    const previous = get().list;
    set({
      list: {
        status: 'loading',
        ...(previous.status === 'ready' ? { previous: previous.value } : {}),
      },
    });
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
  async loadVersions(datasetId) {
    if (!api) return;
    set({ versions: { status: 'loading' } });
    try {
      const list = await api.call('datasets.versions', { datasetId });
      set({ versions: { status: 'ready', value: { datasetId, list } } });
    } catch (error) {
      set({ versions: { status: 'error', message: errorMessage(error) } });
    }
  },
  async loadDiff(fromVersionId, toVersionId, offset = 0) {
    if (!api) return;
    set({ diff: { status: 'loading' } });
    try {
      const page = await api.call('datasets.diff', {
        fromVersionId,
        toVersionId,
        page: { offset, limit: diffPageSize },
      });
      set({ diff: { status: 'ready', value: { ...page, fromVersionId, toVersionId, offset } } });
    } catch (error) {
      set({ diff: { status: 'error', message: errorMessage(error) } });
    }
  },
  async loadPii(versionId, offset = 0) {
    if (!api) return;
    set({ pii: { status: 'loading' } });
    try {
      const page = await api.call('datasets.pii', { versionId, page: { offset, limit: pageSize } });
      set({ pii: { status: 'ready', value: { versionId, offset, ...page } } });
    } catch (error) {
      set({ pii: { status: 'error', message: errorMessage(error) } });
    }
  },
  async setPolicy(datasetId, policy) {
    if (!api) return;
    try {
      await api.call('datasets.setPolicy', { datasetId, ...policy });
      set({ actionError: null });
      await get().loadList();
    } catch (error) {
      set({ actionError: errorMessage(error) });
    }
  },
  async startJob(route, input) {
    if (!api) return null;
    try {
      const { jobId } = (await api.call(route, input)) as { jobId: string };
      set({ actionError: null });
      return jobId;
    } catch (error) {
      set({ actionError: errorMessage(error) });
      return null;
    }
  },
  async jobResult(jobId) {
    if (!api) return null;
    return api.call('datasets.jobResult', { jobId });
  },
}));

/**
 * Keeps the list fresh when versions appear or policies change, and after a lost connection
 * comes back; returns the unsubscribe.
 */
export function bindDatasetEvents(): () => void {
  if (!api) return () => undefined;
  const refresh = () => void useDatasets.getState().loadList();
  const offs = [
    api.on('dataset.versionCreated', refresh),
    api.on('dataset.policyChanged', refresh),
    api.on('dataset.deleted', refresh),
    onReconnected(refresh),
  ];
  return () => offs.forEach((off) => off());
}
