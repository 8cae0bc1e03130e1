import { create } from 'zustand';

interface DraftState {
  /** The editor's view (YAML or form), kept across suites and saves. */
  view: 'yaml' | 'form';
  setView: (view: 'yaml' | 'form') => void;
  /** Unsaved suite texts by suite id: navigating away and back keeps an edit in progress. */
  byId: Record<string, string>;
  set: (suiteId: string, text: string) => void;
  drop: (suiteId: string) => void;
  /**
   * A save that stored a new text opens it under its new id, in a fresh editor: what that
   * editor needs to carry on — that it was saved, and where the cursor was if the YAML editor
   * had the focus.
   */
  saveHandoff: SaveHandoff | null;
  setSaveHandoff: (handoff: SaveHandoff | null) => void;
}

export interface SaveHandoff {
  suiteId: string;
  cursor: { line: number; column: number } | null;
}

export const useSuiteDrafts = create<DraftState>((set) => ({
  view: 'yaml',
  setView: (view) => set({ view }),
  byId: {},
  saveHandoff: null,
  setSaveHandoff: (saveHandoff) => set({ saveHandoff }),
  set: (suiteId, text) => set((s) => ({ byId: { ...s.byId, [suiteId]: text } })),
  drop: (suiteId) =>
    set((s) => {
      const { [suiteId]: _dropped, ...rest } = s.byId;
      return { byId: rest };
    }),
}));
