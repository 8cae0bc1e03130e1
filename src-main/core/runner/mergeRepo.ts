/**
 * The SQL of `yardstick merge`: reading shard runs out of a source workspace (opened
 * read-only) and writing the merged run's rows into the target. Rows are copied column for
 * column; only the keys that are per-workspace (cell ids, item ids, score ids, rater and
 * failure-mode ids) are remapped by the caller.
 */
import type { RunStatus } from '@contract/index';
import type { Db } from '../db/connection';
import { sql, type SqlQuery } from '../db/sql';

export interface SourceRunRow {
  id: string;
  name: string;
  status: RunStatus;
  suite_id: string;
  dataset_version_id: string;
  manifest: string;
  manifest_hash: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** What identifies a cell across workspaces (its id is derived from these and the run id). */
export interface CellIdentity {
  item_key: string;
  prompt_key: string;
  model_key: string;
  repeat: number;
}

/** The identity columns of cell `c` joined with its item `i`. */
const identityColumns = 'i.item_key, c.prompt_key, c.model_key, c.repeat';

export interface SourceCellRow {
  id: string;
  item_key: string;
  prompt_key: string;
  model_key: string;
  repeat: number;
  seed: number | null;
  status: 'pending' | 'done' | 'error' | 'skipped';
  attempts: number;
  updated_at: string;
}

/** A `responses` row as stored (every column; `cell_id` is replaced when written). */
export interface ResponseRow {
  cell_id: string;
  output: string | null;
  finish_reason: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  is_token_estimate: number;
  latency_ms: number | null;
  ttft_ms: number | null;
  inter_token_ms: number | null;
  tokens_per_second: number | null;
  cost_usd: number | null;
  error_class: string | null;
  error_message: string | null;
  http_status: number | null;
  is_cached: number;
  is_cold_start: number;
  request_hash: string;
  attempts: number;
  started_at: string | null;
  created_at: string;
}

export interface ScoreRow {
  id: number;
  cell_id: string;
  scorer_key: string;
  scorer_id: string;
  scorer_version: string;
  config_hash: string;
  value: number | null;
  is_pass: number | null;
  details: string;
  cost_usd: number | null;
  error: string | null;
  created_at: string;
}

export interface OverrideRow {
  scorer_key: string;
  rater_name: string;
  value: number | null;
  is_pass: number | null;
  reason: string;
  created_at: string;
}

export interface CellFailureModeRow {
  name: string;
  description: string | null;
  mode_created_at: string;
  archived_at: string | null;
  rater_name: string | null;
  created_at: string;
}

export interface CacheRow {
  request_hash: string;
  provider_kind: string;
  model: string;
  output: string;
  finish_reason: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  is_token_estimate: number;
  created_at: string;
}

/** Reads of a source workspace. Every statement is a SELECT: the file is opened read-only. */
export class ShardSourceRepo {
  constructor(private readonly db: Db) {}

  /** Applied migrations, in order (read without creating the table: the file is read-only). */
  appliedMigrations(): Array<{ id: number; name: string }> {
    return this.db.all(sql`SELECT id, name FROM schema_migrations ORDER BY id`);
  }

  /** Runs planned with `--shard`, oldest first; one being deleted there is not merged. */
  shardRuns(): SourceRunRow[] {
    return this.db.all<SourceRunRow>(sql`SELECT id, name, status, suite_id, dataset_version_id,
        manifest, manifest_hash, created_at, started_at, finished_at
      FROM runs WHERE json_type(manifest, '$.dataset.shard') = 'object'
        AND removal_started_at IS NULL
      ORDER BY created_at, id`);
  }

