import { useEffect, useState, type FormEvent } from 'react';
import type { ProviderKindInfo, ProviderSummary } from '@contract/index';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../format';
import { errorMessage } from '../../stores/load';
import { useProviders } from '../../stores/providers';
import { useSecrets } from '../../stores/secrets';
import { hrefOf, navigate } from '../../stores/ui';
import { KeyForm, secretStatusText } from './ApiKeys';
import { currentKeyStatus } from './keyStatus';
import { ConfigFields } from './ConfigFields';
import { ConnectionTest } from './ConnectionTest';
import { LimitsForm } from './LimitsForm';
import { LocalModelPanel } from './LocalModelPanel';
import { PricingPanel } from './PricingPanel';
import { ProviderModelsPanel } from './ProviderModelsPanel';

function ProviderKey({ provider }: { provider: ProviderSummary }) {
  const secrets = useSecrets((s) => s.list);
  const loadSecrets = useSecrets((s) => s.loadList);
  useEffect(() => {
    void loadSecrets();
  }, [loadSecrets]);
  if (!provider.secretName) return <p className="muted">This provider needs no key.</p>;
  const status = currentKeyStatus(provider, secrets);
  return (
    <div>
      <p data-testid="provider-key-status">
        <code>{provider.secretName}</code>: {status ? secretStatusText(status) : 'not set'}
      </p>
      <KeyForm fixedName={provider.secretName} />
    </div>
  );
}

/** One configured provider: edit, key, test connection, limits, prices; remove. */
export function ProviderDetail({
  provider,
  kind,
}: {
  provider: ProviderSummary;
  kind: ProviderKindInfo | undefined;
}) {
  const loadList = useProviders((s) => s.loadList);
  const [label, setLabel] = useState(provider.label);
  const [config, setConfig] = useState(provider.config);
  const [error, setError] = useState<string | null>(null);
  const isDirty =
    label !== provider.label || JSON.stringify(config) !== JSON.stringify(provider.config);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    try {
      await api.call('providers.update', { providerId: provider.id, label: label.trim(), config });
      setError(null);
      // The list refresh re-keys this form with the stored values.
      await loadList();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const remove = async () => {
    if (!api || !window.confirm(`Remove the provider “${provider.label}”? Its key stays stored.`))
      return;
    try {
      await api.call('providers.remove', { providerId: provider.id });
      await loadList();
      navigate('providers');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="pv-detail">
      <header className="page-header">
        <h1>{provider.label}</h1>
        <p className="meta">
          {kind?.label ?? provider.kind}
          {provider.baseUrl && (
            <>
              {' '}
              · <code>{provider.baseUrl}</code>
            </>
          )}
          {provider.isLocal && <span className="tag">local</span>} · added{' '}
          {formatDate(provider.createdAt)}
        </p>
      </header>
      <section>
        <h2>Connection</h2>
        <ConnectionTest target={{ providerId: provider.id }} disabled={isDirty} />
        {isDirty && <p className="muted">Save your changes to test them.</p>}
      </section>
      <section>
        <h2>Models this provider offers</h2>
        <ProviderModelsPanel provider={provider} />
      </section>
      <section>
        <h2>API key</h2>
        <ProviderKey provider={provider} />
      </section>
      <section>
        <h2>Settings</h2>
        <form onSubmit={save} aria-label="Provider settings" className="pv-form">
          <div className="pv-field">
            <label htmlFor="pv-edit-label">Label</label>
            <input id="pv-edit-label" value={label} onChange={(e) => setLabel(e.target.value)} />
          </div>
          {kind && (
            <ConfigFields
              idPrefix="pv-edit"
              schema={kind.configSchema}
              config={config}
              onChange={setConfig}
            />
          )}
          <div className="pv-actions">
            <button type="submit" disabled={!isDirty || !label.trim()}>
              Save changes
            </button>
            <button type="button" className="danger" onClick={remove}>
              Remove provider
            </button>
          </div>
          {error && <ErrorNotice message={error} />}
        </form>
      </section>
      <section>
        <h2>Limits</h2>
        <LimitsForm provider={provider} />
        <p className="muted">
          Every run naming this provider uses these limits unless its suite sets its own under{' '}
          <code>run.providers.{provider.label}</code> (the suite wins field by field; edit it in a
          suite&apos;s form view under <a href={hrefOf('suites')}>Suites</a>). A run records the
          limits it ran with in its manifest.
        </p>
      </section>
      <section>
        <h2>Prices</h2>
        <PricingPanel providerKind={provider.kind} />
      </section>
      {provider.kind === 'local' && (
        <section>
          <h2>Local model</h2>
          <LocalModelPanel />
        </section>
      )}
    </div>
  );
}
