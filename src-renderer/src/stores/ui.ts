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

/** What Settings offers: follow the system's light/dark preference, or one theme always. */
export type ThemeChoice = 'system' | Theme;

/** The system's preference now (`prefers-color-scheme`); dark where it cannot be read. */
export function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

const themeOf = (choice: ThemeChoice): Theme => (choice === 'system' ? systemTheme() : choice);

interface UiState {
  /** The theme on screen: the choice, or the system's preference when the choice is 'system'. */
  theme: Theme;
  themeChoice: ThemeChoice;
  /** The Overview's getting-started checklist was closed for good. */
  isGettingStartedDismissed: boolean;
  /** Show a system notification when a run or a job ends while this window is not looked at. */
  isNotifyOnLongWorkEnd: boolean;
  /** The job tray is folded to its one-line pill (kept across reloads, like the theme). */
  isJobTrayCollapsed: boolean;
  route: Route;
  /** The route before `route` (null on the first): where a dialog opened by URL returns to. */
  previousRoute: Route | null;
  /** Switches to the theme not on screen, as an explicit choice (from System too). */
  toggleTheme: () => void;
  setThemeChoice: (choice: ThemeChoice) => void;
  /** The system's preference changed: followed when the choice is 'system'. */
  followSystemTheme: () => void;
  setGettingStartedDismissed: (isDismissed: boolean) => void;
  setNotifyOnLongWorkEnd: (isOn: boolean) => void;
  setJobTrayCollapsed: (isCollapsed: boolean) => void;
  setRoute: (route: Route) => void;
}

interface PersistedUi {
  themeChoice?: ThemeChoice;
  isGettingStartedDismissed?: boolean;
  isNotifyOnLongWorkEnd?: boolean;
  isJobTrayCollapsed?: boolean;
}

/** View state only; UI preferences (theme choice, a dismissed checklist) are what is persisted. */
export const useUi = create<UiState>()(
  persist(
    (set) => ({
      theme: systemTheme(),
      themeChoice: 'system',
      isGettingStartedDismissed: false,
      isNotifyOnLongWorkEnd: false,
      isJobTrayCollapsed: false,
      route: parseHash(window.location.hash),
      previousRoute: null,
      toggleTheme: () =>
        set((s) => {
          const next: Theme = s.theme === 'dark' ? 'light' : 'dark';
          return { theme: next, themeChoice: next };
        }),
      setThemeChoice: (choice) => set({ themeChoice: choice, theme: themeOf(choice) }),
      followSystemTheme: () =>
        set((s) => (s.themeChoice === 'system' ? { theme: systemTheme() } : {})),
      setGettingStartedDismissed: (isDismissed) => set({ isGettingStartedDismissed: isDismissed }),
      setNotifyOnLongWorkEnd: (isOn) => set({ isNotifyOnLongWorkEnd: isOn }),
      setJobTrayCollapsed: (isCollapsed) => set({ isJobTrayCollapsed: isCollapsed }),
      setRoute: (route) =>
        set((s) =>
          hrefOf(route.section, ...route.params) === hrefOf(s.route.section, ...s.route.params)
            ? { route }
            : { route, previousRoute: s.route },
        ),
    }),
    {
      name: 'yardstick.ui',
      // 2 added isNotifyOnLongWorkEnd: a version-1 state loads as is (the switch starts off).
      // 3 added isJobTrayCollapsed: a version-1 or -2 state loads as is (the tray starts open).
      version: 3,
      partialize: (s): PersistedUi => ({
        themeChoice: s.themeChoice,
        isGettingStartedDismissed: s.isGettingStartedDismissed,
        isNotifyOnLongWorkEnd: s.isNotifyOnLongWorkEnd,
        isJobTrayCollapsed: s.isJobTrayCollapsed,
      }),
      // Version 0 stored only the theme on screen: kept as an explicit choice.
      migrate: (persisted, version): PersistedUi => {
        if (version > 0) return persisted as PersistedUi;
        const theme = (persisted as { theme?: unknown } | null)?.theme;
        return { themeChoice: theme === 'light' || theme === 'dark' ? theme : 'system' };
      },
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as PersistedUi;
        const themeChoice = saved.themeChoice ?? current.themeChoice;
        return {
          ...current,
          themeChoice,
          theme: themeOf(themeChoice),
          isGettingStartedDismissed:
            saved.isGettingStartedDismissed ?? current.isGettingStartedDismissed,
          isNotifyOnLongWorkEnd: saved.isNotifyOnLongWorkEnd ?? current.isNotifyOnLongWorkEnd,
          isJobTrayCollapsed: saved.isJobTrayCollapsed ?? current.isJobTrayCollapsed,
        };
      },
    },
  ),
);

export function navigate(section: SectionId, ...params: string[]) {
  window.location.hash = hrefOf(section, ...params);
}
