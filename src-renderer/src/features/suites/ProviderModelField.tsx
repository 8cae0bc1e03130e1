import { useEffect, useId } from 'react';
import { formatDate } from '../../format';
import { valueOf } from '../../stores/load';
import { useProviderModels } from '../../stores/providerModels';
import { ModelCombobox } from './ModelCombobox';

/**
 * The model id for one configured provider: a combobox filled from the models the provider
 * lists (`providers.models`), a Refresh button, and why there is no list when listing failed,
 * with Retry — a typed id works either way. The list follows provider and key changes
 * (`bindProviderModelEvents`) while the field stays open.
 */
export function ProviderModelField({
  providerId,
  providerLabel,
  label,
  value,
  onChange,
}: {
  providerId: string;
  providerLabel: string;
  /** The field's accessible name. */
  label: string;
  value: string;
  onChange: (model: string) => void;
}) {
  const statusId = useId();
  const list = useProviderModels((s) => s.lists[providerId]);
  const load = useProviderModels((s) => s.load);
  useEffect(() => {
    void load(providerId);
  }, [load, providerId]);
  const answer = list ? valueOf(list) : undefined;
  const models = answer?.models ?? [];
  const isLoading = !list || list.status === 'loading' || list.status === 'idle';
  const failure = list?.status === 'error' ? list.message : answer?.error ? answer.error : null;

  return (
    <div className="mc-field">
      <div className="mc-row">
        <ModelCombobox
          label={label}
          value={value}
          options={models}
          onChange={onChange}
          placeholder={models.length ? `one of ${models.length} models, or any id` : 'model id'}
          describedBy={statusId}
        />
        <button
          type="button"
          onClick={() => void load(providerId, true)}
          disabled={isLoading}
          aria-label={`${failure ? 'Retry listing' : 'Refresh'} the models of ${providerLabel}`}
          title="Ask the provider for its models again"
        >
          {isLoading ? 'Listing…' : failure ? 'Retry' : 'Refresh'}
        </button>
      </div>
      <p
        id={statusId}
        className={failure ? 'ns-problem mc-status' : 'muted mc-status'}
        role="status"
        data-testid={`models-status-${providerLabel}`}
      >
        {isLoading
          ? `Asking ${providerLabel} for its models…`
          : failure
            ? `No model list${answer?.error ? ` (asked ${formatDate(answer.fetchedAt)})` : ''}: ${failure} Type the model id, or Retry.`
            : answer
              ? `${models.length} model${models.length === 1 ? '' : 's'} listed ${formatDate(answer.fetchedAt)}.`
              : ''}
      </p>
    </div>
  );
}
