import type { Db } from '../connection';
import { bit, sql } from '../sql';

export interface NewResponseRow {
  cellId: string;
  /** The cell's status once this response is stored: done (an output) or error. */
  status: 'done' | 'error';
  output: string | null;
  finishReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  isTokenEstimate: boolean;
  latencyMs: number | null;
  ttftMs: number | null;
  interTokenMs: number | null;
  tokensPerSecond: number | null;
  costUsd: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  httpStatus: number | null;
  isCached: boolean;
  isColdStart: boolean;
  requestHash: string;
  attempts: number;
  startedAt: string | null;
  createdAt: string;
}

export interface ModelTotalsRow {
  model_key: string;
  ok: number;
  errors: number;
  cached: number;
  input_tokens: number | null;
  output_tokens: number | null;
  estimated: number;
  cost_usd: number | null;
  priced: number;
}

export interface ExportRow {
  cell_id: string;
  ordinal: number;
  item_key: string;
  category: string | null;
  prompt_key: string;
  model_key: string;
  repeat: number;
  seed: number | null;
  status: string;
  input: string;
  reference: string | null;
  output: string | null;
  finish_reason: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  is_token_estimate: number | null;
  latency_ms: number | null;
  ttft_ms: number | null;
  inter_token_ms: number | null;
  tokens_per_second: number | null;
  cost_usd: number | null;
  error_class: string | null;
  error_message: string | null;
  http_status: number | null;
  is_cached: number | null;
  is_cold_start: number | null;
  attempts: number | null;
  started_at: string | null;
}

/** Responses: one per cell at most (the primary key), written by the run's single writer. */
export class ResponsesRepo {
  constructor(private readonly db: Db) {}

  /**
   * Stores a response and settles its cell. A cell that already has a response keeps it
   * (returns false): a late duplicate can never overwrite or double a stored result.
   */
  record(row: NewResponseRow): boolean {
    const inserted = this.db.run(sql`INSERT INTO responses
        (cell_id, output, finish_reason, input_tokens, output_tokens, is_token_estimate, latency_ms, ttft_ms,
         inter_token_ms, tokens_per_second, cost_usd, error_class, error_message, http_status, is_cached,
         is_cold_start, request_hash, attempts, started_at, created_at)
      VALUES (${row.cellId}, ${row.output}, ${row.finishReason}, ${row.inputTokens}, ${row.outputTokens},
        ${bit(row.isTokenEstimate)}, ${row.latencyMs}, ${row.ttftMs}, ${row.interTokenMs}, ${row.tokensPerSecond},
        ${row.costUsd}, ${row.errorClass}, ${row.errorMessage}, ${row.httpStatus}, ${bit(row.isCached)},
        ${bit(row.isColdStart)}, ${row.requestHash}, ${row.attempts}, ${row.startedAt}, ${row.createdAt})
      ON CONFLICT (cell_id) DO NOTHING`);
    if (inserted.changes === 0) return false;
    this.db.run(sql`UPDATE cells SET status = ${row.status}, attempts = attempts + ${row.attempts},
      updated_at = ${row.createdAt} WHERE id = ${row.cellId}`);
    return true;
  }

  /** Per model: ok / error / cached counts, token and cost sums. */
  totals(runId: string): ModelTotalsRow[] {
    return this.db.all<ModelTotalsRow>(sql`SELECT c.model_key,
        SUM(c.status = 'done') AS ok, SUM(c.status = 'error') AS errors, SUM(r.is_cached) AS cached,
        SUM(r.input_tokens) AS input_tokens, SUM(r.output_tokens) AS output_tokens,
        SUM(r.is_token_estimate) AS estimated, SUM(r.cost_usd) AS cost_usd, COUNT(r.cost_usd) AS priced
      FROM cells c JOIN responses r ON r.cell_id = c.id
      WHERE c.run_id = ${runId} GROUP BY c.model_key`);
  }

