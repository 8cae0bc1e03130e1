import type { Db } from '../db/connection';
import type { ExportRow } from '../db/repos/responses';
import { sql } from '../db/sql';

/**
 * The reads of the reports domain that no other repository offers: a run's exported rows a
 * page at a time (keyset on the cell ordinal), so a long export can yield to the event loop
 * between pages without holding a statement open on the shared connection.
 */
export class ReportsRepo {
  constructor(private readonly db: Db) {}

  cellCount(runId: string): number {
    return (
      this.db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM cells WHERE run_id = ${runId}`)?.n ??
      0
    );
  }

  /** Up to `limit` rows of the run after the cell ordinal `after`, in run order. */
  exportPage(runId: string, after: number, limit: number): ExportRow[] {
    return this.db
      .all<ExportRow>(sql`SELECT c.id AS cell_id, c.ordinal, i.item_key, i.category, c.prompt_key,
        c.model_key, c.repeat, c.seed, c.status, i.input, i.reference, r.output, r.finish_reason,
        r.input_tokens, r.output_tokens, r.is_token_estimate, r.latency_ms, r.ttft_ms, r.inter_token_ms,
        r.tokens_per_second, r.cost_usd, r.error_class, r.error_message, r.http_status, r.is_cached,
        r.is_cold_start, r.attempts, r.started_at
      FROM cells c JOIN items i ON i.id = c.item_id LEFT JOIN responses r ON r.cell_id = c.id
      WHERE c.run_id = ${runId} AND c.ordinal > ${after} ORDER BY c.ordinal LIMIT ${limit}`);
  }
}
