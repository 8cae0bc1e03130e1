import { useEffect, useState, type FormEvent } from 'react';
import type { FailureModeCounts } from '@contract/routes/failureModes';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount } from '../../format';
import { useCompare } from '../../stores/compare';
import { useLabeling } from '../../stores/labeling';
import { errorMessage } from '../../stores/load';
import { downloadText } from '../label/portable';

function CountsTable({ counts }: { counts: FailureModeCounts }) {
  const used = counts.modes.filter((m) => m.total > 0);
  if (used.length === 0)
    return (
      <p className="muted" data-testid="failure-mode-counts">
        No output of these runs is tagged yet. Open a row (Enter) and tag its outputs.
      </p>
    );
  const widest = Math.max(...counts.columns.flatMap((c) => Object.values(c.counts)), 1);
  return (
    <table className="table cmp-counts" data-testid="failure-mode-counts">
      <thead>
        <tr>
          <th>Failure mode</th>
          {counts.columns.map((c) => (
            <th key={c.columnId}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {used.map((m) => (
          <tr key={m.id}>
            <td title={m.description ?? undefined}>{m.name}</td>
            {counts.columns.map((c) => {
              const n = c.counts[m.id] ?? 0;
              return (
                <td key={c.columnId} className="num">
                  <span className="cmp-bar" style={{ width: `${(n / widest) * 60}px` }} />
                  {formatCount(n)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Counts of tagged outputs per model, the taxonomy, and carrying it to the next evaluation. */
export function FailureModesPanel() {
  const counts = useCompare((s) => s.counts);
  const loadCounts = useCompare((s) => s.loadCounts);
  const query = useCompare((s) => s.query);
  const addMode = useLabeling((s) => s.addFailureMode);
  const loadModes = useLabeling((s) => s.loadFailureModes);
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadCounts();
  }, [loadCounts, query?.runId, query?.baselineRunId, query?.columnsBy]);

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    addMode(name.trim())
      .then(() => {
        setName('');
        return loadCounts();
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  const onExport = async () => {
    if (!api) return;
    try {
      const file = await api.call('failureModes.export', {});
      downloadText(file.fileName, file.text);
      setNotice(`${file.count} failure mode(s) exported.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const onImport = async (file: File | undefined) => {
    if (!api || !file) return;
    try {
      const result = await api.call('failureModes.import', {
        text: await file.text(),
        fileName: file.name,
      });
      await Promise.all([loadModes(), loadCounts()]);
      setNotice(
        `${result.added.length} added, ${result.existing.length} already here. They are offered when tagging and rating outputs.`,
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="cmp-failure-modes" aria-label="Failure modes">
      <h2>Failure modes</h2>
      {counts.status === 'error' && <ErrorNotice message={counts.message} onRetry={loadCounts} />}
      {counts.status === 'ready' && <CountsTable counts={counts.value} />}
      <div className="inline-form">
        <form onSubmit={onAdd} className="inline-form">
          <label>
            New failure mode
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          </label>
          <button type="submit" disabled={!name.trim()}>
            Add
          </button>
        </form>
        <button type="button" onClick={() => void onExport()}>
          Export taxonomy…
        </button>
        <label className="cmp-file">
          Import taxonomy…
          <input
            type="file"
            accept=".json,application/json"
            className="cmp-file-input"
            onChange={(e) => void onImport(e.target.files?.[0])}
          />
        </label>
      </div>
      {notice && <p className="muted">{notice}</p>}
      {error && <p className="danger">{error}</p>}
    </section>
  );
}
