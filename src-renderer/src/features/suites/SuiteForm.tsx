import { useEffect, useMemo, useState } from 'react';
import type { DatasetSummary } from '@contract/index';
import { api } from '../../api/client';
import { useProviders } from '../../stores/providers';
import {
  addModel,
  freshModelId,
  parseSuiteDoc,
  readFields,
  removeModel,
  setCache,
  setField,
  versionValue,
  type Path,
} from './suiteDoc';

function numberOrNull(text: string): number | null {
  return text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text);
}

function NumberField({
  label,
  value,
  onChange,
  step,
  placeholder,
}: {
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  step?: string;
  placeholder?: string;
}) {
  return (
    <label className="su-field">
      <span>{label}</span>
      <input
        type="number"
        step={step ?? '1'}
        min="0"
        value={value ?? ''}
        placeholder={placeholder ?? 'default'}
        onChange={(e) => onChange(numberOrNull(e.target.value))}
      />
    </label>
  );
}

/**
 * The common fields of a suite as a form. Every edit goes through the YAML document
 * (`suiteDoc.ts`) and comes back as text, so the YAML view and the form never disagree and
 * comments survive. Everything else (prompts, scorers, criteria) stays in the YAML view.
 */
export function SuiteForm({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  const doc = useMemo(() => parseSuiteDoc(text), [text]);
  const providers = useProviders((s) => s.list);
  const kinds = useProviders((s) => s.kinds);
  const loadProviders = useProviders((s) => s.loadList);
  const loadKinds = useProviders((s) => s.loadKinds);
  const [datasets, setDatasets] = useState<DatasetSummary[]>([]);
  useEffect(() => {
    void loadProviders();
    void loadKinds();
    void api?.call('datasets.list', {}).then(setDatasets, () => setDatasets([]));
  }, [loadProviders, loadKinds]);

  if (!doc)
    return (
      <p className="su-form-blocked" role="status">
        The YAML does not parse, so the form cannot show it. Fix the problems listed in the YAML
        view first.
      </p>
    );
  const fields = readFields(doc);
  const edit = (change: (d: NonNullable<typeof doc>) => void) => {
    const next = parseSuiteDoc(text);
    if (!next) return;
    change(next);
    onChange(next.toString());
  };
  const set = (path: Path, value: string | number | null) => edit((d) => setField(d, path, value));

  const configured = providers.status === 'ready' ? providers.value.map((p) => p.label) : [];
  const kindIds = kinds.status === 'ready' ? kinds.value.map((k) => k.id) : [];
  const providerNames = [...new Set([...configured, ...kindIds])];
  const usedProviders = [...new Set(fields.models.map((m) => m.provider).filter(Boolean))];
  const versions = datasets.find((d) => d.name === fields.datasetName)?.latestVersion?.version ?? 0;

  return (
    <div className="su-form" role="group" aria-label="Suite form">
      <fieldset>
        <legend>Dataset</legend>
        <label className="su-field">
          <span>Name</span>
          <select
            value={fields.datasetName}
            onChange={(e) => set(['dataset', 'name'], e.target.value)}
            aria-label="Dataset"
          >
            {!datasets.some((d) => d.name === fields.datasetName) && (
              <option value={fields.datasetName}>{fields.datasetName || '—'}</option>
            )}
            {datasets.map((d) => (
              <option key={d.id} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="su-field">
          <span>Version</span>
          <select
            value={fields.datasetVersion}
            onChange={(e) => set(['dataset', 'version'], versionValue(e.target.value))}
            aria-label="Dataset version"
          >
            <option value="latest">latest</option>
            {Array.from({ length: versions }, (_, i) => String(versions - i)).map((v) => (
              <option key={v} value={v}>
                v{v}
              </option>
            ))}
            {fields.datasetVersion !== 'latest' && !/^\d+$/.test(fields.datasetVersion) && (
              <option value={fields.datasetVersion}>{fields.datasetVersion.slice(0, 19)}…</option>
            )}
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>Models</legend>
        <datalist id="su-provider-names">
          {providerNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {/* One row per model whose fields wrap onto a second line in a narrow pane. */}
        <ul className="su-models">
          {fields.models.map((model, i) => (
            <li key={i} data-testid={`form-model-${i}`} aria-label={`Model ${i + 1}`}>
              <label className="su-model-field su-model-text">
                <span>Id</span>
                <input
                  aria-label={`Model ${i + 1} id`}
                  value={model.id}
                  onChange={(e) => set(['models', i, 'id'], e.target.value)}
                  spellCheck={false}
                />
              </label>
              <label className="su-model-field su-model-text">
                <span>Provider</span>
                <input
                  aria-label={`Model ${i + 1} provider`}
                  list="su-provider-names"
                  value={model.provider}
                  onChange={(e) => set(['models', i, 'provider'], e.target.value)}
                  spellCheck={false}
                />
              </label>
              <label className="su-model-field su-model-name">
                <span>Model</span>
                <input
                  aria-label={`Model ${i + 1} model`}
                  value={model.model}
                  onChange={(e) => set(['models', i, 'model'], e.target.value)}
                  spellCheck={false}
                />
              </label>
              <label className="su-model-field su-model-number">
                <span>Temperature</span>
                <input
                  aria-label={`Model ${i + 1} temperature`}
                  type="number"
                  step="0.1"
                  min="0"
                  max="2"
                  placeholder="suite"
                  value={model.temperature ?? ''}
                  onChange={(e) =>
                    set(['models', i, 'params', 'temperature'], numberOrNull(e.target.value))
                  }
                />
              </label>
              <label className="su-model-field su-model-number">
                <span>Max tokens</span>
                <input
                  aria-label={`Model ${i + 1} max tokens`}
                  type="number"
                  min="1"
                  placeholder="suite"
                  value={model.maxTokens ?? ''}
                  onChange={(e) =>
                    set(['models', i, 'params', 'max_tokens'], numberOrNull(e.target.value))
                  }
                />
              </label>
              <button
                type="button"
                onClick={() => edit((d) => removeModel(d, i))}
                aria-label={`Remove model ${i + 1}`}
                title="Remove this model"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() =>
            edit((d) =>
              addModel(d, {
                id: freshModelId(
                  fields.models.map((m) => m.id),
                  configured[0] ?? 'model',
                ),
                provider: configured[0] ?? 'openai',
                model: 'model-id',
              }),
            )
          }
        >
          Add model
        </button>
      </fieldset>

      <fieldset>
        <legend>Run</legend>
        <NumberField
          label="Repeats"
          value={fields.repeats}
          onChange={(v) => set(['repeats'], v)}
          placeholder="1"
        />
        <NumberField
          label="Concurrency per provider"
          value={fields.concurrency}
          onChange={(v) => set(['run', 'concurrency'], v)}
          placeholder="8"
        />
        <label className="su-field su-check">
          <input
            type="checkbox"
            checked={fields.cache}
            onChange={(e) => {
              const isOn = e.target.checked;
              edit((d) => setCache(d, isOn));
            }}
          />
          <span>Reuse cached responses</span>
        </label>
      </fieldset>

      {usedProviders.length > 0 && (
        <fieldset>
          <legend>Limits per provider</legend>
          <table className="table su-limits">
            <thead>
              <tr>
                <th>Provider</th>
                <th>Concurrency</th>
                <th>Requests / min</th>
                <th>Tokens / min</th>
              </tr>
            </thead>
            <tbody>
              {usedProviders.map((name) => {
                const limits = fields.limits[name] ?? { concurrency: null, rpm: null, tpm: null };
                const path = (key: string): Path => ['run', 'providers', name, key];
                const defaults =
                  providers.status === 'ready'
                    ? providers.value.find((p) => p.label === name)?.limits
                    : undefined;
                return (
                  <tr key={name}>
                    <td>
                      <code>{name}</code>
                    </td>
                    {(['concurrency', 'rpm', 'tpm'] as const).map((key) => (
                      <td key={key}>
                        <input
                          type="number"
                          min="1"
                          aria-label={`${name} ${key}`}
                          placeholder={
                            defaults?.[key] != null
                              ? `provider: ${defaults[key]}`
                              : key === 'concurrency'
                                ? 'run default'
                                : 'no limit'
                          }
                          value={limits[key] ?? ''}
                          onChange={(e) => set(path(key), numberOrNull(e.target.value))}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </fieldset>
      )}
    </div>
  );
}
