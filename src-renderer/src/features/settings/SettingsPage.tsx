import { useEffect } from 'react';
import { valueOf } from '../../stores/load';
import { hrefOf, useUi } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';
import { ApiKeys } from '../providers/ApiKeys';

export function SettingsPage() {
  const theme = useUi((s) => s.theme);
  const toggleTheme = useUi((s) => s.toggleTheme);
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
        <button type="button" onClick={toggleTheme}>
          Switch to {theme === 'dark' ? 'light' : 'dark'} theme
        </button>
      </section>
      <section>
        <h2>API keys</h2>
        <p className="muted">
          A provider names the key it needs; set it from <a href={hrefOf('providers')}>Providers</a>{' '}
          or here.
        </p>
        <ApiKeys />
      </section>
      {info && (
        <section>
          <h2>Workspace</h2>
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
        </section>
      )}
    </div>
  );
}
