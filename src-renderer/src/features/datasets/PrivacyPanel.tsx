import { useEffect, useState } from 'react';
import type { DatasetSummary } from '@contract/index';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { formatCount, formatDate } from '../../format';
import { pageSize, useDatasets } from '../../stores/datasets';
import { JobProgress } from './JobProgress';
import { useDatasetJob } from './useDatasetJob';

function Switch({
  label,
  checked,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  testId: string;
}) {
  return (
    <label className="ds-switch">
      <input
        type="checkbox"
        role="switch"
        aria-checked={checked}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      {label}
    </label>
  );
}

/** Findings of the latest personal-data scan of a version, and the dataset's cloud policy. */
export function PrivacyPanel({
  dataset,
  versionId,
}: {
  dataset: DatasetSummary;
  versionId: string;
}) {
  const pii = useDatasets((s) => s.pii);
  const loadPii = useDatasets((s) => s.loadPii);
  const setPolicy = useDatasets((s) => s.setPolicy);
  const startJob = useDatasets((s) => s.startJob);
  const actionError = useDatasets((s) => s.actionError);
  const [jobId, setJobId] = useState<string | null>(null);
  const followed = useDatasetJob(jobId);
  const finished = followed.job?.status === 'completed';
  useEffect(() => {
    void loadPii(versionId);
  }, [versionId, loadPii, finished]);

  const page = pii.status === 'ready' && pii.value.versionId === versionId ? pii.value : null;
  const scan = page?.scan ?? null;
  return (
    <div data-testid="privacy">
      <div className="ds-policy">
        <Switch
          label="Allow cloud providers for this dataset"
          checked={dataset.allowCloud}
          onChange={(on) => void setPolicy(dataset.id, { allowCloud: on })}
          testId="allow-cloud"
        />
        <Switch
          label="Treat as personal data, whatever the scan finds"
          checked={dataset.isMarkedPersonal}
          onChange={(on) => void setPolicy(dataset.id, { markedPersonal: on })}
          testId="mark-personal"
        />
        <p className="muted">
          {dataset.isPersonal && !dataset.allowCloud
            ? 'Runs of this dataset against non-local providers are refused. Local and loopback providers are always allowed.'
            : dataset.isPersonal
              ? 'You allowed non-local providers to receive this personal data.'
              : 'No personal data found: any provider may be used.'}
        </p>
      </div>
      {actionError && <ErrorNotice message={actionError} />}
      {pii.status === 'error' && (
        <ErrorNotice message={pii.message} onRetry={() => loadPii(versionId)} />
      )}
      {!page && pii.status !== 'error' && <Loading what="privacy findings" />}
      {page && (
        <>
          <p data-testid="pii-summary">
            {scan
              ? `${formatCount(scan.flaggedCount)} of ${formatCount(scan.itemCount)} items hold personal data (${formatCount(scan.findingCount)} findings${
                  Object.keys(scan.byDetector).length
                    ? `: ${Object.entries(scan.byDetector)
                        .map(([d, n]) => `${d} ${n}`)
                        .join(', ')}`
                    : ''
                }) · scanned ${formatDate(scan.scannedAt)}`
              : 'Not scanned yet.'}
          </p>
          <div className="ds-actions">
            <button
              type="button"
              onClick={() => void startJob('datasets.scanPii', { versionId }).then(setJobId)}
            >
              Scan again
            </button>
            {scan && scan.flaggedCount > 0 && (
              <button
                type="button"
                onClick={() =>
                  void startJob('datasets.derive', {
                    sourceVersionId: versionId,
                    operation: { kind: 'redact' },
                  }).then(setJobId)
                }
              >
                Redact into a new version
              </button>
            )}
          </div>
          {jobId && <JobProgress job={followed.job} label="Privacy" />}
          {followed.error && <ErrorNotice message={followed.error} />}
          {page.findings.length > 0 && (
            <table className="table" data-testid="pii-findings">
              <thead>
                <tr>
                  <th>Item</th>
                  <th>Field</th>
                  <th>Kind</th>
                  <th>Found (masked)</th>
                </tr>
              </thead>
              <tbody>
                {page.findings.map((f, i) => (
                  <tr key={`${f.itemId}-${f.field}-${f.start}-${i}`}>
                    <td>
                      <code>{f.itemKey}</code>
                    </td>
                    <td>{f.field}</td>
                    <td>{f.detector}</td>
                    <td>
                      <code>{f.preview}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {page.total > pageSize && (
            <div className="pager">
              <button
                type="button"
                disabled={page.offset === 0}
                onClick={() => loadPii(versionId, Math.max(0, page.offset - pageSize))}
              >
                Previous findings
              </button>
              <span className="muted">
                {formatCount(page.offset + 1)}–
                {formatCount(Math.min(page.offset + pageSize, page.total))} of{' '}
                {formatCount(page.total)}
              </span>
              <button
                type="button"
                disabled={page.offset + pageSize >= page.total}
                onClick={() => loadPii(versionId, page.offset + pageSize)}
              >
                Next findings
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
