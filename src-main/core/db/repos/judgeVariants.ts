/** The SQL of edited judge versions re-run on a calibration set (tables of migration 0009). */
import type { Db } from '../connection';
import { sql } from '../sql';

export interface VariantRow {
  id: string;
  session_id: string;
  run_id: string;
  scorer_key: string;
  scorer_id: string;
  name: string;
  params: string;
  config_hash: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  error: string | null;
  created_at: string;
}

export interface VariantScoreRow {
  cell_id: string;
  value: number | null;
  is_pass: number | null;
  details: string;
  cost_usd: number | null;
  error: string | null;
}

export class JudgeVariantsRepo {
  constructor(private readonly db: Db) {}

  insertVariant(row: VariantRow): void {
    this.db
      .run(sql`INSERT INTO judge_variants (id, session_id, run_id, scorer_key, scorer_id, name, params, config_hash, status, error, created_at)
      VALUES (${row.id}, ${row.session_id}, ${row.run_id}, ${row.scorer_key}, ${row.scorer_id}, ${row.name}, ${row.params},
        ${row.config_hash}, ${row.status}, ${row.error}, ${row.created_at})`);
  }

  variant(id: string): VariantRow | undefined {
    return this.db.get<VariantRow>(sql`SELECT * FROM judge_variants WHERE id = ${id}`);
  }

  variants(sessionId: string, runId: string, scorerKey: string): VariantRow[] {
    return this.db.all<VariantRow>(sql`SELECT * FROM judge_variants
      WHERE session_id = ${sessionId} AND run_id = ${runId} AND scorer_key = ${scorerKey} ORDER BY created_at, id`);
  }

  /** Versions left running by a process that stopped: their re-run is over. */
  markInterruptedVariants(): number {
    return this.db
      .run(sql`UPDATE judge_variants SET status = 'cancelled', error = 'interrupted: the app stopped during the re-run'
      WHERE status = 'running'`).changes;
  }

  setVariantStatus(id: string, status: VariantRow['status'], error: string | null): void {
    this.db.run(
      sql`UPDATE judge_variants SET status = ${status}, error = ${error} WHERE id = ${id}`,
    );
  }

  writeVariantScore(variantId: string, row: VariantScoreRow & { created_at: string }): void {
    this.db
      .run(sql`INSERT INTO judge_variant_scores (variant_id, cell_id, value, is_pass, details, cost_usd, error, created_at)
      VALUES (${variantId}, ${row.cell_id}, ${row.value}, ${row.is_pass}, ${row.details}, ${row.cost_usd}, ${row.error}, ${row.created_at})
      ON CONFLICT (variant_id, cell_id) DO UPDATE SET value = excluded.value, is_pass = excluded.is_pass,
        details = excluded.details, cost_usd = excluded.cost_usd, error = excluded.error, created_at = excluded.created_at`);
  }

  variantScores(variantId: string): VariantScoreRow[] {
    return this.db.all<VariantScoreRow>(sql`SELECT cell_id, value, is_pass, details, cost_usd, error
      FROM judge_variant_scores WHERE variant_id = ${variantId}`);
  }
}
