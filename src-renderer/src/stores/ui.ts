import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Theme = 'light' | 'dark';

export const sections = [
  { id: 'overview', label: 'Overview' },
  { id: 'datasets', label: 'Datasets' },
  { id: 'suites', label: 'Suites' },
  { id: 'runs', label: 'Runs' },
  { id: 'compare', label: 'Compare' },
  { id: 'label', label: 'Label' },
  { id: 'calibrate', label: 'Calibrate' },
  { id: 'decide', label: 'Decide' },
  { id: 'providers', label: 'Providers' },
  { id: 'settings', label: 'Settings' },
] as const;

export type SectionId = (typeof sections)[number]['id'];

export interface Route {
  section: SectionId;
  /** The rest of the hash path, e.g. a dataset id. */
  params: string[];
}

export function parseHash(hash: string): Route {
  const [first, ...params] = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const section = sections.find((s) => s.id === first)?.id ?? 'overview';
  return { section, params: params.map(decodeURIComponent) };
}

export function hrefOf(section: SectionId, ...params: string[]): string {
  return `#/${[section, ...params.map(encodeURIComponent)].join('/')}`;
}

function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

interface UiState {
  theme: Theme;
  route: Route;
  toggleTheme: () => void;
  setRoute: (route: Route) => void;
}

/** View state only; the theme (a UI preference) is the one thing persisted. */
export const useUi = create<UiState>()(
  persist(
    (set) => ({
      theme: systemTheme(),
      route: parseHash(window.location.hash),
      toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
      setRoute: (route) => set({ route }),
    }),
    { name: 'yardstick.ui', partialize: (s) => ({ theme: s.theme }) },
  ),
);

export function navigate(section: SectionId, ...params: string[]) {
  window.location.hash = hrefOf(section, ...params);
}
