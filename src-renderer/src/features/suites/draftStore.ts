import { create } from 'zustand';

interface DraftState {
  /** The editor's view (YAML or form), kept across suites and saves. */
  view: 'yaml' | 'form';
  setView: (view: 'yaml' | 'form') => void;
  /** Unsaved suite texts by suite id: navigating away and back keeps an edit in progress. */
  byId: Record<string, string>;
  set: (suiteId: string, text: string) => void;
  drop: (suiteId: string) => void;
}

export const useSuiteDrafts = create<DraftState>((set) => ({
  view: 'yaml',
  setView: (view) => set({ view }),
  byId: {},
  set: (suiteId, text) => set((s) => ({ byId: { ...s.byId, [suiteId]: text } })),
  drop: (suiteId) =>
    set((s) => {
      const { [suiteId]: _dropped, ...rest } = s.byId;
      return { byId: rest };
    }),
}));
