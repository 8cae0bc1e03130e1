import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CreateSessionInput, RunSources, Sampling } from '@contract/routes/labeling';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { errorMessage } from '../../stores/load';
import { useLabeling } from '../../stores/labeling';
import { hrefOf, navigate } from '../../stores/ui';

type Strategy = Sampling['strategy'];

const strategies: { value: Strategy; label: string }[] = [
  { value: 'all', label: 'All outputs' },
  { value: 'random', label: 'Random sample' },
  { value: 'stratified', label: 'Stratified by category' },
  { value: 'judge-disagreement', label: 'Oversample where judges disagree' },
  { value: 'judge-uncertainty', label: 'Oversample where the judge is least sure' },
  { value: 'model-disagreement', label: 'Oversample where models disagree' },
];

/** "score: description" lines → anchors. */
function parseAnchors(text: string): Record<string, string> {
  const anchors: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s*[:=-]\s*(.+)$/.exec(line);
    if (match) anchors[match[1] as string] = (match[2] as string).trim();
  }
  return anchors;
}

function sampling(strategy: Strategy, n: number): Sampling {
  if (strategy === 'all') return { strategy };
  if (strategy === 'random') return { strategy, n };
  if (strategy === 'stratified') return { strategy, n, allocation: 'proportional' };
  return { strategy, n, factor: 5 };
}

/** A new rating session over a run (pointwise) or two models (pairwise). */
export function NewSessionForm() {
  const loadSessions = useLabeling((s) => s.loadSessions);
  const [sources, setSources] = useState<RunSources | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<'pointwise' | 'pairwise'>('pairwise');
  const [name, setName] = useState('');
  const [runId, setRunId] = useState('');
  const [sideA, setSideA] = useState('');
  const [sideB, setSideB] = useState('');
  const [question, setQuestion] = useState('Which answer is better?');
  const [scaleMax, setScaleMax] = useState(5);
  const [passFail, setPassFail] = useState(false);
  const [anchors, setAnchors] = useState('');
  const [isBlind, setBlind] = useState(true);
  const [strategy, setStrategy] = useState<Strategy>('all');
  const [size, setSize] = useState(30);
  const [overlap, setOverlap] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!api) return;
    api
      .call('labeling.sources', {})
      .then((list) => {
        setSources(list);
        const first = list.find((r) => r.status === 'completed') ?? list[0];
        if (first) {
          setRunId(first.runId);
          setSideA(`${first.runId}|${first.models[0]?.modelKey ?? ''}`);
          setSideB(
            `${first.runId}|${first.models[1]?.modelKey ?? first.models[0]?.modelKey ?? ''}`,
          );
        }
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, []);

  const sides = useMemo(
    () =>
      (sources ?? []).flatMap((r) =>
        r.models.map((m) => ({
          value: `${r.runId}|${m.modelKey}`,
          label: `${r.runName} · ${m.modelKey} (${m.outputs} outputs)`,
        })),
      ),
    [sources],
  );
  if (error && !sources) return <ErrorNotice message={error} />;
  if (!sources) return <Loading what="runs" />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!api) return;
    const ref = (value: string) => {
      const [r, m] = value.split('|');
      return { runId: r ?? '', modelKey: m ?? '' };
    };
    const input: CreateSessionInput = {
      name: name.trim() || `${kind} session`,
      kind,
      isBlind,
      rubric: {
        question,
        scale: { min: 1, max: scaleMax },
        anchors: parseAnchors(anchors),
        passFail: kind === 'pointwise' && passFail,
      },
      sampling: sampling(strategy, size),
      overlap: { share: overlap / 100, ratersPerItem: 2 },
      ...(kind === 'pairwise' ? { pair: { a: ref(sideA), b: ref(sideB) } } : { runIds: [runId] }),
    };
    setBusy(true);
    setError(null);
    api
      .call('labeling.createSession', input)
      .then((session) => {
        void loadSessions();
        navigate('label', session.id);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };

  if (sources.length === 0)
    return (
      <div className="page">
        <p>
          No runs to rate yet — see <a href={hrefOf('runs')}>Runs</a>.
        </p>
      </div>
    );
  return (
    <div className="page">
      <header className="page-header">
        <a href={hrefOf('label')}>← Sessions</a>
        <h1>New rating session</h1>
      </header>
      <form className="label-form" onSubmit={onSubmit}>
        <label>
          Name{' '}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. week 12 pairs"
          />
        </label>
        <fieldset>
          <legend>Kind</legend>
          <label>
            <input
              type="radio"
              checked={kind === 'pairwise'}
              onChange={() => {
                setKind('pairwise');
                setQuestion('Which answer is better?');
              }}
            />{' '}
            Pairwise: A / B / tie / both bad
          </label>
          <label>
            <input
              type="radio"
              checked={kind === 'pointwise'}
              onChange={() => {
                setKind('pointwise');
                setQuestion('Does the answer solve the problem?');
              }}
            />{' '}
            Pointwise: a score on a rubric
          </label>
        </fieldset>
        {kind === 'pairwise' ? (
          <>
            <label>
              Side A
              <select value={sideA} onChange={(e) => setSideA(e.target.value)}>
                {sides.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Side B
              <select value={sideB} onChange={(e) => setSideB(e.target.value)}>
                {sides.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <label>
            Run
            <select value={runId} onChange={(e) => setRunId(e.target.value)}>
              {sources.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.runName} ({r.models.map((m) => m.modelKey).join(', ')})
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Question <input value={question} onChange={(e) => setQuestion(e.target.value)} />
        </label>
        {kind === 'pointwise' && (
          <>
            <label>
              Scale 1 to
              <select value={scaleMax} onChange={(e) => setScaleMax(Number(e.target.value))}>
                {[2, 3, 4, 5, 7, 10].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Anchors (one per line, “1: wrong”)
              <textarea rows={3} value={anchors} onChange={(e) => setAnchors(e.target.value)} />
            </label>
            <label className="label-check">
              <input
                type="checkbox"
                checked={passFail}
                onChange={(e) => setPassFail(e.target.checked)}
              />{' '}
              Also ask pass / fail
            </label>
          </>
        )}
        <label className="label-check">
          <input type="checkbox" checked={isBlind} onChange={(e) => setBlind(e.target.checked)} />{' '}
          Blind (model names hidden, A/B order randomised)
        </label>
        <label>
          Sampling
          <select value={strategy} onChange={(e) => setStrategy(e.target.value as Strategy)}>
            {strategies.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {strategy !== 'all' && (
          <label>
            How many{' '}
            <input
              type="number"
              min={1}
              value={size}
              onChange={(e) => setSize(Number(e.target.value))}
            />
          </label>
        )}
        <label>
          Rated by two people (%){' '}
          <input
            type="number"
            min={0}
            max={100}
            value={overlap}
            onChange={(e) => setOverlap(Number(e.target.value))}
          />
        </label>
        <div>
          <button type="submit" disabled={busy}>
            Create session
          </button>
        </div>
        {error && <ErrorNotice message={error} />}
      </form>
    </div>
  );
}
