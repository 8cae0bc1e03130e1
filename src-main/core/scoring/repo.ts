/**
 * The scoring domain's SQL: what scoring reads of a run (cells with their item and response),
 * the scores it writes (upserted per cell and scorer key, in batched transactions), human
 * overrides with who / when / why, judge prices, and decision records.
 */
import type { Db } from '../db/connection';
import { bit, sql } from '../db/sql';

export interface RunRecord {
  id: string;
  name: string;
  status: string;
  suite_id: string;
  dataset_version_id: string;
  manifest: string;
  manifest_hash: string;
  created_at: string;
  finished_at: string | null;
}

export interface ScoringCellRow {
  cell_id: string;
  ordinal: number;
  item_id: number;
  item_key: string;
  category: string | null;
  group_id: string | null;
  input: string;
  reference: string | null;
  metadata: string;
  model_key: string;
  prompt_key: string;
  repeat: number;
  cell_status: string;
  has_response: number;
  output: string | null;
  error_class: string | null;
  latency_ms: number | null;
  tokens_per_second: number | null;
  cost_usd: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  is_cached: number | null;
  is_cold_start: number | null;
  started_at: string | null;
  created_at: string | null;
}

export interface NewScoreRow {
  cellId: string;
  scorerKey: string;
  scorerId: string;
  scorerVersion: string;
  configHash: string;
  value: number | null;
  isPass: boolean | null;
  details: string;
  costUsd: number | null;
  error: string | null;
  createdAt: string;
}

/** A score with any human override applied (the latest override wins). */
export interface EffectiveScoreRow {
  score_id: number;
  cell_id: string;
  scorer_key: string;
  scorer_id: string;
  scorer_version: string;
  config_hash: string;
  value: number | null;
  is_pass: number | null;
  automated_value: number | null;
  automated_is_pass: number | null;
  is_overridden: number;
  cost_usd: number | null;
  error: string | null;
  details: string;
}

export interface OverrideRow {
  id: number;
  score_id: number;
  rater: string;
  value: number | null;
  is_pass: number | null;
  reason: string;
  created_at: string;
}

export interface DecisionRow {
  id: string;
  run_id: string;
  baseline_run_id: string | null;
  baseline_model: string | null;
  model_key: string | null;
  verdict: 'ship' | 'ship_with_caveats' | 'dont_ship';
  weighted_score: number | null;
  criteria: string;
  evaluation: string;
  manifest: string;
  created_at: string;
}

export class ScoringRepo {
  constructor(private readonly db: Db) {}

  /**
   * The run; undefined when it is gone or being deleted (hidden from every reader, see
   * runner/runRemoval.ts): a half-deleted run is never scored, summarised, compared or decided.
   */
  run(runId: string): RunRecord | undefined {
    return this.db
      .get<RunRecord>(sql`SELECT id, name, status, suite_id, dataset_version_id, manifest, manifest_hash, created_at, finished_at
      FROM runs WHERE id = ${runId} AND removal_started_at IS NULL`);
  }

  /** Whether the cell belongs to a run being deleted (its scores are not read or overridden). */
  isCellBeingDeleted(cellId: string): boolean {
    return (
      this.db.get(sql`SELECT 1 AS x FROM cells c JOIN runs r ON r.id = c.run_id
        WHERE c.id = ${cellId} AND r.removal_started_at IS NOT NULL`) !== undefined
    );
  }

  suite(
    suiteId: string,
  ): { name: string; yaml: string; content_hash: string; source_path: string | null } | undefined {
    return this.db.get(
      sql`SELECT name, yaml, content_hash, source_path FROM suites WHERE id = ${suiteId}`,
    );
  }

  /** Every cell of a run with its item and (if any) response, in run order. */
  cells(runId: string): ScoringCellRow[] {
    return this.db
      .all<ScoringCellRow>(sql`SELECT c.id AS cell_id, c.ordinal, i.id AS item_id, i.item_key, i.category, i.group_id,
        i.input, i.reference, i.metadata, c.model_key, c.prompt_key, c.repeat, c.status AS cell_status,
        (r.cell_id IS NOT NULL) AS has_response, r.output, r.error_class, r.latency_ms, r.tokens_per_second, r.cost_usd,
        r.input_tokens, r.output_tokens, r.is_cached, r.is_cold_start, r.started_at, r.created_at
      FROM cells c JOIN items i ON i.id = c.item_id LEFT JOIN responses r ON r.cell_id = c.id
      WHERE c.run_id = ${runId} ORDER BY c.ordinal`);
  }

