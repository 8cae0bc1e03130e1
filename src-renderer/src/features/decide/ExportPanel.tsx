import { useState } from 'react';
import { api } from '../../api/client';
import { errorMessage } from '../../stores/load';
import { useJobs } from '../../stores/jobs';
import { JobProgress } from '../datasets/JobProgress';
import { saveBlob } from '../../saveFile';
import { downloadExport } from './download';
import { jobEnded } from './jobEnded';

type Format = 'csv' | 'jsonl' | 'parquet';

interface Outcome {
  tone: 'ok' | 'error';
  text: string;
}

/** A path on the machine running Yardstick (empty: download through the window instead). */
function PathField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <input
      type="text"
      className="decide-path"
      placeholder="/path/on/this/machine (leave empty to download)"
      aria-label="Save to path"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * The HTML report of the selected decision (or of the run) and the run's results as CSV,
 * JSON Lines or Parquet — downloaded through the window, or written to a path by the core.
 */
export function ExportPanel({ runId, decisionId }: { runId: string; decisionId: string | null }) {
  const [reportPath, setReportPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [format, setFormat] = useState<Format>('csv');
  const [resultsPath, setResultsPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [exportJobId, setExportJobId] = useState<string | null>(null);
  const job = useJobs((s) => (exportJobId ? (s.byId[exportJobId] ?? null) : null));

  const destination = (path: string) =>
    path.trim()
      ? { kind: 'file' as const, path: path.trim(), overwrite }
      : { kind: 'download' as const };

  async function exportReport() {
    if (!api) return;
    setBusy(true);
    setOutcome(null);
    try {
      const report = await api.call('reports.html', {
        runId,
        ...(decisionId ? { decisionId } : {}),
        destination: destination(reportPath),
      });
      if (report.html !== null)
        saveBlob(report.fileName, new Blob([report.html], { type: 'text/html' }));
      setOutcome({
        tone: 'ok',
        text: report.path
          ? `Report written to ${report.path}`
          : `Report downloaded as ${report.fileName}`,
      });
    } catch (error) {
      setOutcome({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  async function exportResults() {
    if (!api) return;
    setOutcome(null);
    try {
      const target = destination(resultsPath);
      const started = await api.call('reports.exportResults', {
        runId,
        format,
        destination: target,
      });
      setExportJobId(started.jobId);
      const ended = await jobEnded(started.jobId);
      setExportJobId(null);
      if (ended.status === 'cancelled')
        return setOutcome({ tone: 'ok', text: 'Export cancelled; nothing was written.' });
      if (ended.status === 'failed')
        return setOutcome({ tone: 'error', text: ended.error ?? 'the export failed' });
      if (started.downloadId === null)
        return setOutcome({ tone: 'ok', text: `Results written to ${resultsPath.trim()}` });
      const name = await downloadExport(started.downloadId);
      // CSV and JSON Lines come with their provenance file, as a saved export does.
      const provenance =
        started.provenanceDownloadId === null
          ? null
          : await downloadExport(started.provenanceDownloadId);
      setOutcome({
        tone: 'ok',
        text: `Results downloaded as ${name}${provenance ? ` (with ${provenance})` : ''}`,
      });
    } catch (error) {
      setExportJobId(null);
      setOutcome({ tone: 'error', text: errorMessage(error) });
    }
  }

  return (
    <section className="decide-export" data-testid="export-panel">
      <div className="decide-export-row">
        <strong>HTML report</strong>
        <PathField value={reportPath} onChange={setReportPath} />
        <button type="button" disabled={busy} onClick={() => void exportReport()}>
          {reportPath.trim() ? 'Save report' : 'Download report'}
        </button>
      </div>
      <div className="decide-export-row">
        <strong>Results</strong>
        <select
          aria-label="Results format"
          value={format}
          onChange={(e) => setFormat(e.target.value as Format)}
        >
          <option value="csv">CSV</option>
          <option value="jsonl">JSON Lines</option>
          <option value="parquet">Parquet</option>
        </select>
        <PathField value={resultsPath} onChange={setResultsPath} />
        <button type="button" disabled={exportJobId !== null} onClick={() => void exportResults()}>
          {resultsPath.trim() ? 'Save results' : 'Download results'}
        </button>
      </div>
      <label className="decide-overwrite">
        <input
          type="checkbox"
          checked={overwrite}
          onChange={(e) => setOverwrite(e.target.checked)}
        />{' '}
        Replace a file that already exists at the path
      </label>
      {exportJobId && <JobProgress job={job} label="Exporting results" />}
      {outcome && (
        <p
          className={outcome.tone === 'error' ? 'decide-error' : 'muted'}
          role={outcome.tone === 'error' ? 'alert' : 'status'}
          data-testid="export-outcome"
        >
          {outcome.text}
        </p>
      )}
    </section>
  );
}