  /**
   * Latencies of live, successful responses of one model — cached and cold-start responses
   * excluded, as latency statistics require.
   */
  latencies(
    runId: string,
    modelKey: string,
  ): Array<{ latency_ms: number; ttft_ms: number | null }> {
    return this.db
      .all(sql`SELECT r.latency_ms, r.ttft_ms FROM cells c JOIN responses r ON r.cell_id = c.id
      WHERE c.run_id = ${runId} AND c.model_key = ${modelKey} AND c.status = 'done'
        AND r.is_cached = 0 AND r.is_cold_start = 0 AND r.latency_ms IS NOT NULL`);
  }

  /**
   * The newest live, successful latencies of a model on a provider across earlier runs (the
   * configured provider when there is one, else the kind): the history a run's time estimate
   * rests on.
   */
  recentLatencies(
    providerKind: string,
    providerId: string | null,
    model: string,
    limit: number,
  ): number[] {
    return this.db
      .all<{ latency_ms: number }>(
        sql`SELECT r.latency_ms FROM run_models m
      JOIN cells c ON c.run_id = m.run_id AND c.model_key = m.model_key AND c.status = 'done'
      JOIN responses r ON r.cell_id = c.id
      WHERE m.provider_kind = ${providerKind} AND m.provider_id IS ${providerId} AND m.model = ${model}
        AND r.is_cached = 0 AND r.is_cold_start = 0 AND r.latency_ms IS NOT NULL
      ORDER BY r.created_at DESC LIMIT ${limit}`,
      )
      .map((row) => row.latency_ms);
  }

  errorsByClass(runId: string): Array<{ model_key: string; error_class: string; n: number }> {
    return this.db.all(sql`SELECT c.model_key, r.error_class, COUNT(*) AS n
      FROM cells c JOIN responses r ON r.cell_id = c.id
      WHERE c.run_id = ${runId} AND c.status = 'error' GROUP BY c.model_key, r.error_class`);
  }

  /** Every cell of a run with its item and response, in run order (streams; for exports). */
  exportRows(runId: string): IterableIterator<ExportRow> {
    return this.db
      .iterate<ExportRow>(sql`SELECT c.id AS cell_id, c.ordinal, i.item_key, i.category, c.prompt_key,
        c.model_key, c.repeat, c.seed, c.status, i.input, i.reference, r.output, r.finish_reason,
        r.input_tokens, r.output_tokens, r.is_token_estimate, r.latency_ms, r.ttft_ms, r.inter_token_ms,
        r.tokens_per_second, r.cost_usd, r.error_class, r.error_message, r.http_status, r.is_cached,
        r.is_cold_start, r.attempts, r.started_at
      FROM cells c JOIN items i ON i.id = c.item_id LEFT JOIN responses r ON r.cell_id = c.id
      WHERE c.run_id = ${runId} ORDER BY c.ordinal`);
  }

  /** A page of a run's cells with their responses, optionally for one model or status. */
  page(
    runId: string,
    filter: { modelKey: string | null; status: string | null },
    offset: number,
    limit: number,
  ): { total: number; rows: ExportRow[] } {
    const { modelKey, status } = filter;
    const total =
      this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM cells c WHERE c.run_id = ${runId}
        AND (${modelKey} IS NULL OR c.model_key = ${modelKey}) AND (${status} IS NULL OR c.status = ${status})`)
        ?.n ?? 0;
    const rows = this.db
      .all<ExportRow>(sql`SELECT c.id AS cell_id, c.ordinal, i.item_key, i.category, c.prompt_key,
        c.model_key, c.repeat, c.seed, c.status, i.input, i.reference, r.output, r.finish_reason,
        r.input_tokens, r.output_tokens, r.is_token_estimate, r.latency_ms, r.ttft_ms, r.inter_token_ms,
        r.tokens_per_second, r.cost_usd, r.error_class, r.error_message, r.http_status, r.is_cached,
        r.is_cold_start, r.attempts, r.started_at
      FROM cells c JOIN items i ON i.id = c.item_id LEFT JOIN responses r ON r.cell_id = c.id
      WHERE c.run_id = ${runId} AND (${modelKey} IS NULL OR c.model_key = ${modelKey})
        AND (${status} IS NULL OR c.status = ${status})
      ORDER BY c.ordinal LIMIT ${limit} OFFSET ${offset}`);
    return { total, rows };
  }
}
