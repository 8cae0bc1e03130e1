import { useState, type FormEvent } from 'react';
import type { ProviderLimits, ProviderSummary } from '@contract/index';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../stores/load';
import { useProviders } from '../../stores/providers';

const fields = [
  { key: 'concurrency', label: 'Requests in flight', placeholder: 'suite default' },
  { key: 'rpm', label: 'Requests / minute', placeholder: 'no limit' },
  { key: 'tpm', label: 'Tokens / minute', placeholder: 'no limit' },
] as const;

function asText(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * A configured provider's default limits (`providers.setLimits`). Every run naming the
 * provider uses them unless its suite sets its own under `run.providers.<label>`.
 */
export function LimitsForm({ provider }: { provider: ProviderSummary }) {
  const loadList = useProviders((s) => s.loadList);
  const [draft, setDraft] = useState(() => ({
    concurrency: asText(provider.limits.concurrency),
    rpm: asText(provider.limits.rpm),
    tpm: asText(provider.limits.tpm),
  }));
  const [error, setError] = useState<string | null>(null);
  const limits: ProviderLimits = {
    concurrency: draft.concurrency.trim() === '' ? null : Number(draft.concurrency),
    rpm: draft.rpm.trim() === '' ? null : Number(draft.rpm),
    tpm: draft.tpm.trim() === '' ? null : Number(draft.tpm),
  };
  const isDirty = JSON.stringify(limits) !== JSON.stringify(provider.limits);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    try {
      await api.call('providers.setLimits', { providerId: provider.id, limits });
      setError(null);
      await loadList();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Provider limits">
      {fields.map((field) => (
        <label key={field.key}>
          {field.label}
          <input
            type="number"
            min="1"
            value={draft[field.key]}
            placeholder={field.placeholder}
            onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit" disabled={!isDirty}>
        Save limits
      </button>
      {error && <ErrorNotice message={error} />}
    </form>
  );
}
