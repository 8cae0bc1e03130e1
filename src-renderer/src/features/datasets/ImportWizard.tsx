import { useState } from 'react';
import type { ImportSettings } from '@contract/index';
import { useDatasets } from '../../stores/datasets';
import { hrefOf, navigate, parseHash, useUi } from '../../stores/ui';
import { CheckStep } from './CheckStep';
import { FileStep } from './FileStep';
import { ImportStep } from './ImportStep';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { wizardSteps, type WizardDraft, type WizardStep } from './importTypes';

/**
 * Leaves a finished import for the New suite dialog. The wizard's address is first replaced by
 * the new dataset's page, so the dialog's Close/Esc (which return to the route it was opened
 * from) and Back land there, the finished import's home, and never on `#/datasets/import`,
 * which would show a fresh, empty wizard: the wizard's state does not outlive it.
 */
function leaveForNewSuite(datasetId: string) {
  const datasetHref = hrefOf('datasets', datasetId);
  window.history.replaceState(window.history.state, '', datasetHref);
  // replaceState fires no hashchange: the route follows by hand, so it becomes previousRoute.
  useUi.getState().setRoute(parseHash(datasetHref));
  navigate('suites', 'new', 'from-dataset', datasetId);
}

/** File → preview → column mapping → validation report → new version. */
export function ImportWizard() {
  const [step, setStep] = useState<WizardStep>('file');
  const [draft, setDraft] = useState<WizardDraft>({
    path: '',
    fileName: '',
    datasetName: '',
    settings: {},
  });
  const [checkJob, setCheckJob] = useState<string | null>(null);
  const [importJob, setImportJob] = useState<string | null>(null);
  const startJob = useDatasets((s) => s.startJob);
  const setSettings = (settings: ImportSettings) => setDraft((d) => ({ ...d, settings }));
  // Jobs start from clicks, never from effects: an import must run exactly once.
  const run = async (dryRun: boolean, skipBadRows: boolean) =>
    startJob('datasets.import', {
      paths: [draft.path],
      datasetName: draft.datasetName,
      settings: draft.settings,
      skipBadRows,
      dryRun,
    });
  const index = wizardSteps.findIndex((s) => s.id === step);
  return (
    <section className="detail-pane ds-wizard" aria-label="Import a dataset">
      <header className="page-header">
        <h1>Import a dataset</h1>
        <ol className="ds-steps">
          {wizardSteps.map((s, i) => (
            <li
              key={s.id}
              aria-current={s.id === step ? 'step' : undefined}
              className={i < index ? 'done' : ''}
            >
              {s.label}
            </li>
          ))}
        </ol>
        {draft.path && step !== 'file' && (
          <p className="meta">
            {draft.fileName} → <strong>{draft.datasetName}</strong>
          </p>
        )}
      </header>
      {step === 'file' && (
        <FileStep
          draft={draft}
          onNext={(patch) => {
            setDraft((d) => ({
              ...d,
              ...patch,
              settings: patch.path !== d.path ? {} : d.settings,
            }));
            setStep('preview');
          }}
        />
      )}
      {step === 'preview' && (
        <PreviewStep
          draft={draft}
          onChange={setSettings}
          onBack={() => setStep('file')}
          onNext={() => setStep('mapping')}
        />
      )}
      {step === 'mapping' && (
        <MappingStep
          draft={draft}
          onChange={setSettings}
          onBack={() => setStep('preview')}
          onNext={() => {
            setCheckJob(null);
            setStep('validate');
            void run(true, true).then(setCheckJob);
          }}
        />
      )}
      {step === 'validate' && (
        <CheckStep
          jobId={checkJob}
          draft={draft}
          onBack={() => setStep('mapping')}
          onImport={(skip) => {
            setImportJob(null);
            setStep('import');
            void run(false, skip).then(setImportJob);
          }}
        />
      )}
      {step === 'import' && (
        <ImportStep
          draft={draft}
          jobId={importJob}
          onBack={() => setStep('mapping')}
          onDone={(datasetId) => navigate('datasets', datasetId)}
          onNewSuite={leaveForNewSuite}
        />
      )}
    </section>
  );
}
