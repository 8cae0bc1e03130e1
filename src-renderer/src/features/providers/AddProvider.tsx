import { useEffect, useState, type FormEvent } from 'react';
import type { DetectedServerInfo, ProviderKindInfo } from '@contract/index';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../stores/load';
import { useProviders } from '../../stores/providers';
import { navigate } from '../../stores/ui';
import { ConfigFields } from './ConfigFields';
import { ConnectionTest } from './ConnectionTest';

type Config = Record<string, unknown>;

interface Draft {
  kind: string;
  label: string;
  config: Config;
}

/** One option per kind, plus one per preset of a kind (Ollama, LM Studio, …). */
function choicesOf(kinds: ProviderKindInfo[]) {
  return kinds.flatMap((kind) => [
    { value: kind.id, label: kind.label, kind: kind.id, config: {} satisfies Config },
    ...kind.presets.map((preset) => ({
      value: `${kind.id}:${preset.id}`,
      label: `${preset.label} (${kind.label})`,
      kind: kind.id,
      config: { preset: preset.id } satisfies Config,
    })),
  ]);
}

function DetectedServers({ onUse }: { onUse: (server: DetectedServerInfo) => void }) {
  const [state, setState] = useState<
    | { status: 'scanning' }
    | { status: 'done'; servers: DetectedServerInfo[] }
    | { status: 'error'; message: string }
  >({ status: 'scanning' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    api?.call('providers.detect', {}).then(
      (servers) => isCurrent && setState({ status: 'done', servers }),
      (error: unknown) => isCurrent && setState({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [round]);
  const scan = () => {
    setState({ status: 'scanning' });
    setRound((r) => r + 1);
  };
  return (
    <section className="pv-detected" aria-label="Local servers">
      <div className="pv-detected-head">
        <h2>Local servers</h2>
        <button type="button" onClick={scan} disabled={state.status === 'scanning'}>
          {state.status === 'scanning' ? 'Scanning…' : 'Scan again'}
        </button>
      </div>
      {state.status === 'error' && <ErrorNotice message={state.message} onRetry={scan} />}
      {state.status === 'done' && state.servers.length === 0 && (
        <p className="muted">
          No Ollama, LM Studio, llama.cpp, vLLM or LiteLLM server answers on its default port of
          this machine. Start one and scan again, or pick a kind above.
        </p>
      )}
      {state.status === 'done' && state.servers.length > 0 && (
        <ul className="pv-server-list">
          {state.servers.map((server) => (
            <li key={server.baseUrl}>
              <strong>{server.label}</strong> <code>{server.baseUrl}</code>{' '}
              <span className="muted">
                {server.models.length} model(s){server.identified ? '' : ' · not identified'}
              </span>{' '}
              {server.configuredProviderId ? (
                <a href={`#/providers/${server.configuredProviderId}`}>configured</a>
              ) : (
                <button type="button" onClick={() => onUse(server)}>
                  Use
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Add a provider from a kind, a preset or a detected local server; test it before saving. */
export function AddProvider({ kinds }: { kinds: ProviderKindInfo[] }) {
  const choices = choicesOf(kinds);
  const loadList = useProviders((s) => s.loadList);
  const [choice, setChoice] = useState(choices[0]?.value ?? '');
  const [draft, setDraft] = useState<Draft>(() => ({
    kind: choices[0]?.kind ?? '',
    label: choices[0]?.label ?? '',
    config: {},
  }));
  const [error, setError] = useState<string | null>(null);
  const kind = kinds.find((k) => k.id === draft.kind);

  const pick = (value: string) => {
    const next = choices.find((c) => c.value === value);
    if (!next) return;
    setChoice(value);
    setDraft({ kind: next.kind, label: next.label.replace(/ \(.*\)$/, ''), config: next.config });
  };
  const useServer = (server: DetectedServerInfo) => {
    setChoice(`openai-compatible:${server.preset}`);
    setDraft({
      kind: 'openai-compatible',
      label: server.label,
      config: { preset: server.preset, baseUrl: server.baseUrl },
    });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    try {
      const added = await api.call('providers.add', {
        kind: draft.kind,
        label: draft.label.trim(),
        config: draft.config,
      });
      setError(null);
      await loadList();
      navigate('providers', added.id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="pv-add">
      <header className="page-header">
        <h1>Add a provider</h1>
      </header>
      <form onSubmit={submit} aria-label="Add a provider" className="pv-form">
        <div className="pv-field">
          <label htmlFor="pv-kind">Kind</label>
          <select id="pv-kind" value={choice} onChange={(e) => pick(e.target.value)}>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="pv-field">
          <label htmlFor="pv-label">Label</label>
          <input
            id="pv-label"
            value={draft.label}
            onChange={(e) => setDraft({ ...draft, label: e.target.value })}
            spellCheck={false}
          />
          <span className="muted pv-hint">Suites name the provider by this label.</span>
        </div>
        {kind && (
          <ConfigFields
            idPrefix="pv-add"
            schema={kind.configSchema}
            config={draft.config}
            onChange={(config) => setDraft({ ...draft, config })}
          />
        )}
        <div className="pv-actions">
          <button type="submit" disabled={!draft.label.trim()}>
            Add provider
          </button>
          <ConnectionTest
            target={{ kind: draft.kind, config: draft.config }}
            disabled={!draft.kind}
          />
        </div>
        {error && <ErrorNotice message={error} />}
      </form>
      <DetectedServers onUse={useServer} />
    </div>
  );
}
