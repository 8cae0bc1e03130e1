import { useEffect, useState, type FormEvent } from 'react';
import type { SecretStatus } from '@contract/index';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useSecrets } from '../../stores/secrets';

const sourceLabels = {
  environment: 'from environment',
  stored: 'stored',
  none: 'not set',
} as const;

/** "set, ends in …4f2a · stored": all the renderer ever knows of a key. */
export function secretStatusText(secret: SecretStatus): string {
  // An unset key has no source to name ("not set · not set" says nothing twice).
  if (!secret.isSet || secret.source === 'none') return sourceLabels.none;
  return `set, ends in …${secret.last4 ?? ''} · ${sourceLabels[secret.source]}`;
}

/**
 * A write-only key field: the value goes to the core once (`secrets.set`) and is cleared from
 * the form; only the status comes back. With `fixedName` it stores that secret (a provider's);
 * otherwise the name is typed too.
 */
export function KeyForm({ fixedName }: { fixedName?: string }) {
  const save = useSecrets((s) => s.save);
  const saveError = useSecrets((s) => s.saveError);
  const [typedName, setName] = useState('OPENAI_API_KEY');
  const name = fixedName ?? typedName;
  const [value, setValue] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await save(name.trim(), value)) setValue('');
  };
  return (
    <>
      <form className="inline-form" onSubmit={submit} aria-label="Store an API key">
        {!fixedName && (
          <label>
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value.toUpperCase())}
              spellCheck={false}
            />
          </label>
        )}
        <label>
          {fixedName ? `Key (${fixedName})` : 'Value'}
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
    </>
  );
}

/** Every known key with its status; forget stored ones; store a new one. */
export function ApiKeys() {
  const list = useSecrets((s) => s.list);
  const loadList = useSecrets((s) => s.loadList);
  const remove = useSecrets((s) => s.remove);
  useEffect(() => {
    void loadList();
  }, [loadList]);

  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (list.status !== 'ready') return <Loading what="API keys" />;
  return (
    <div>
      <table className="table" data-testid="secrets">
        <thead>
          <tr>
            <th>Key</th>
            <th>Status</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.value.map((secret) => (
            <tr key={secret.name}>
              <td>
                <code>{secret.name}</code>
              </td>
              <td data-testid={`secret-status-${secret.name}`}>{secretStatusText(secret)}</td>
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
      <KeyForm />
      <p className="muted">
        Keys are encrypted at rest (the OS keychain in the desktop app) and never sent back to this
        window. Environment variables take precedence over stored keys.
      </p>
    </div>
  );
}
