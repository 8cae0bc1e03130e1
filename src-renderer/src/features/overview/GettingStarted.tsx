import type { ReactNode } from 'react';
import type { RouteOutput } from '@contract/index';
import { hrefOf, useUi } from '../../stores/ui';
import './overview.css';

type Counts = RouteOutput<'workspace.overview'>['counts'];

interface Step {
  id: string;
  title: string;
  isDone: boolean;
  body: ReactNode;
}

/** The five steps, each ticked from the core's counts (the renderer counts nothing). */
function stepsOf(counts: Counts): Step[] {
  return [
    {
      id: 'import',
      title: 'Import a dataset',
      isDone: counts.datasets > 0,
      body: (
        <>
          CSV, JSON Lines, JSON, Parquet or chat logs:{' '}
          <a href={hrefOf('datasets', 'import')}>open the import wizard</a>.
        </>
      ),
    },
    {
      id: 'suite',
      title: 'Create a suite',
      isDone: counts.suites > 0,
      body: (
        <>
          A suite names the dataset, the prompts, the models and the scorers:{' '}
          <a href={hrefOf('suites', 'new')}>create a suite</a>.
        </>
      ),
    },
    {
      id: 'models',
      title: 'Choose the models',
      // A configured provider, or a run made (with the built-in local model, say).
      isDone: counts.providers > 0 || counts.runs > 0,
      body: (
        <>
          The built-in local model works without keys; add a provider for hosted models under{' '}
          <a href={hrefOf('providers')}>Providers</a>.
        </>
      ),
    },
    {
      id: 'run',
      title: 'Start a run',
      isDone: counts.runs > 0,
      body: (
        <>
          From a suite, check the estimate and press “Save and run”; runs are listed under{' '}
          <a href={hrefOf('runs')}>Runs</a>.
        </>
      ),
    },
    {
      id: 'decide',
      title: 'Compare and decide',
      isDone: counts.decidedRuns > 0,
      body: (
        <>
          Read outputs side by side in <a href={hrefOf('compare')}>Compare</a>, then record ship or
          don&apos;t ship in <a href={hrefOf('decide')}>Decide</a>.
        </>
      ),
    },
  ];
}

/**
 * The Overview's getting-started checklist: shown until dismissed (a UI preference, persisted).
 * With every step done it stays, all ticked, so a newcomer who records a first decision sees the
 * path completed instead of the checklist vanishing; it says it can go now.
 */
export function GettingStarted({ counts }: { counts: Counts }) {
  const isDismissed = useUi((s) => s.isGettingStartedDismissed);
  const setDismissed = useUi((s) => s.setGettingStartedDismissed);
  if (isDismissed) return null;
  const steps = stepsOf(counts);
  const doneCount = steps.filter((s) => s.isDone).length;
  const isAllDone = doneCount === steps.length;
  return (
    <section className="gs" aria-labelledby="gs-heading" data-testid="getting-started">
      <header className="gs-header">
        <h2 id="gs-heading">Getting started</h2>
        <span className="muted" data-testid="getting-started-count">
          {doneCount} of {steps.length} done
        </span>
        <button type="button" onClick={() => setDismissed(true)}>
          Dismiss checklist
        </button>
      </header>
      <ol className="gs-steps">
        {steps.map((step) => (
          <li
            key={step.id}
            className={step.isDone ? 'gs-step gs-done' : 'gs-step'}
            data-testid={`step-${step.id}`}
            data-done={step.isDone ? 'true' : 'false'}
          >
            <span className="gs-mark" aria-hidden="true">
              {step.isDone ? '✓' : ''}
            </span>
            <div>
              <strong>{step.title}</strong>
              <span className="visually-hidden">{step.isDone ? ' (done)' : ' (to do)'}</span>
              <p className="muted">{step.body}</p>
            </div>
          </li>
        ))}
      </ol>
      {isAllDone && (
        <p className="gs-all-done" data-testid="getting-started-done">
          Every step is done: this workspace has a recorded decision. Dismiss the checklist to make
          room.
        </p>
      )}
    </section>
  );
}
