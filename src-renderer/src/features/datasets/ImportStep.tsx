import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, shortHash } from '../../format';
import { plural } from './plural';
import { useDatasets } from '../../stores/datasets';
import { hrefOf } from '../../stores/ui';
import { JobProgress } from './JobProgress';
import { ProblemList } from './ProblemList';
import type { WizardDraft } from './importTypes';
import { useDatasetJob } from './useDatasetJob';

/** Step 5: the import itself, into a draft that becomes a frozen version only when complete. */
export function ImportStep({
  draft,
  jobId,
  onDone,
  onNewSuite,
  onBack,
}: {
  draft: WizardDraft;
  jobId: string | null;
  onDone: (datasetId: string) => void;
  /** "New suite from this dataset →" was followed (a plain click; a modified one is the link's). */
  onNewSuite: (datasetId: string) => void;
  onBack: () => void;
}) {
  const actionError = useDatasets((s) => s.actionError);
  const { job, result, error } = useDatasetJob(jobId);
  const outcome = result?.kind === 'import' ? result.value : null;
  return (
    <div className="ds-step" aria-live="polite">
      {actionError && <ErrorNotice message={actionError} />}
      <JobProgress job={job} label="Importing" />
      {job?.status === 'cancelled' && <p>Import cancelled: nothing was written.</p>}
      {error && <ErrorNotice message={error} />}
      {outcome?.status === 'imported' && (
        <div data-testid="import-done">
          <p>
            <strong>
              Version {outcome.version} of {draft.datasetName}
            </strong>{' '}
            frozen with {plural(outcome.itemCount, 'item')}
            {outcome.skipped > 0 && `, ${plural(outcome.skipped, 'bad row')} skipped`}.
          </p>
          <p className="meta">
            Content hash{' '}
            <code title={outcome.contentHash ?? ''}>{shortHash(outcome.contentHash ?? '')}</code>
            {outcome.personalItems > 0 &&
              ` · ${formatCount(outcome.personalItems)} items hold personal data: cloud providers are refused until you allow them`}
          </p>
          <ProblemList problems={outcome.problems} total={outcome.problemCount} draft={draft} />
        </div>
      )}
      {outcome?.status === 'refused' && (
        <>
          <p className="danger">The import was refused; nothing was written.</p>
          <ProblemList problems={outcome.problems} total={outcome.problemCount} draft={draft} />
        </>
      )}
      <div className="ds-actions">
        {(job?.status === 'cancelled' || outcome?.status === 'refused' || error) && (
          <button type="button" onClick={onBack}>
            Back
          </button>
        )}
        {outcome?.status === 'imported' && outcome.datasetId && (
          <>
            <button type="submit" onClick={() => onDone(outcome.datasetId ?? '')}>
              Show the dataset
            </button>
            <a
              href={hrefOf('suites', 'new', 'from-dataset', outcome.datasetId)}
              onClick={(e) => {
                if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                onNewSuite(outcome.datasetId ?? '');
              }}
            >
              New suite from this dataset →
            </a>
          </>
        )}
      </div>
    </div>
  );
}
