import type { RunDetail } from '@contract/routes/runs';

/** The `--json` object of `run`, `resume` and `show`: ids, per-model counts and timings. */
export function runJson(
  detail: RunDetail,
  extra: { elapsedMs?: number | null; postRun?: Record<string, unknown> } = {},
) {
  const manifest = detail.manifest as {
    dataset?: { name?: string; version?: number; shard?: unknown };
  };
  const models = detail.models.map((m) => ({
    modelKey: m.modelKey,
    provider: m.providerKind,
    model: m.model,
    ok: m.ok - m.cached,
    error: m.errors,
    cached: m.cached,
    pending: m.pending,
    latencyMs: { n: m.latency.n, p50: m.latency.p50Ms, p95: m.latency.p95Ms },
    ttftMs: { p50: m.latency.ttftP50Ms },
    tokens: { input: m.inputTokens, output: m.outputTokens, estimated: m.hasTokenEstimates },
    costUsd: m.costUsd,
    errorsByClass: m.errorsByClass,
  }));
  return {
    runId: detail.id,
    name: detail.name,
    status: detail.status,
    suite: { id: detail.suiteId, name: detail.suiteName },
    dataset: {
      name: detail.datasetName,
      versionId: detail.datasetVersionId,
      version: manifest.dataset?.version ?? null,
      shard: manifest.dataset?.shard ?? null,
    },
    manifestHash: detail.manifestHash,
    cells: {
      total: detail.cellCount,
      ok: models.reduce((a, m) => a + m.ok, 0),
      error: models.reduce((a, m) => a + m.error, 0),
      cached: models.reduce((a, m) => a + m.cached, 0),
      pending: models.reduce((a, m) => a + m.pending, 0),
    },
    elapsedMs: extra.elapsedMs ?? null,
    models,
    postRun: extra.postRun ?? {},
  };
}

export type RunJson = ReturnType<typeof runJson>;

function ms(value: number | null): string {
  return value === null ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

/** The summary table printed at the end of a run (and by `show`). */
export function runTable(summary: RunJson): string {
  const header = [
    'model',
    'ok',
    'error',
    'cached',
    'pending',
    'p50 ms',
    'p95 ms',
    'ttft p50',
    'tokens in',
    'tokens out',
    'cost',
  ];
  const rows = summary.models.map((m) => [
    m.modelKey,
    String(m.ok),
    String(m.error),
    String(m.cached),
    String(m.pending),
    ms(m.latencyMs.p50),
    ms(m.latencyMs.p95),
    ms(m.ttftMs.p50),
    `${m.tokens.estimated ? '~' : ''}${m.tokens.input}`,
    `${m.tokens.estimated ? '~' : ''}${m.tokens.output}`,
    m.costUsd === null ? 'not priced' : `$${m.costUsd.toFixed(4)}`,
  ]);
  const took = summary.elapsedMs === null ? '' : ` in ${(summary.elapsedMs / 1000).toFixed(1)} s`;
  const notes: string[] = [];
  if (summary.models.some((m) => m.tokens.estimated))
    notes.push('~ token counts estimated with a tokenizer (the provider reported no usage)');
  notes.push('latency: live successful responses only (cached and cold-start excluded)');
  const errors = summary.models
    .filter((m) => m.error > 0)
    .map(
      (m) =>
        `${m.modelKey}: ${Object.entries(m.errorsByClass)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
    );
  return [
    `run ${summary.runId} (${summary.name}) ${summary.status}${took}`,
    `suite ${summary.suite.name}, dataset ${summary.dataset.name} v${String(summary.dataset.version ?? '?')}, ${summary.cells.total} cells`,
    '',
    table([header, ...rows]),
    '',
    ...(errors.length ? [`errors: ${errors.join('; ')}`] : []),
    ...notes.map((n) => `note: ${n}`),
  ].join('\n');
}
