import { create } from 'zustand';

export type Overlay = 'palette' | 'sheet';

interface PaletteState {
  /** What is open on top of the screen: the command palette, the shortcuts sheet or nothing. */
  open: Overlay | null;
  show: (overlay: Overlay) => void;
  toggle: (overlay: Overlay) => void;
  close: () => void;
}

export const usePalette = create<PaletteState>((set) => ({
  open: null,
  show: (overlay) => set({ open: overlay }),
  toggle: (overlay) => set((s) => ({ open: s.open === overlay ? null : overlay })),
  close: () => set({ open: null }),
}));
