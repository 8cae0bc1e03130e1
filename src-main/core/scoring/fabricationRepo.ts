/**
 * Writes runs, cells and responses directly, without the engine: for tests of scoring and
 * statistics (tests/support/fabricateRun.ts), and for bringing in results produced elsewhere.
 * The engine's own writers live in core/runner; this repo never runs during a live run.
 */
import type { Db } from '../db/connection';
import { bit, sql } from '../db/sql';

export interface FabricatedResponse {
  output: string | null;
  latencyMs: number | null;
  /** Time to first token (streamed responses); absent when not streamed. */
  ttftMs?: number | null;
  tokensPerSecond: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  errorClass: string | null;
  isCached: boolean;
  isColdStart: boolean;
  startedAt: string;
  createdAt: string;
}

export class FabricationRepo {
  constructor(private readonly db: Db) {}

  itemIds(versionId: string): Map<string, number> {
    const rows = this.db.all<{ id: number; item_key: string }>(
      sql`SELECT id, item_key FROM items WHERE version_id = ${versionId}`,
    );
    return new Map(rows.map((r) => [r.item_key, r.id]));
  }

  insertRun(run: {
    id: string;
    name: string;
    suiteId: string;
    versionId: string;
    status: string;
    manifest: string;
    manifestHash: string;
    createdAt: string;
  }): void {
    this.db
      .run(sql`INSERT INTO runs (id, name, suite_id, dataset_version_id, status, manifest, manifest_hash, created_at, started_at, finished_at)
      VALUES (${run.id}, ${run.name}, ${run.suiteId}, ${run.versionId}, ${run.status}, ${run.manifest}, ${run.manifestHash},
        ${run.createdAt}, ${run.createdAt}, ${run.status === 'running' ? null : run.createdAt})`);
  }

  insertRunModel(row: {
    runId: string;
    modelKey: string;
    providerKind: string;
    model: string;
    params: string;
  }): void {
    this.db
      .run(sql`INSERT INTO run_models (run_id, model_key, provider_kind, provider_id, model, params)
      VALUES (${row.runId}, ${row.modelKey}, ${row.providerKind}, NULL, ${row.model}, ${row.params})`);
  }

  insertCell(cell: {
    id: string;
    runId: string;
    itemId: number;
    promptKey: string;
    modelKey: string;
    repeat: number;
    ordinal: number;
    status: string;
    at: string;
  }): void {
    this.db
      .run(sql`INSERT INTO cells (id, run_id, item_id, prompt_key, model_key, repeat, seed, ordinal, status, attempts, updated_at)
      VALUES (${cell.id}, ${cell.runId}, ${cell.itemId}, ${cell.promptKey}, ${cell.modelKey}, ${cell.repeat}, NULL, ${cell.ordinal},
        ${cell.status}, 1, ${cell.at})`);
  }

  insertResponse(cellId: string, r: FabricatedResponse): void {
    this.db
      .run(sql`INSERT INTO responses (cell_id, output, finish_reason, input_tokens, output_tokens, is_token_estimate, latency_ms,
        ttft_ms, inter_token_ms, tokens_per_second, cost_usd, error_class, error_message, http_status, is_cached, is_cold_start,
        request_hash, attempts, started_at, created_at)
      VALUES (${cellId}, ${r.output}, ${r.errorClass ? null : 'stop'}, ${r.inputTokens}, ${r.outputTokens}, 0, ${r.latencyMs},
        ${r.ttftMs ?? null}, NULL, ${r.tokensPerSecond}, ${r.costUsd}, ${r.errorClass}, ${r.errorClass ? `fabricated ${r.errorClass}` : null},
        ${r.errorClass ? 500 : 200}, ${bit(r.isCached)}, ${bit(r.isColdStart)}, ${`fabricated-${cellId}`}, 1, ${r.startedAt}, ${r.createdAt})`);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }
}
