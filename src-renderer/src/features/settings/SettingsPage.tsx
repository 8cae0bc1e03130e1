import { useEffect } from 'react';
import { valueOf } from '../../stores/load';
import { hrefOf } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { ApiKeys } from '../providers/ApiKeys';
import { BackupPanel } from './BackupPanel';
import { CheckPanel } from './CheckPanel';
import { NotifyPanel } from './NotifyPanel';
import { ThemeChoicePicker } from './ThemeChoicePicker';
import './settings.css';

export function SettingsPage() {
  const info = valueOf(useWorkspace((s) => s.info));
  const refresh = useWorkspace((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Settings</h1>
      </header>
      <section>
        <h2>Appearance</h2>
        <ThemeChoicePicker />
      </section>
      <section aria-labelledby="st-notify-heading">
        <h2 id="st-notify-heading">Notifications</h2>
        <NotifyPanel />
      </section>
      <section>
        <h2>API keys</h2>
        <p className="muted">
          A provider names the key it needs; set it from <a href={hrefOf('providers')}>Providers</a>{' '}
          or here.
        </p>
        <ApiKeys />
      </section>
      <section aria-labelledby="st-workspace-heading">
        <h2 id="st-workspace-heading">Workspace</h2>
        {info && (
          <dl className="facts">
            <dt>Folder</dt>
            <dd>
              <code>{info.workspaceDir}</code>
            </dd>
            <dt>Database</dt>
            <dd>
              <code>{info.databaseFile}</code> (schema v{info.schemaVersion})
            </dd>
            <dt>Yardstick</dt>
            <dd>{info.appVersion}</dd>
          </dl>
        )}
        <BackupPanel />
        <CheckPanel />
      </section>
    </div>
  );
}