  /** Tags of every item a run uses. */
  itemTags(runId: string): Map<number, string[]> {
    const rows = this.db.all<{
      item_id: number;
      tag: string;
    }>(sql`SELECT t.item_id, t.tag FROM item_tags t
      WHERE t.item_id IN (SELECT item_id FROM cells WHERE run_id = ${runId}) ORDER BY t.tag`);
    const map = new Map<number, string[]>();
    for (const row of rows) map.set(row.item_id, [...(map.get(row.item_id) ?? []), row.tag]);
    return map;
  }

  /** Config hash of each stored score of one scorer key in a run. */
  storedConfigHashes(runId: string, scorerKey: string): Map<string, string> {
    const rows = this.db.all<{
      cell_id: string;
      config_hash: string;
    }>(sql`SELECT s.cell_id, s.config_hash FROM scores s
      JOIN cells c ON c.id = s.cell_id WHERE c.run_id = ${runId} AND s.scorer_key = ${scorerKey}`);
    return new Map(rows.map((r) => [r.cell_id, r.config_hash]));
  }

  /** Upserts scores in one transaction. A re-score keeps the row id, so overrides stay attached. */
  writeScores(rows: readonly NewScoreRow[]): void {
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const r of rows) {
        this.db
          .run(sql`INSERT INTO scores (cell_id, scorer_key, scorer_id, scorer_version, config_hash, value, is_pass, details, cost_usd, error, created_at)
          VALUES (${r.cellId}, ${r.scorerKey}, ${r.scorerId}, ${r.scorerVersion}, ${r.configHash}, ${r.value},
            ${r.isPass === null ? null : bit(r.isPass)}, ${r.details}, ${r.costUsd}, ${r.error}, ${r.createdAt})
          ON CONFLICT (cell_id, scorer_key) DO UPDATE SET scorer_id = excluded.scorer_id, scorer_version = excluded.scorer_version,
            config_hash = excluded.config_hash, value = excluded.value, is_pass = excluded.is_pass, details = excluded.details,
            cost_usd = excluded.cost_usd, error = excluded.error, created_at = excluded.created_at`);
      }
    });
  }

  /** Drops the scores of scorer keys the suite no longer has. */
  deleteScorerKeysExcept(runId: string, keep: readonly string[]): number {
    const stale = this.db
      .all<{ scorer_key: string }>(
        sql`SELECT DISTINCT s.scorer_key FROM scores s JOIN cells c ON c.id = s.cell_id WHERE c.run_id = ${runId}`,
      )
      .map((r) => r.scorer_key)
      .filter((key) => !keep.includes(key));
    let removed = 0;
    this.db.transaction(() => {
      for (const key of stale) {
        removed += this.db.run(
          sql`DELETE FROM scores WHERE scorer_key = ${key} AND cell_id IN (SELECT id FROM cells WHERE run_id = ${runId})`,
        ).changes;
      }
    });
    return removed;
  }

  /** Every score of a run, with the latest override applied. */
  effectiveScores(runId: string): EffectiveScoreRow[] {
    return this.db
      .all<EffectiveScoreRow>(sql`SELECT s.id AS score_id, s.cell_id, s.scorer_key, s.scorer_id, s.scorer_version, s.config_hash,
        CASE WHEN o.id IS NULL THEN s.value ELSE o.value END AS value,
        CASE WHEN o.id IS NULL THEN s.is_pass ELSE o.is_pass END AS is_pass,
        s.value AS automated_value, s.is_pass AS automated_is_pass, (o.id IS NOT NULL) AS is_overridden,
        s.cost_usd, s.error, s.details
      FROM scores s JOIN cells c ON c.id = s.cell_id
      LEFT JOIN score_overrides o ON o.id = (SELECT o2.id FROM score_overrides o2 WHERE o2.score_id = s.id ORDER BY o2.created_at DESC, o2.id DESC LIMIT 1)
      WHERE c.run_id = ${runId}`);
  }

  scoresOfCell(cellId: string): EffectiveScoreRow[] {
    return this.db
      .all<EffectiveScoreRow>(sql`SELECT s.id AS score_id, s.cell_id, s.scorer_key, s.scorer_id, s.scorer_version, s.config_hash,
        CASE WHEN o.id IS NULL THEN s.value ELSE o.value END AS value,
        CASE WHEN o.id IS NULL THEN s.is_pass ELSE o.is_pass END AS is_pass,
        s.value AS automated_value, s.is_pass AS automated_is_pass, (o.id IS NOT NULL) AS is_overridden,
        s.cost_usd, s.error, s.details
      FROM scores s
      LEFT JOIN score_overrides o ON o.id = (SELECT o2.id FROM score_overrides o2 WHERE o2.score_id = s.id ORDER BY o2.created_at DESC, o2.id DESC LIMIT 1)
      WHERE s.cell_id = ${cellId} ORDER BY s.scorer_key`);
  }

  /** The score is there and its run is not being deleted. */
  scoreExists(scoreId: number): boolean {
    return (
      this.db.get(sql`SELECT 1 AS x FROM scores s JOIN cells c ON c.id = s.cell_id
        JOIN runs r ON r.id = c.run_id
        WHERE s.id = ${scoreId} AND r.removal_started_at IS NULL`) !== undefined
    );
  }

  /** The rater of that name, created on first use. */
  raterId(name: string, newId: () => string, at: string): string {
    const existing = this.db.get<{ id: string }>(sql`SELECT id FROM raters WHERE name = ${name}`);
    if (existing) return existing.id;
    const id = newId();
    this.db.run(sql`INSERT INTO raters (id, name, created_at) VALUES (${id}, ${name}, ${at})`);
    return id;
  }

  addOverride(row: {
    scoreId: number;
    raterId: string;
    value: number | null;
    isPass: boolean | null;
    reason: string;
    createdAt: string;
  }): number {
    return Number(
      this.db
        .run(sql`INSERT INTO score_overrides (score_id, rater_id, value, is_pass, reason, created_at)
        VALUES (${row.scoreId}, ${row.raterId}, ${row.value}, ${row.isPass === null ? null : bit(row.isPass)}, ${row.reason}, ${row.createdAt})`)
        .lastInsertRowid,
    );
  }

  overrides(scoreId: number): OverrideRow[] {
    return this.db
      .all<OverrideRow>(sql`SELECT o.id, o.score_id, r.name AS rater, o.value, o.is_pass, o.reason, o.created_at
      FROM score_overrides o JOIN raters r ON r.id = o.rater_id WHERE o.score_id = ${scoreId} ORDER BY o.created_at, o.id`);
  }

  /** Price per million tokens of a provider kind (or a configured provider's label) and model, as of `at`. */
  price(
    provider: string,
    model: string,
    at: string,
  ): { input_usd_per_mtok: number; output_usd_per_mtok: number } | undefined {
    const kind =
      this.db.get<{ kind: string }>(sql`SELECT kind FROM providers WHERE label = ${provider}`)
        ?.kind ?? provider;
    return this.db.get(sql`SELECT input_usd_per_mtok, output_usd_per_mtok FROM pricing
      WHERE provider_kind = ${kind} AND model = ${model} AND effective_from <= ${at}
      ORDER BY effective_from DESC LIMIT 1`);
  }

  /** A provider configured in the workspace, by label. */
  configuredProvider(label: string): { kind: string; config: Record<string, unknown> } | undefined {
    const row = this.db.get<{ kind: string; base_url: string | null; config: string }>(
      sql`SELECT kind, base_url, config FROM providers WHERE label = ${label}`,
    );
    if (!row) return undefined;
    let config: Record<string, unknown> = {};
    try {
      config = JSON.parse(row.config) as Record<string, unknown>;
    } catch {
      // A broken config row is reported by the provider's schema when it is used.
    }
    return {
      kind: row.kind,
      config:
        row.base_url && config.baseUrl === undefined
          ? { ...config, baseUrl: row.base_url }
          : config,
    };
  }

  insertDecision(row: DecisionRow): void {
    this.db
      .run(sql`INSERT INTO decisions (id, run_id, baseline_run_id, baseline_model, model_key, verdict, weighted_score, criteria, evaluation, manifest, created_at)
      VALUES (${row.id}, ${row.run_id}, ${row.baseline_run_id}, ${row.baseline_model}, ${row.model_key}, ${row.verdict}, ${row.weighted_score}, ${row.criteria},
        ${row.evaluation}, ${row.manifest}, ${row.created_at})`);
  }

  decisions(runId: string): DecisionRow[] {
    return this.db.all<DecisionRow>(
      sql`SELECT * FROM decisions WHERE run_id = ${runId} ORDER BY created_at DESC, id DESC`,
    );
  }
}
