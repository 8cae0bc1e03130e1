/** How a suite's scores moved across its runs. */
import type { SuiteTrends } from '@contract/routes/reports';
import { notFound } from '../apiError';
import type { CoreContext } from '../context';
import { summarizeRun } from '../scoring/analysis/summary';

/**
 * The most recent finished runs of the suite the run belongs to (matched by suite name, so
 * edited versions of a suite stay one series), oldest first, each summarised exactly as
 * `scoring.summary` does: one point per run, model and scorer.
 */
export function suiteTrends(
  ctx: Pick<CoreContext, 'db' | 'repos'>,
  runId: string,
  limit: number,
  confidenceLevel: number,
): SuiteTrends {
  const all = ctx.repos.runs.list();
  const run = all.find((r) => r.id === runId);
  if (!run) throw notFound('run', runId);
  const runs = all
    .filter((r) => r.suiteName === run.suiteName && (r.status === 'completed' || r.id === runId))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .slice(-limit);
  const points = runs.flatMap((r) => {
    const summary = summarizeRun(ctx, r.id, confidenceLevel);
    return summary.models.flatMap((m) =>
      m.scorers.map((s) => ({
        runId: r.id,
        runName: r.name,
        createdAt: r.createdAt,
        modelKey: m.modelKey,
        scorerKey: s.scorerKey,
        estimate: (s.valueType === 'binary' ? s.passRate : s.mean) ?? null,
      })),
    );
  });
  return {
    suiteName: run.suiteName,
    runs: runs.map((r) => ({ runId: r.id, runName: r.name, createdAt: r.createdAt })),
    points,
  };
}
