import type { RunStatus, RunSummary } from '@contract/index';
import type { Db } from '../connection';
import { sql } from '../sql';

interface RunSummaryRow {
  id: string;
  name: string;
  status: RunStatus;
  suite_id: string;
  suite_name: string;
  dataset_version_id: string;
  dataset_name: string;
  created_at: string;
  finished_at: string | null;
  cell_count: number;
  finished_cell_count: number;
}

function toSummary(row: RunSummaryRow): RunSummary {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    suiteId: row.suite_id,
    suiteName: row.suite_name,
    datasetVersionId: row.dataset_version_id,
    datasetName: row.dataset_name,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    cellCount: row.cell_count,
    finishedCellCount: row.finished_cell_count,
  };
}

export interface RunRow {
  id: string;
  name: string;
  suite_id: string;
  dataset_version_id: string;
  status: RunStatus;
  manifest: string;
  manifest_hash: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

export interface RunModelRow {
  run_id: string;
  model_key: string;
  provider_kind: string;
  provider_id: string | null;
  model: string;
  /** JSON of the effective sampling parameters, as sent. */
  params: string;
}

export interface RunPromptRow {
  prompt_key: string;
  template_id: string;
  content: string;
  content_hash: string;
}

const summarySelect =
  sql`SELECT r.id, r.name, r.status, r.suite_id, s.name AS suite_name, r.dataset_version_id,
    d.name AS dataset_name, r.created_at, r.finished_at,
    (SELECT COUNT(*) FROM cells c WHERE c.run_id = r.id) AS cell_count,
    (SELECT COUNT(*) FROM cells c WHERE c.run_id = r.id AND c.status <> 'pending') AS finished_cell_count
  FROM runs r
  JOIN suites s ON s.id = r.suite_id
  JOIN dataset_versions v ON v.id = r.dataset_version_id
  JOIN datasets d ON d.id = v.dataset_id
  WHERE r.removal_started_at IS NULL`.text;

export class RunsRepo {
  constructor(private readonly db: Db) {}

  list(limit = 1000): RunSummary[] {
    return this.db
      .all<RunSummaryRow>({
        text: `${summarySelect} ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
        params: [limit],
      })
      .map(toSummary);
  }

  summary(runId: string): RunSummary | undefined {
    const row = this.db.get<RunSummaryRow>({
      text: `${summarySelect} AND r.id = ?`,
      params: [runId],
    });
    return row ? toSummary(row) : undefined;
  }

  /** A run being deleted (`removal_started_at` set, runRemoval.ts) is gone for every reader. */
  get(runId: string): RunRow | undefined {
    return this.db.get<RunRow>(
      sql`SELECT * FROM runs WHERE id = ${runId} AND removal_started_at IS NULL`,
    );
  }

  /** Run ids starting with `prefix` (the CLI accepts a unique prefix), newest first. */
  idsStartingWith(prefix: string, limit = 5): string[] {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db
      .all<{
        id: string;
      }>(
        sql`SELECT id FROM runs WHERE id LIKE ${pattern} ESCAPE '\\' AND removal_started_at IS NULL ORDER BY created_at DESC LIMIT ${limit}`,
      )
      .map((r) => r.id);
  }

  /** Runs left in `running` (e.g. by a crash): candidates for resuming. */
  idsWithStatus(status: RunStatus): string[] {
    return this.db
      .all<{ id: string }>(
        sql`SELECT id FROM runs WHERE status = ${status} AND removal_started_at IS NULL ORDER BY created_at`,
      )
      .map((r) => r.id);
  }

  insert(row: {
    id: string;
    name: string;
    suiteId: string;
    datasetVersionId: string;
    manifest: string;
    manifestHash: string;
    createdAt: string;
  }) {
    this.db
      .run(sql`INSERT INTO runs (id, name, suite_id, dataset_version_id, status, manifest, manifest_hash, created_at)
      VALUES (${row.id}, ${row.name}, ${row.suiteId}, ${row.datasetVersionId}, 'planned', ${row.manifest}, ${row.manifestHash}, ${row.createdAt})`);
  }

  markStarted(runId: string, at: string) {
    this.db.run(sql`UPDATE runs SET status = 'running', started_at = COALESCE(started_at, ${at}),
      finished_at = NULL, error = NULL WHERE id = ${runId}`);
  }

  setStatus(runId: string, status: RunStatus, finishedAt: string | null, error: string | null) {
    this.db
      .run(sql`UPDATE runs SET status = ${status}, finished_at = ${finishedAt}, error = ${error}
      WHERE id = ${runId}`);
  }

  insertModel(row: RunModelRow) {
    this.db
      .run(sql`INSERT INTO run_models (run_id, model_key, provider_kind, provider_id, model, params)
      VALUES (${row.run_id}, ${row.model_key}, ${row.provider_kind}, ${row.provider_id}, ${row.model}, ${row.params})`);
  }

  models(runId: string): RunModelRow[] {
    return this.db.all<RunModelRow>(
      sql`SELECT * FROM run_models WHERE run_id = ${runId} ORDER BY rowid`,
    );
  }

  insertPrompt(runId: string, promptKey: string, templateId: string) {
    this.db.run(sql`INSERT INTO run_prompts (run_id, prompt_key, template_id)
      VALUES (${runId}, ${promptKey}, ${templateId})`);
  }

  prompts(runId: string): RunPromptRow[] {
    return this.db
      .all<RunPromptRow>(sql`SELECT p.prompt_key, p.template_id, t.content, t.content_hash
      FROM run_prompts p JOIN prompt_templates t ON t.id = p.template_id
      WHERE p.run_id = ${runId} ORDER BY p.rowid`);
  }
}
