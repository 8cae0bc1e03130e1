import { useMemo } from 'react';
import type { RouteOutput } from '@contract/index';
import type { RunCharts, SuiteTrends } from '@contract/routes/reports';
import { Chart } from '../../components/Chart';
import {
  categoryOption,
  costQualityOption,
  latencyCdfOption,
  latencyHistogramOption,
  trendsOption,
} from './chartOptions';
import { formatFigure } from './formatFigures';
import { useChartTheme } from './useChartTheme';

/** One line per chart for screen readers: the core's figures, formatted as on screen. */
function describeCostQuality(points: RunCharts['costQuality'][number]['points']): string {
  return points
    .map(
      (p) =>
        `${p.modelKey}: ${formatFigure(p.quality?.estimate, 'score')} at ${formatFigure(p.costPerSuccessUsd, 'usd')} per success${p.isPareto ? ', on the frontier' : ''}`,
    )
    .join('; ');
}

function describeLatency(latency: RunCharts['latency']): string {
  const counts = latency.models.map((m) => `${m.modelKey}: ${m.n} latencies`).join('; ');
  return `${counts}. The percentiles are in the model tables above.`;
}

function describeCategories(breakdown: RouteOutput<'scoring.breakdown'>): string {
  return breakdown
    .map(
      (m) =>
        `${m.modelKey}: ${m.groups.map((g) => `${g.group} ${formatFigure(g.estimate, 'score')}`).join(', ')}`,
    )
    .join('; ');
}

interface Props {
  charts: RunCharts;
  scorerKey: string;
  breakdown: RouteOutput<'scoring.breakdown'> | null;
  trends: SuiteTrends | null;
}

/** The overview's charts; options are rebuilt when the theme changes so colours follow it. */
export function ResultsCharts({ charts, scorerKey, breakdown, trends }: Props) {
  const colors = useChartTheme();
  const options = useMemo(() => {
    const costQuality = charts.costQuality.find((c) => c.scorerKey === scorerKey);
    return {
      costQuality: costQuality ? costQualityOption(costQuality, colors) : null,
      histogram: latencyHistogramOption(charts.latency, colors),
      cdf: latencyCdfOption(charts.latency, colors),
      category: breakdown ? categoryOption(breakdown, colors) : null,
      trends: trends && trends.runs.length > 1 ? trendsOption(trends, scorerKey, colors) : null,
    };
  }, [charts, scorerKey, breakdown, trends, colors]);
  const hasLatency = charts.latency.models.some((m) => m.n > 0);
  const hasCostQuality =
    charts.costQuality
      .find((c) => c.scorerKey === scorerKey)
      ?.points.some((p) => p.costPerSuccessUsd !== null && p.quality?.estimate != null) ?? false;
  return (
    <div className="results-charts" data-testid="results-charts">
      <figure>
        <figcaption>Cost vs {scorerKey} (Pareto frontier dashed)</figcaption>
        {options.costQuality && hasCostQuality ? (
          <Chart
            option={options.costQuality}
            ariaLabel="Cost against quality"
            description={describeCostQuality(
              charts.costQuality.find((c) => c.scorerKey === scorerKey)?.points ?? [],
            )}
            testId="chart-cost-quality"
          />
        ) : (
          <p className="muted">No priced model succeeded on this scorer.</p>
        )}
      </figure>
      <figure>
        <figcaption>Latency distribution</figcaption>
        {hasLatency ? (
          <Chart
            option={options.histogram}
            ariaLabel="Latency histogram"
            description={describeLatency(charts.latency)}
            testId="chart-latency-histogram"
          />
        ) : (
          <p className="muted">No live successful responses to time.</p>
        )}
      </figure>
      <figure>
        <figcaption>Latency CDF</figcaption>
        {hasLatency ? (
          <Chart
            option={options.cdf}
            ariaLabel="Latency cumulative distribution"
            description={describeLatency(charts.latency)}
            testId="chart-latency-cdf"
          />
        ) : (
          <p className="muted">No live successful responses to time.</p>
        )}
      </figure>
      <figure>
        <figcaption>{scorerKey} by category</figcaption>
        {options.category ? (
          <Chart
            option={options.category}
            ariaLabel="Score by category"
            description={breakdown ? describeCategories(breakdown) : undefined}
            testId="chart-category"
          />
        ) : (
          <p className="muted">Loading the breakdown…</p>
        )}
      </figure>
      <figure className="results-wide">
        <figcaption>
          {scorerKey} across the runs of {trends?.suiteName ?? 'this suite'}
        </figcaption>
        {options.trends ? (
          <Chart option={options.trends} ariaLabel="Trend across runs" testId="chart-trends" />
        ) : (
          <p className="muted">
            Only one finished run of this suite so far: run it again to see how scores move.
          </p>
        )}
      </figure>
    </div>
  );
}
