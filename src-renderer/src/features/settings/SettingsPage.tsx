import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { valueOf } from '../../stores/load';
import { useSecrets } from '../../stores/secrets';
import { useUi } from '../../stores/ui';
import { useWorkspace } from '../../stores/workspace';

const sourceLabels = {
  environment: 'from environment',
  stored: 'stored',
  none: 'not set',
} as const;

function ApiKeys() {
  const list = useSecrets((s) => s.list);
  const saveError = useSecrets((s) => s.saveError);
  const loadList = useSecrets((s) => s.loadList);
  const save = useSecrets((s) => s.save);
  const remove = useSecrets((s) => s.remove);
  const [name, setName] = useState('OPENAI_API_KEY');
  const [value, setValue] = useState('');
  useEffect(() => {
    void loadList();
  }, [loadList]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save(name.trim(), value)) setValue('');
  };

  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (list.status !== 'ready') return <Loading what="API keys" />;
  return (
    <div>
      <table className="table" data-testid="secrets">
        <thead>
          <tr>
            <th>Key</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.value.map((secret) => (
            <tr key={secret.name}>
              <td>
                <code>{secret.name}</code>
              </td>
              <td data-testid={`secret-status-${secret.name}`}>
                {secret.isSet ? `set, ends in …${secret.last4 ?? ''}` : 'not set'} ·{' '}
                {sourceLabels[secret.source]}
              </td>
              <td>
                {secret.source === 'stored' && (
                  <button type="button" onClick={() => remove(secret.name)}>
                    Forget
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={submit} aria-label="Store an API key">
        <label>
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value.toUpperCase())}
            spellCheck={false}
          />
        </label>
        <label>
          Value
          <input
            type="password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            placeholder="paste the key; it is never shown again"
          />
        </label>
        <button type="submit" disabled={!value || !name}>
          Save key
        </button>
      </form>
      {saveError && <ErrorNotice message={saveError} />}
      <p className="muted">
        Keys are encrypted at rest (the OS keychain in the desktop app) and never sent back to this
        window. Environment variables take precedence over stored keys.
      </p>
    </div>
  );
}

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
