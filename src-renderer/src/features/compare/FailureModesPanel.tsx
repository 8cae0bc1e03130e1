import { useEffect, useState, type FormEvent } from 'react';
import type { FailureModeCounts } from '@contract/routes/failureModes';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount } from '../../format';
import { useCompare } from '../../stores/compare';
import { useLabeling } from '../../stores/labeling';
import { errorMessage } from '../../stores/load';
import { downloadText } from '../label/portable';
import { NO_DATA, ZERO_BAR_PX } from '../results/barMarks';

/** Width in pixels of the longest bar (the largest count of the table). */
const BAR_MAX_PX = 60;

/**
 * One count: its bar (a zero keeps a stub, as the charts draw it) and figure. A column without
 * a tagged output has no counts at all: "no data", muted, without a bar, not a zero.
 */
function CountCell({ n, widest }: { n: number | null; widest: number }) {
  if (n === null)
    return (
      <td className="num muted cmp-no-data" title="No output in this column is tagged yet">
        {NO_DATA}
      </td>
    );
  return (
    <td className="num">
      <span
        className="cmp-bar"
        style={{ width: `${Math.max(ZERO_BAR_PX, (n / widest) * BAR_MAX_PX)}px` }}
      />
      {formatCount(n)}
    </td>
  );
}

/**
 * Modes by columns. The columns are the core's: every column of the grid, so a model none of
 * whose outputs is tagged shows "no data" instead of vanishing.
 */
function CountsTable({ counts }: { counts: FailureModeCounts }) {
  const used = counts.modes.filter((m) => m.total > 0);
  if (used.length === 0)
    return (
      <p className="muted" data-testid="failure-mode-counts">
        No output of these runs is tagged yet. Open a row (Enter) and tag its outputs.
      </p>
    );
  const { columns } = counts;
  const widest = Math.max(...columns.flatMap((c) => Object.values(c.counts)), 1);
  return (
    <table className="table cmp-counts" data-testid="failure-mode-counts">
      <thead>
        <tr>
          <th>Failure mode</th>
          {columns.map((c) => (
            <th key={c.columnId}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {used.map((m) => (
          <tr key={m.id}>
            <td title={m.description ?? undefined}>{m.name}</td>
            {columns.map((c) => (
              <CountCell
                key={c.columnId}
                // A column with tagged outputs but none of this mode: a true zero.
                n={c.taggedOutputs > 0 ? (c.counts[m.id] ?? 0) : null}
                widest={widest}
              />
            ))}
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
