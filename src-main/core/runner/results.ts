import type { RunDetail, RunModelResult, RunResultRow } from '@contract/routes/runs';
import { notFound } from '../apiError';
import type { CoreContext } from '../context';
import type { ExportRow } from '../db/repos/responses';
import { quantileSorted } from '../stats/descriptive';

function percentiles(values: number[]): { p50: number | null; p95: number | null } {
  if (values.length === 0) return { p50: null, p95: null };
  const sorted = Float64Array.from(values).sort();
  return { p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}

/**
 * Per-model results of a run: counts (ok / error / cached / pending), tokens, nominal cost,
 * errors by class, and latency percentiles (type-7 quantiles) over live, successful,
 * non-cold-start responses — cached answers have no latency of their own.
 */
export function modelResults(ctx: Pick<CoreContext, 'repos'>, runId: string): RunModelResult[] {
  const totals = new Map(ctx.repos.responses.totals(runId).map((t) => [t.model_key, t]));
  const counts = ctx.repos.cells.counts(runId);
  const errors = ctx.repos.responses.errorsByClass(runId);
  return ctx.repos.runs.models(runId).map((model) => {
    const mine = counts.filter((c) => c.model_key === model.model_key);
    const sumOf = (status: string) =>
      mine.filter((c) => c.status === status).reduce((a, c) => a + c.n, 0);
    const t = totals.get(model.model_key);
    const live = ctx.repos.responses.latencies(runId, model.model_key);
    const latency = percentiles(live.map((l) => l.latency_ms));
    const ttft = percentiles(live.flatMap((l) => (l.ttft_ms === null ? [] : [l.ttft_ms])));
    return {
      modelKey: model.model_key,
      providerKind: model.provider_kind,
      model: model.model,
      params: JSON.parse(model.params) as Record<string, unknown>,
      total: mine.reduce((a, c) => a + c.n, 0),
      ok: sumOf('done'),
      errors: sumOf('error'),
      cached: t?.cached ?? 0,
      pending: sumOf('pending'),
      inputTokens: t?.input_tokens ?? 0,
      outputTokens: t?.output_tokens ?? 0,
      hasTokenEstimates: (t?.estimated ?? 0) > 0,
      costUsd: t && t.priced > 0 ? (t.cost_usd ?? 0) : null,
      latency: { n: live.length, p50Ms: latency.p50, p95Ms: latency.p95, ttftP50Ms: ttft.p50 },
      errorsByClass: Object.fromEntries(
        errors.filter((e) => e.model_key === model.model_key).map((e) => [e.error_class, e.n]),
      ),
    };
  });
}

export function runDetail(
  ctx: Pick<CoreContext, 'repos'>,
  runId: string,
  isActive: boolean,
): RunDetail {
  const summary = ctx.repos.runs.summary(runId);
  const run = ctx.repos.runs.get(runId);
  if (!summary || !run) throw notFound('run', runId);
  return {
    ...summary,
    startedAt: run.started_at,
    error: run.error,
    manifest: JSON.parse(run.manifest) as Record<string, unknown>,
    manifestHash: run.manifest_hash,
    models: modelResults(ctx, runId),
    isActive,
  };
}

export function toResultRow(row: ExportRow): RunResultRow {
  return {
    cellId: row.cell_id,
    ordinal: row.ordinal,
    itemKey: row.item_key,
    category: row.category,
    promptKey: row.prompt_key,
    modelKey: row.model_key,
    repeat: row.repeat,
    status: row.status as RunResultRow['status'],
    output: row.output,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    latencyMs: row.latency_ms,
    ttftMs: row.ttft_ms,
    costUsd: row.cost_usd,
    errorClass: row.error_class,
    errorMessage: row.error_message,
    isCached: row.is_cached === 1,
    isColdStart: row.is_cold_start === 1,
  };
}
