/** The figures behind a run's charts; the renderer draws them as they are. */
import type { RunCharts } from '@contract/routes/reports';
import type { CoreContext } from '../context';
import { loadRunData, modelKeys } from '../scoring/analysis/runData';
import { summarizeLoaded } from '../scoring/analysis/summary';
import { percentileLatencies } from '../stats/latency';
import { cdfPoints, histogram, sharedBinEdges } from './distribution';
import { paretoFrontier } from './pareto';

/**
 * Cost per successful task against each scorer's estimate (pass rate for pass/fail scorers,
 * mean otherwise — the figure the score table shows) with the Pareto frontier, and latency
 * histograms and CDFs over exactly the latencies the percentiles use.
 */
export function runCharts(
  ctx: Pick<CoreContext, 'db'>,
  runId: string,
  confidenceLevel: number,
  bins: number,
): RunCharts {
  const data = loadRunData(ctx, runId);
  const summary = summarizeLoaded(data, confidenceLevel);
  const costQuality = data.scorers.map((scorer) => {
    const points = summary.models.map((m) => {
      const s = m.scorers.find((x) => x.scorerKey === scorer.key);
      const quality = (scorer.valueType === 'binary' ? s?.passRate : s?.mean) ?? null;
      return {
        modelKey: m.modelKey,
        costPerSuccessUsd: m.operational.costPerSuccessUsd?.estimate ?? null,
        quality,
      };
    });
    const frontier = paretoFrontier(
      points.map((p) => ({
        key: p.modelKey,
        cost: p.costPerSuccessUsd,
        quality: p.quality?.estimate ?? null,
      })),
    );
    return {
      scorerKey: scorer.key,
      points: points.map((p) => ({ ...p, isPareto: frontier.includes(p.modelKey) })),
      frontier,
    };
  });
  const latencies = modelKeys(data).map((modelKey) => ({
    modelKey,
    values: percentileLatencies(
      data.cells
        .filter((c) => c.row.model_key === modelKey && c.row.has_response === 1)
        .map((c) => c.timing),
    ).latencies,
  }));
  const edges = sharedBinEdges(
    latencies.map((l) => l.values),
    bins,
  );
  return {
    runId,
    confidenceLevel,
    costQuality,
    latency: {
      binEdgesMs: edges,
      models: latencies.map(({ modelKey, values }) => ({
        modelKey,
        n: values.length,
        histogram: histogram(values, edges),
        cdf: cdfPoints(values),
      })),
    },
  };
}
