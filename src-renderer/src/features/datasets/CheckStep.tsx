import { ErrorNotice } from '../../components/ErrorNotice';
import { plural } from './plural';
import { useDatasets } from '../../stores/datasets';
import { JobProgress } from './JobProgress';
import type { WizardDraft } from './importTypes';
import { ProblemList } from './ProblemList';
import { useDatasetJob } from './useDatasetJob';

/**
 * Step 4: the whole file is read and checked (a dry run: nothing is written), then the user
 * imports, skipping the bad rows if there are any, or goes back.
 */
export function CheckStep({
  jobId,
  draft,
  onBack,
  onImport,
}: {
  jobId: string | null;
  draft: WizardDraft;
  onBack: () => void;
  onImport: (skipBadRows: boolean) => void;
}) {
  const actionError = useDatasets((s) => s.actionError);
  const { job, result, error } = useDatasetJob(jobId);
  const outcome = result?.kind === 'import' ? result.value : null;
  return (
    <div className="ds-step" aria-live="polite">
      {actionError && <ErrorNotice message={actionError} />}
      <JobProgress job={job} label="Checking the file" />
      {job?.status === 'cancelled' && <p className="muted">Check cancelled.</p>}
      {error && <ErrorNotice message={error} />}
      {outcome && (
        <>
          <p data-testid="check-summary">
            {outcome.status === 'refused' ? (
              <strong className="danger">The file cannot be imported as mapped.</strong>
            ) : outcome.problemCount === 0 ? (
              <>All {plural(outcome.itemCount, 'row')} are valid.</>
            ) : (
              <>
                {plural(outcome.itemCount, 'row')} {outcome.itemCount === 1 ? 'is' : 'are'} valid;{' '}
                <strong>{plural(outcome.skipped, 'bad row')}</strong> would be skipped (
                {plural(outcome.problemCount, 'problem')}).
              </>
            )}
          </p>
          <ProblemList problems={outcome.problems} total={outcome.problemCount} draft={draft} />
        </>
      )}
      <div className="ds-actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        {outcome && outcome.status === 'validated' && (
          <button type="submit" onClick={() => onImport(outcome.skipped > 0)}>
            {outcome.skipped > 0
              ? `Import ${plural(outcome.itemCount, 'item')}, skip ${plural(outcome.skipped, 'bad row')}`
              : `Import ${plural(outcome.itemCount, 'item')}`}
          </button>
        )}
      </div>
    </div>
  );
}
