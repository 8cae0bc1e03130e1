import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../stores/load';
import { useLabeling } from '../../stores/labeling';

/** The workspace's failure-mode taxonomy: the tags raters attach to pointwise labels. */
export function FailureModes() {
  const modes = useLabeling((s) => s.failureModes);
  const load = useLabeling((s) => s.loadFailureModes);
  const add = useLabeling((s) => s.addFailureMode);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    add(name.trim())
      .then(() => setName(''))
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  return (
    <section className="label-modes" aria-label="Failure modes">
      <h2>Failure modes</h2>
      <p className="muted">
        Tags raters can attach to a pointwise label (<kbd>G</kbd> on the rating screen).
      </p>
      <div className="label-mode-list">
        {modes.length === 0 && <span className="muted">none yet</span>}
        {modes.map((m) => (
          <span key={m.id} className="tag" title={m.description ?? undefined}>
            {m.name}
          </span>
        ))}
      </div>
      <form className="inline-form" onSubmit={onSubmit}>
        <label>
          New failure mode
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </label>
        <button type="submit" disabled={!name.trim()}>
          Add
        </button>
      </form>
      {error && <p className="danger">{error}</p>}
    </section>
  );
}
