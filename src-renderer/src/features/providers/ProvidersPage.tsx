import { useEffect } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { valueOf } from '../../stores/load';
import { useProviders } from '../../stores/providers';
import { useSecrets } from '../../stores/secrets';
import { hrefOf, useUi } from '../../stores/ui';
import { AddProvider } from './AddProvider';
import { currentKeyStatus } from './keyStatus';
import { LocalModelPanel } from './LocalModelPanel';
import { ProviderDetail } from './ProviderDetail';
import './providers.css';

/** Providers & keys: the configured providers on the left, one provider (or "add") on the right. */
export function ProvidersPage() {
  const list = useProviders((s) => s.list);
  const kinds = useProviders((s) => s.kinds);
  const loadList = useProviders((s) => s.loadList);
  const loadKinds = useProviders((s) => s.loadKinds);
  // A key saved in the detail pane updates the secrets list, not the provider rows.
  const secrets = useSecrets((s) => s.list);
  const selectedId = useUi((s) => s.route.params[0]);
  useEffect(() => {
    void loadList();
    void loadKinds();
  }, [loadList, loadKinds]);

  if (list.status === 'error') return <ErrorNotice message={list.message} onRetry={loadList} />;
  if (kinds.status === 'error') return <ErrorNotice message={kinds.message} onRetry={loadKinds} />;
  const providers = valueOf(list);
  const kindList = valueOf(kinds);
  if (!providers || !kindList) return <Loading what="providers" />;
  const selected = providers.find((p) => p.id === selectedId);
  const isAdding = selectedId === 'new' || (!selected && providers.length === 0);

  return (
    <div className="page split">
      <aside className="list-pane" aria-label="Providers">
        <ul className="select-list" data-testid="provider-list">
          {providers.map((provider) => (
            <li key={provider.id}>
              <a
                href={hrefOf('providers', provider.id)}
                aria-current={provider.id === selected?.id ? 'true' : undefined}
              >
                <span>{provider.label}</span>
                <span className="muted">
                  {provider.kind}
                  {provider.secretName &&
                    (currentKeyStatus(provider, secrets)?.isSet ? ' · key set' : ' · no key')}
                </span>
              </a>
            </li>
          ))}
          <li>
            <a href={hrefOf('providers', 'new')} aria-current={isAdding ? 'true' : undefined}>
              + Add a provider
            </a>
          </li>
        </ul>
      </aside>
      <section className="detail-pane">
        {selected ? (
          <ProviderDetail
            // A fresh form for each provider and each stored change of it.
            key={`${selected.id}@${selected.updatedAt}`}
            provider={selected}
            kind={kindList.find((k) => k.id === selected.kind)}
          />
        ) : isAdding ? (
          <>
            {providers.length === 0 && (
              <p className="pv-intro">
                No providers yet. Add one to send a suite&apos;s prompts to a hosted API or a local
                server; its key is stored encrypted and never shown again. Suites can also name a
                kind directly (<code>openai</code>, <code>local</code>, …).
              </p>
            )}
            <AddProvider kinds={kindList} />
            <section>
              <h2>Local model (in-process)</h2>
              <LocalModelPanel />
            </section>
          </>
        ) : (
          <p className="pv-intro">
            Pick a provider on the left, or <a href={hrefOf('providers', 'new')}>add one</a>.
          </p>
        )}
      </section>
    </div>
  );
}