  /** Cells that are not pending (a stamp of how far a shard had got when it was merged). */
  settledCells(runId: string): number {
    return (
      this.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM cells WHERE run_id = ${runId} AND status <> 'pending'`,
      )?.n ?? 0
    );
  }

  /** The keys of the items a run's cells use. */
  itemKeys(runId: string): string[] {
    return this.db
      .all<{ item_key: string }>(
        sql`SELECT DISTINCT i.item_key FROM cells c JOIN items i ON i.id = c.item_id WHERE c.run_id = ${runId}`,
      )
      .map((r) => r.item_key);
  }

  cells(runId: string): IterableIterator<SourceCellRow> {
    return this.db
      .iterate<SourceCellRow>(sql`SELECT c.id, i.item_key, c.prompt_key, c.model_key, c.repeat, c.seed,
        c.status, c.attempts, c.updated_at
      FROM cells c JOIN items i ON i.id = c.item_id WHERE c.run_id = ${runId} ORDER BY c.ordinal`);
  }

  responses(runId: string): IterableIterator<ResponseRow & CellIdentity> {
    return this.db.iterate({
      text: `SELECT r.*, ${identityColumns} FROM responses r JOIN cells c ON c.id = r.cell_id
        JOIN items i ON i.id = c.item_id WHERE c.run_id = ?`,
      params: [runId],
    });
  }

  scores(runId: string): IterableIterator<ScoreRow & CellIdentity> {
    return this.db.iterate({
      text: `SELECT s.*, ${identityColumns} FROM scores s JOIN cells c ON c.id = s.cell_id
        JOIN items i ON i.id = c.item_id WHERE c.run_id = ? ORDER BY s.id`,
      params: [runId],
    });
  }

  overrides(runId: string): Array<OverrideRow & CellIdentity> {
    return this.db.all({
      text: `SELECT s.scorer_key, ra.name AS rater_name, o.value, o.is_pass, o.reason, o.created_at,
          ${identityColumns}
        FROM score_overrides o JOIN scores s ON s.id = o.score_id JOIN cells c ON c.id = s.cell_id
        JOIN items i ON i.id = c.item_id JOIN raters ra ON ra.id = o.rater_id
        WHERE c.run_id = ? ORDER BY o.created_at, o.id`,
      params: [runId],
    });
  }

  cellFailureModes(runId: string): Array<CellFailureModeRow & CellIdentity> {
    return this.db.all({
      text: `SELECT m.name, m.description, m.created_at AS mode_created_at, m.archived_at,
          ra.name AS rater_name, f.created_at, ${identityColumns}
        FROM cell_failure_modes f JOIN cells c ON c.id = f.cell_id JOIN items i ON i.id = c.item_id
        JOIN failure_modes m ON m.id = f.failure_mode_id LEFT JOIN raters ra ON ra.id = f.rater_id
        WHERE c.run_id = ? ORDER BY f.created_at`,
      params: [runId],
    });
  }

  /** The whole response cache of the workspace. */
  cache(): IterableIterator<CacheRow> {
    return this.db.iterate<CacheRow>(sql`SELECT * FROM response_cache`);
  }

  /**
   * How many rows the reads above yield for a run (same joins, so a merge's progress ends at
   * its total): cells, responses, scores, overrides and failure-mode tags.
   */
  runRowCounts(runId: string) {
    return {
      cells: this.count(sql`SELECT COUNT(*) AS n FROM cells c JOIN items i ON i.id = c.item_id
        WHERE c.run_id = ${runId}`),
      responses: this.count(sql`SELECT COUNT(*) AS n FROM responses r
        JOIN cells c ON c.id = r.cell_id JOIN items i ON i.id = c.item_id WHERE c.run_id = ${runId}`),
      scores: this.count(sql`SELECT COUNT(*) AS n FROM scores s
        JOIN cells c ON c.id = s.cell_id JOIN items i ON i.id = c.item_id WHERE c.run_id = ${runId}`),
      overrides: this.count(sql`SELECT COUNT(*) AS n FROM score_overrides o
        JOIN scores s ON s.id = o.score_id JOIN cells c ON c.id = s.cell_id
        JOIN items i ON i.id = c.item_id JOIN raters ra ON ra.id = o.rater_id WHERE c.run_id = ${runId}`),
      failureModeTags: this.count(sql`SELECT COUNT(*) AS n FROM cell_failure_modes f
        JOIN cells c ON c.id = f.cell_id JOIN items i ON i.id = c.item_id
        JOIN failure_modes m ON m.id = f.failure_mode_id WHERE c.run_id = ${runId}`),
    };
  }

  cacheCount(): number {
    return this.count(sql`SELECT COUNT(*) AS n FROM response_cache`);
  }

  private count(query: SqlQuery): number {
    return this.db.get<{ n: number }>(query)?.n ?? 0;
  }
}

/** Writes of the merged run into the target workspace (inside the merge's one transaction). */
export class MergeTargetRepo {
  constructor(private readonly db: Db) {}

  /**
   * The merge's one transaction, held open across turns of the event loop (so Ctrl-C can be
   * handled while it copies): `Db.transaction` cannot wrap async work. Calls of
   * `Db.transaction` inside it become savepoints, as they would in a synchronous one.
   */
  begin() {
    this.db.run(sql`BEGIN IMMEDIATE`);
  }

  commit() {
    this.db.run(sql`COMMIT`);
  }

  /** Undoes everything since `begin` (a no-op if SQLite already rolled back on an error). */
  rollback() {
    if (this.db.raw.inTransaction) this.db.run(sql`ROLLBACK`);
  }

  /**
   * Every merged run's id and manifest (to refuse merging the same shards twice); one being
   * deleted is going away, so merging its shards again is allowed.
   */
  mergedRuns(): Array<{ id: string; manifest: string }> {
    return this.db.all(sql`SELECT id, manifest FROM runs
      WHERE json_type(manifest, '$.mergedFrom') = 'array' AND removal_started_at IS NULL
      ORDER BY created_at`);
  }

  /** A frozen version with this content hash in any dataset, preferring the named one. */
  frozenVersionByHash(
    contentHash: string,
    datasetName: string,
  ): { id: string; version: number; dataset_name: string } | undefined {
    return this.db.get(sql`SELECT v.id, v.version, d.name AS dataset_name
      FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
      WHERE v.content_hash = ${contentHash} AND v.is_frozen = 1
      ORDER BY (d.name = ${datasetName}) DESC, v.created_at LIMIT 1`);
  }

  itemIdsByKey(versionId: string): Map<string, { id: number; position: number }> {
    const rows = this.db.all<{ id: number; item_key: string; position: number }>(
      sql`SELECT id, item_key, position FROM items WHERE version_id = ${versionId}`,
    );
    return new Map(rows.map((r) => [r.item_key, { id: r.id, position: r.position }]));
  }

  setRunState(
    runId: string,
    state: { status: RunStatus; startedAt: string | null; finishedAt: string | null },
  ) {
    this.db.run(sql`UPDATE runs SET status = ${state.status}, started_at = ${state.startedAt},
      finished_at = ${state.finishedAt}, error = NULL WHERE id = ${runId}`);
  }

  insertCell(row: {
    id: string;
    runId: string;
    itemId: number;
    source: SourceCellRow;
    ordinal: number;
  }) {
    const c = row.source;
    this.db
      .run(sql`INSERT INTO cells (id, run_id, item_id, prompt_key, model_key, repeat, seed, ordinal, status, attempts, updated_at)
      VALUES (${row.id}, ${row.runId}, ${row.itemId}, ${c.prompt_key}, ${c.model_key}, ${c.repeat}, ${c.seed},
        ${row.ordinal}, ${c.status}, ${c.attempts}, ${c.updated_at})`);
  }

  insertResponse(cellId: string, r: ResponseRow) {
    this.db.run(sql`INSERT INTO responses
        (cell_id, output, finish_reason, input_tokens, output_tokens, is_token_estimate, latency_ms, ttft_ms,
         inter_token_ms, tokens_per_second, cost_usd, error_class, error_message, http_status, is_cached,
         is_cold_start, request_hash, attempts, started_at, created_at)
      VALUES (${cellId}, ${r.output}, ${r.finish_reason}, ${r.input_tokens}, ${r.output_tokens},
        ${r.is_token_estimate}, ${r.latency_ms}, ${r.ttft_ms}, ${r.inter_token_ms}, ${r.tokens_per_second},
        ${r.cost_usd}, ${r.error_class}, ${r.error_message}, ${r.http_status}, ${r.is_cached},
        ${r.is_cold_start}, ${r.request_hash}, ${r.attempts}, ${r.started_at}, ${r.created_at})`);
  }

  /** Inserts a score for the (new) cell. */
  insertScore(cellId: string, s: ScoreRow) {
    this.db
      .run(sql`INSERT INTO scores (cell_id, scorer_key, scorer_id, scorer_version, config_hash, value, is_pass, details, cost_usd, error, created_at)
        VALUES (${cellId}, ${s.scorer_key}, ${s.scorer_id}, ${s.scorer_version}, ${s.config_hash}, ${s.value},
          ${s.is_pass}, ${s.details}, ${s.cost_usd}, ${s.error}, ${s.created_at})`);
  }

  scoreId(cellId: string, scorerKey: string): number | undefined {
    return this.db.get<{ id: number }>(
      sql`SELECT id FROM scores WHERE cell_id = ${cellId} AND scorer_key = ${scorerKey}`,
    )?.id;
  }

  insertOverride(scoreId: number, raterId: string, o: OverrideRow) {
    this.db
      .run(sql`INSERT INTO score_overrides (score_id, rater_id, value, is_pass, reason, created_at)
      VALUES (${scoreId}, ${raterId}, ${o.value}, ${o.is_pass}, ${o.reason}, ${o.created_at})`);
  }

  /** The failure mode of that name, created (with the source's description) on first use. */
  failureModeId(row: CellFailureModeRow, newId: () => string): string {
    const existing = this.db.get<{ id: string }>(
      sql`SELECT id FROM failure_modes WHERE name = ${row.name}`,
    );
    if (existing) return existing.id;
    const id = newId();
    this.db.run(sql`INSERT INTO failure_modes (id, name, description, created_at, archived_at)
      VALUES (${id}, ${row.name}, ${row.description}, ${row.mode_created_at}, ${row.archived_at})`);
    return id;
  }

  tagCell(cellId: string, failureModeId: string, raterId: string | null, createdAt: string) {
    this.db.run(sql`INSERT INTO cell_failure_modes (cell_id, failure_mode_id, rater_id, created_at)
      VALUES (${cellId}, ${failureModeId}, ${raterId}, ${createdAt}) ON CONFLICT DO NOTHING`);
  }

  /** Adds a cache row unless the target already has an answer for that request. */
  putCache(r: CacheRow): boolean {
    return (
      this.db.run(sql`INSERT INTO response_cache
        (request_hash, provider_kind, model, output, finish_reason, input_tokens, output_tokens, is_token_estimate, created_at)
      VALUES (${r.request_hash}, ${r.provider_kind}, ${r.model}, ${r.output}, ${r.finish_reason},
        ${r.input_tokens}, ${r.output_tokens}, ${r.is_token_estimate}, ${r.created_at})
      ON CONFLICT (request_hash) DO NOTHING`).changes > 0
    );
  }
}
