import { useEffect, useState } from 'react';
import type { ProviderSummary } from '@contract/index';
import { formatDate } from '../../format';
import { valueOf } from '../../stores/load';
import { useProviderModels } from '../../stores/providerModels';

/** More than this many models get a filter field. */
const filterFrom = 12;

/**
 * "Models this provider offers": the list `providers.models` gives, with Refresh (Retry when
 * listing failed) and a filter. A key saved or an edit made anywhere asks again by itself
 * (`bindProviderModelEvents`).
 */
export function ProviderModelsPanel({ provider }: { provider: ProviderSummary }) {
  const list = useProviderModels((s) => s.lists[provider.id]);
  const load = useProviderModels((s) => s.load);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    void load(provider.id);
  }, [load, provider.id]);
  const answer = list ? valueOf(list) : undefined;
  const models = answer?.models ?? [];
  const isLoading = !list || list.status === 'loading' || list.status === 'idle';
  const failure = list?.status === 'error' ? list.message : (answer?.error ?? null);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? models.filter((m) => m.toLowerCase().includes(needle)) : models;

  return (
    <div className="pv-model-list">
      <div className="pv-test">
        <button
          type="button"
          onClick={() => void load(provider.id, true)}
          disabled={isLoading}
          title="Ask the provider for its models again"
        >
          {isLoading ? 'Listing…' : failure ? 'Retry' : 'Refresh'}
        </button>
        {models.length > filterFrom && (
          <input
            type="search"
            aria-label="Filter the models"
            placeholder={`Filter ${models.length} models`}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        )}
        <span
          role="status"
          data-testid="provider-models-status"
          className={failure ? 'pv-fail' : 'muted'}
        >
          {isLoading
            ? `Asking ${provider.label} for its models…`
            : failure
              ? `No model list${answer?.error ? ` (asked ${formatDate(answer.fetchedAt)})` : ''}: ${failure}`
              : answer
                ? `${models.length} model${models.length === 1 ? '' : 's'}, listed ${formatDate(answer.fetchedAt)}${needle ? ` · ${shown.length} shown` : ''}`
                : ''}
        </span>
      </div>
      {shown.length > 0 && (
        <ul className="pv-models-grid" aria-label={`Models ${provider.label} offers`}>
          {shown.map((model) => (
            <li key={model}>
              <code>{model}</code>
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <p className="muted">
          Suites can still name any model id this provider accepts: type it in the New-suite dialog
          or the suite editor.
        </p>
      )}
    </div>
  );
}
