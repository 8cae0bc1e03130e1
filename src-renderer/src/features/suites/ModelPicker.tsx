import { useEffect } from 'react';
import type { RouteInput } from '@contract/index';
import { useProviders } from '../../stores/providers';
import { hrefOf } from '../../stores/ui';
import type { ModelChoice } from './defaultModelChoice';
import { ProviderModelField } from './ProviderModelField';

type ScaffoldModel = RouteInput<'suites.scaffold'>['models'][number];

export type { ModelChoice };

export const initialModelChoice: ModelChoice = { isLocal: true, byProvider: {} };

/** The scaffold's models, and the first thing missing (a chosen provider without a model id). */
export function modelsOf(choice: ModelChoice): { models: ScaffoldModel[]; problem: string | null } {
  const models: ScaffoldModel[] = choice.isLocal ? [{ provider: 'local', model: 'default' }] : [];
  for (const [provider, model] of Object.entries(choice.byProvider)) {
    if (model === null) continue;
    if (!model.trim()) return { models, problem: `Type the model id to use with ${provider}.` };
    models.push({ provider, model: model.trim() });
  }
  return { models, problem: models.length ? null : 'Choose at least one model.' };
}

/**
 * Checkboxes for the local model and each configured provider, with a model field each that
 * offers the models the provider lists (any id can still be typed).
 */
export function ModelPicker({
  choice,
  onChange,
}: {
  choice: ModelChoice;
  onChange: (choice: ModelChoice) => void;
}) {
  const providers = useProviders((s) => s.list);
  const loadProviders = useProviders((s) => s.loadList);
  useEffect(() => {
    void loadProviders();
  }, [loadProviders]);
  const configured = providers.status === 'ready' ? providers.value : [];
  const setProvider = (label: string, model: string | null) =>
    onChange({ ...choice, byProvider: { ...choice.byProvider, [label]: model } });

  return (
    <fieldset className="ns-fieldset">
      <legend>Models</legend>
      <label className="ns-check">
        <input
          type="checkbox"
          checked={choice.isLocal}
          onChange={(e) => onChange({ ...choice, isLocal: e.target.checked })}
        />
        <span>
          Local model{' '}
          <span className="muted">(in-process GGUF: no key, nothing leaves this machine)</span>
        </span>
      </label>
      {configured.map((p) => {
        const model = choice.byProvider[p.label] ?? null;
        return (
          <div className="ns-provider" key={p.id}>
            <label className="ns-check">
              <input
                type="checkbox"
                checked={model !== null}
                onChange={(e) => setProvider(p.label, e.target.checked ? '' : null)}
              />
              <span>
                {p.label} <span className="muted">({p.kind})</span>
              </span>
            </label>
            {model !== null && (
              <ProviderModelField
                providerId={p.id}
                providerLabel={p.label}
                label={`Model id for ${p.label}`}
                value={model}
                onChange={(id) => setProvider(p.label, id)}
              />
            )}
          </div>
        );
      })}
      {providers.status === 'ready' && configured.length === 0 && (
        <p className="muted ns-hint">
          No hosted provider is configured. <a href={hrefOf('providers', 'new')}>Add a provider</a>{' '}
          to compare hosted models; you can also add models in the editor later.
        </p>
      )}
      {providers.status === 'error' && (
        <p className="ns-problem" role="alert">
          Could not list the configured providers: {providers.message}
        </p>
      )}
    </fieldset>
  );
}
