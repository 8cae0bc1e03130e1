import { hrefOf } from '../../stores/ui';
import { ResultsOverview } from '../results/ResultsOverview';

/**
 * Where a finished run's results appear on its page: the results overview (per-model tables,
 * significance, categories, charts), with a way into the side-by-side comparison.
 */
export function RunResultsSlot({ runId }: { runId: string }) {
  return (
    <section className="rn-results" data-testid="run-results-slot">
      <h2>Results</h2>
      <p>
        <a href={hrefOf('compare', runId)}>Compare the outputs of this run</a>
      </p>
      <ResultsOverview runId={runId} />
    </section>
  );
}
