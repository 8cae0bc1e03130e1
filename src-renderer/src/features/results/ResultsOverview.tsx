import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { valueOf } from '../../stores/load';
import { bindResultsEvents, useResults } from '../../stores/results';
import { hrefOf } from '../../stores/ui';
import { BreakdownHeatmap } from './BreakdownHeatmap';
import { ModelTables } from './ModelTables';
import { PairwiseMatrix } from './PairwiseMatrix';
import { ResultsCharts } from './ResultsCharts';
import { useScorerKeys } from './useScorerKeys';
import './results.css';

/**
 * The results of one run: per-model tables, the pairwise significance matrix, the category
 * heat map and the charts. Everything shown comes from core routes; `[` and `]` switch scorer.
 */
export function ResultsOverview({ runId }: { runId: string }) {
  const open = useResults((s) => s.open);
  const reload = useResults((s) => s.reload);
  const summary = useResults((s) => s.summary);
  const detail = useResults((s) => s.detail);
  const charts = useResults((s) => s.charts);
  const pairwise = useResults((s) => s.pairwise);
  const breakdown = useResults((s) => s.breakdown);
  const trends = useResults((s) => s.trends);
  const scorerKey = useResults((s) => s.scorerKey);
  const selectScorer = useResults((s) => s.selectScorer);
  const current = useResults((s) => s.runId);
  useEffect(() => {
    void open(runId);
    return bindResultsEvents();
  }, [open, runId]);
  const scorers = useScorerKeys(summary, scorerKey, selectScorer);

  if (summary.status === 'error')
    return <ErrorNotice message={summary.message} onRetry={() => void reload()} />;
  const value = current === runId ? valueOf(summary) : undefined;
  if (!value) return <Loading what="the results" />;
  if (value.models.length === 0)
    return (
      <EmptyState title="No responses yet">
        This run has no answered cells. Start or resume it, then its scores appear here.
      </EmptyState>
    );
  const matrix = valueOf(pairwise);
  const heat = valueOf(breakdown);
  const chartData = valueOf(charts);
  return (
    <div className="results" data-testid="results-overview">
      <div className="results-toolbar">
        <span className="muted">
          {Math.round(value.confidenceLevel * 100)}% intervals
          {value.overridesUsed > 0 && ` · ${value.overridesUsed} human overrides used`}
        </span>
        {scorers.length > 0 && (
          <label>
            Scorer{' '}
            <select
              aria-label="Scorer"
              value={scorerKey ?? ''}
              onChange={(e) => selectScorer(e.target.value)}
              title="[ and ] switch scorer"
            >
              {scorers.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
        )}
        <a href={hrefOf('decide', runId)}>Decide on this run →</a>
      </div>
      {value.scorers.length === 0 && (
        <p className="muted">
          The suite names no scorers: only latency, cost and errors are shown. Add scorers to the
          suite to score outputs.
        </p>
      )}
      <ModelTables summary={value} detail={valueOf(detail) ?? null} />
      {scorerKey && (
        <section data-testid="results-analysis">
          <h2>Pairwise significance · {scorerKey}</h2>
          {pairwise.status === 'error' ? (
            <ErrorNotice message={pairwise.message} />
          ) : matrix ? (
            <PairwiseMatrix matrix={matrix} />
          ) : (
            <Loading what="the pairwise tests" />
          )}
          <h2>By category · {scorerKey}</h2>
          {breakdown.status === 'error' ? (
            <ErrorNotice message={breakdown.message} />
          ) : heat ? (
            <BreakdownHeatmap breakdown={heat} />
          ) : (
            <Loading what="the breakdown" />
          )}
        </section>
      )}
      <h2>Charts</h2>
      {charts.status === 'error' ? (
        <ErrorNotice message={charts.message} onRetry={() => void reload()} />
      ) : chartData ? (
        <ResultsCharts
          charts={chartData}
          scorerKey={scorerKey ?? ''}
          breakdown={heat ?? null}
          trends={valueOf(trends) ?? null}
        />
      ) : (
        <Loading what="the charts" />
      )}
    </div>
  );
}
