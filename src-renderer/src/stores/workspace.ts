import { create } from 'zustand';
import type { RouteOutput } from '@contract/index';
import { api } from '../api/client';
import { errorMessage, valueOf, type Loadable } from './load';

type Overview = RouteOutput<'workspace.overview'>;
type Info = RouteOutput<'workspace.info'>;

interface WorkspaceState {
  overview: Loadable<Overview>;
  info: Loadable<Info>;
  refresh: () => Promise<void>;
}

/** A cache of the workspace overview; the core computes every number. */
export const useWorkspace = create<WorkspaceState>((set, get) => ({
  overview: { status: 'idle' },
  info: { status: 'idle' },
  async refresh() {
    if (!api) return;
    set({ overview: { status: 'loading', previous: valueOf(get().overview) } });
    try {
      const [overview, info] = await Promise.all([
        api.call('workspace.overview', {}),
        api.call('workspace.info', {}),
      ]);
      set({
        overview: { status: 'ready', value: overview },
        info: { status: 'ready', value: info },
      });
    } catch (error) {
      set({
        overview: {
          status: 'error',
          message: errorMessage(error),
          previous: valueOf(get().overview),
        },
      });
    }
  },
}));
