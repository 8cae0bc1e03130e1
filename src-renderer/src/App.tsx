import { useEffect, type ReactElement } from 'react';
import { api, onReconnected } from './api/client';
import { ConnectionBanner } from './components/ConnectionBanner';
import { EmptyState } from './components/EmptyState';
import { JobTray } from './components/JobTray';
import { PaletteLayer } from './components/palette/PaletteLayer';
import { Sidebar } from './components/Sidebar';
import { CalibratePage } from './features/calibrate/CalibratePage';
import { ComparePage } from './features/compare/ComparePage';
import { DatasetsPage } from './features/datasets/DatasetsPage';
import { DecidePage } from './features/decide/DecidePage';
import { LabelPage } from './features/label/LabelPage';
import { OverviewPage } from './features/overview/OverviewPage';
import { ProvidersPage } from './features/providers/ProvidersPage';
import { RunsPage } from './features/runs/RunsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { bindSystemTheme } from './features/settings/systemTheme';
import { SuitesPage } from './features/suites/SuitesPage';
import { bindLongWorkNotices } from './notify/longWorkWatcher';
import { useGlobalShortcuts } from './shortcuts';
import { bindJobEvents } from './stores/jobs';
import { bindProviderModelEvents } from './stores/providerModels';
import { bindProviderEvents } from './stores/providers';
import { bindRunEvents } from './stores/runProgress';
import { bindRunListEvents } from './stores/runs';
import { bindSuiteEvents } from './stores/suites';
import { parseHash, useUi, type SectionId } from './stores/ui';
import { useWorkspace } from './stores/workspace';

const pages: Record<SectionId, () => ReactElement> = {
  overview: OverviewPage,
  datasets: DatasetsPage,
  suites: SuitesPage,
  runs: RunsPage,
  compare: ComparePage,
  label: LabelPage,
  calibrate: CalibratePage,
  decide: DecidePage,
  providers: ProvidersPage,
  settings: SettingsPage,
};

export function App() {
  const theme = useUi((s) => s.theme);
  const section = useUi((s) => s.route.section);
  const setRoute = useUi((s) => s.setRoute);
  useGlobalShortcuts();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [setRoute]);

  // One place binds core events to stores.
  useEffect(() => {
    const unbind = [
      api?.on('workspace.changed', () => void useWorkspace.getState().refresh()),
      onReconnected(() => void useWorkspace.getState().refresh()),
      bindJobEvents(),
      bindLongWorkNotices(),
      bindProviderEvents(),
      bindProviderModelEvents(),
      bindRunEvents(),
      bindRunListEvents(),
      bindSuiteEvents(),
      bindSystemTheme(),
    ];
    return () => unbind.forEach((off) => off?.());
  }, []);

  if (!api) {
    return (
      <main className="standalone">
        <EmptyState title="Not connected">
          Open Yardstick through the address printed by <code>yardstick serve</code> (it carries
          this launch&apos;s access token), or start the desktop app.
        </EmptyState>
      </main>
    );
  }
  const Page = pages[section];
  return (
    <div className="shell">
      <Sidebar />
      <main className="content">
        <Page />
      </main>
      <JobTray />
      <ConnectionBanner />
      <PaletteLayer />
    </div>
  );
}
