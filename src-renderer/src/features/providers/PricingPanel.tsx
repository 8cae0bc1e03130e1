import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useCoreQuery } from '../../api/useCoreQuery';
import { errorMessage } from '../../stores/load';

const usd = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 4,
});

function optionalNumber(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/** The dated prices (USD per million tokens) of one provider kind's models; add or remove rows. */
export function PricingPanel({ providerKind }: { providerKind: string }) {
  const { state: rows, reload: load } = useCoreQuery('pricing.list', { providerKind });
  const [form, setForm] = useState({ model: '', input: '', output: '', cached: '', from: '' });
  const [saveError, setSaveError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    try {
      await api.call('pricing.set', {
        providerKind,
        model: form.model.trim(),
        inputUsdPerMTok: Number(form.input),
        outputUsdPerMTok: Number(form.output),
        cachedInputUsdPerMTok: optionalNumber(form.cached),
        ...(form.from ? { effectiveFrom: form.from } : {}),
      });
      setSaveError(null);
      setForm({ model: '', input: '', output: '', cached: '', from: '' });
      load();
    } catch (error) {
      setSaveError(errorMessage(error));
    }
  };
  const remove = async (id: number) => {
    try {
      await api?.call('pricing.remove', { id });
      load();
    } catch (error) {
      setSaveError(errorMessage(error));
    }
  };

  if (rows.status === 'error') return <ErrorNotice message={rows.message} onRetry={load} />;
  if (rows.status !== 'ready') return <Loading what="prices" />;
  return (
    <div data-testid="pricing">
      {rows.value.length === 0 ? (
        <p className="muted">
          No prices for {providerKind} models: estimates and costs show “unpriced” until you add one
          below.
        </p>
      ) : (
        <table className="table pv-prices">
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">Input / MTok</th>
              <th className="num">Output / MTok</th>
              <th className="num">Cached input</th>
              <th>From</th>
              <th>Source</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.value.map((row) => (
              <tr key={row.id}>
                <td>
                  <code>{row.model}</code>
                </td>
                <td className="num">{usd.format(row.inputUsdPerMTok)}</td>
                <td className="num">{usd.format(row.outputUsdPerMTok)}</td>
                <td className="num">
                  {row.cachedInputUsdPerMTok === null ? '—' : usd.format(row.cachedInputUsdPerMTok)}
                </td>
                <td>{row.effectiveFrom}</td>
                <td className="muted">{row.source ?? ''}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => remove(row.id)}
                    aria-label={`Remove price of ${row.model} from ${row.effectiveFrom}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form pv-price-form" onSubmit={submit} aria-label="Set a price">
        <label>
          Model
          <input
            value={form.model}
            onChange={(e) => setForm({ ...form, model: e.target.value })}
            spellCheck={false}
          />
        </label>
        <label>
          Input $/MTok
          <input
            type="number"
            step="any"
            min="0"
            value={form.input}
            onChange={(e) => setForm({ ...form, input: e.target.value })}
          />
        </label>
        <label>
          Output $/MTok
          <input
            type="number"
            step="any"
            min="0"
            value={form.output}
            onChange={(e) => setForm({ ...form, output: e.target.value })}
          />
        </label>
        <label>
          Cached $/MTok
          <input
            type="number"
            step="any"
            min="0"
            value={form.cached}
            placeholder="optional"
            onChange={(e) => setForm({ ...form, cached: e.target.value })}
          />
        </label>
        <label>
          From
          <input
            type="date"
            value={form.from}
            onChange={(e) => setForm({ ...form, from: e.target.value })}
          />
        </label>
        <button
          type="submit"
          disabled={!form.model.trim() || form.input === '' || form.output === ''}
        >
          Set price
        </button>
      </form>
      {saveError && <ErrorNotice message={saveError} />}
    </div>
  );
}
