import type { Db } from '../connection';
import { bit, sql } from '../sql';

export interface CachedResponse {
  output: string;
  finish_reason: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  is_token_estimate: number;
}

/** Successful responses keyed by a hash of the request: a re-run never pays twice. */
export class ResponseCacheRepo {
  constructor(private readonly db: Db) {}

  get(requestHash: string): CachedResponse | undefined {
    return this.db
      .get<CachedResponse>(sql`SELECT output, finish_reason, input_tokens, output_tokens, is_token_estimate
      FROM response_cache WHERE request_hash = ${requestHash}`);
  }

  put(row: {
    requestHash: string;
    providerKind: string;
    model: string;
    output: string;
    finishReason: string | null;
    inputTokens: number | null;
    outputTokens: number | null;
    isTokenEstimate: boolean;
    createdAt: string;
  }) {
    this.db.run(sql`INSERT INTO response_cache
        (request_hash, provider_kind, model, output, finish_reason, input_tokens, output_tokens, is_token_estimate, created_at)
      VALUES (${row.requestHash}, ${row.providerKind}, ${row.model}, ${row.output}, ${row.finishReason},
        ${row.inputTokens}, ${row.outputTokens}, ${bit(row.isTokenEstimate)}, ${row.createdAt})
      ON CONFLICT (request_hash) DO UPDATE SET output = excluded.output, finish_reason = excluded.finish_reason,
        input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
        is_token_estimate = excluded.is_token_estimate, created_at = excluded.created_at`);
  }
}
