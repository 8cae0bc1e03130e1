import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorMessage } from '../../stores/load';
import { useLabeling } from '../../stores/labeling';

/** Who is rating on this laptop: pick a profile or add one. Labels are saved under it. */
export function RaterGate() {
  const raters = useLabeling((s) => s.raters);
  const addRater = useLabeling((s) => s.addRater);
  const selectRater = useLabeling((s) => s.selectRater);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    addRater(name.trim()).catch((e: unknown) => setError(errorMessage(e)));
  };
  const list = raters.status === 'ready' ? raters.value : [];
  return (
    <div className="page label-gate">
      <header className="page-header">
        <h1>Who is rating?</h1>
        <p className="muted">
          Labels are saved under a rater profile on this laptop. Nobody sees another rater&apos;s
          labels before giving their own.
        </p>
      </header>
      {list.length > 0 && (
        <ul className="label-raters" aria-label="Rater profiles">
          {list.map((r) => (
            <li key={r.id}>
              <button type="button" onClick={() => selectRater(r.id)}>
                {r.name} <span className="muted">· {r.labels} labels</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={onSubmit}>
        <label>
          {list.length > 0 ? 'Or a new rater' : 'Your name'}
          <input
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-label="Rater name"
            maxLength={100}
          />
        </label>
        <button type="submit" disabled={!name.trim()}>
          Start rating
        </button>
      </form>
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
