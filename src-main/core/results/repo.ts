/**
 * The SQL of the compare grid and its detail pane, and of failure-mode tags on cells. Reads
 * are shaped for one pass over a run's cells (the grid index) plus small keyed look-ups for
 * one page; lists of ids travel as one JSON parameter (`json_each`), never as text.
 */
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { sql, type SqlQuery } from '../db/sql';

/** A cell as the grid index holds it (raw row: no object keys, integer ids). */
export type IndexCellTuple = [
  rowid: number,
  itemId: number,
  promptKey: string,
  modelKey: string,
  repeat: number,
  status: 'pending' | 'done' | 'error' | 'skipped',
];

export interface IndexItemRow {
  id: number;
  item_key: string;
  position: number;
  category: string | null;
}

/** A score as the index holds it: cell rowid, value, pass (null/0/1), has error, overridden. */
export type IndexScoreTuple = [
  rowid: number,
  value: number | null,
  isPass: number | null,
  hasError: number,
  isOverridden: number,
];

export interface PageCellRow {
  id: string;
  status: 'pending' | 'done' | 'error' | 'skipped';
  excerpt: string | null;
  error_class: string | null;
}

export interface DetailCellRow {
  id: string;
  run_id: string;
  run_name: string;
  item_key: string;
  input_format: 'text' | 'messages';
  input: string;
  reference: string | null;
  category: string | null;
  metadata: string;
  prompt_key: string;
  model_key: string;
  repeat: number;
  status: 'pending' | 'done' | 'error' | 'skipped';
  output: string | null;
  error_class: string | null;
  error_message: string | null;
  latency_ms: number | null;
  ttft_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  is_token_estimate: number | null;
  cost_usd: number | null;
  is_cached: number | null;
}

export interface CellLabelRow {
  id: string;
  cell_id: string;
  role: 'single' | 'a' | 'b';
  rater: string;
  session_name: string | null;
  score: number | null;
  is_pass: number | null;
  choice: string | null;
  note: string | null;
  tags: string;
  updated_at: string;
}

export interface FailureModeCountRow {
  run_id: string;
  column_key: string;
  failure_mode_id: string;
  n: number;
}

export interface FailureModeColumnRow {
  run_id: string;
  column_key: string;
  /** Outputs of the column with at least one failure mode. */
  tagged: number;
}

const ids = (values: readonly string[]) => JSON.stringify(values);

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class ResultsRepo {
  private readonly rawStatements = new Map<string, Database.Statement>();

  constructor(private readonly db: Db) {}

  /**
   * Rows as arrays rather than objects: the grid index reads a whole run (100,000 rows) at
   * once, and skipping per-row objects halves that time. Still a `sql` query with parameters.
   */
  private tuples<T>(query: SqlQuery): T[] {
    let statement = this.rawStatements.get(query.text);
    if (!statement) {
      statement = this.db.raw.prepare(query.text).raw(true);
      this.rawStatements.set(query.text, statement);
    }
    return statement.all(...query.params) as T[];
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  /**
   * A cheap stamp of the connection's data: it changes whenever this connection (the core's
   * single writer) or another process wrote. Cached grid indexes are valid while it holds.
   */
  stamp(): string {
    const row = this.db.get<{ n: number }>(sql`SELECT total_changes() AS n`);
    const version = this.db.raw.pragma('data_version', { simple: true }) as number;
    return `${row?.n ?? 0}:${version}`;
  }

  /** The run's name; undefined for a run that is gone or being deleted (hidden, runRemoval.ts). */
  runName(runId: string): string | undefined {
    return this.db.get<{ name: string }>(
      sql`SELECT name FROM runs WHERE id = ${runId} AND removal_started_at IS NULL`,
    )?.name;
  }

  /**
   * Every cell of a run as raw tuples (rowid, item, prompt, model, repeat, status): the grid
   * index reads 100,000 of these at once, so no per-row objects and integer ids only.
   */
  indexCells(runId: string): IndexCellTuple[] {
    return this.tuples<IndexCellTuple>(sql`SELECT c.rowid, c.item_id, c.prompt_key, c.model_key,
        c.repeat, c.status
      FROM cells c WHERE c.run_id = ${runId}`);
  }

  /** The items a run's cells use. */
  indexItems(runId: string): IndexItemRow[] {
    return this.db
      .all<IndexItemRow>(sql`SELECT i.id, i.item_key, i.position, i.category FROM items i
      WHERE i.version_id = (SELECT dataset_version_id FROM runs
        WHERE id = ${runId} AND removal_started_at IS NULL)`);
  }

  /** The scorer keys scored in a run. */
  scorerKeys(runId: string): string[] {
    // Each key the workspace knows (an index skip-scan), kept if this run has one such score:
    // far cheaper than reading every score of the run.
    return this.db
      .all<{ scorer_key: string }>(
        sql`SELECT k.scorer_key FROM (SELECT DISTINCT scorer_key FROM scores) k
        WHERE EXISTS (SELECT 1 FROM scores s JOIN cells c ON c.id = s.cell_id
          WHERE s.scorer_key = k.scorer_key AND c.run_id = ${runId})
        ORDER BY k.scorer_key`,
      )
      .map((r) => r.scorer_key);
  }

  /** Every score of the cells of one page, the latest human override applied. */
  pageScores(cellIds: readonly string[]): {
    cell_id: string;
    scorer_key: string;
    value: number | null;
    is_pass: number | null;
    error: string | null;
    is_overridden: number;
  }[] {
    return this.db.all(sql`SELECT s.cell_id, s.scorer_key,
        CASE WHEN o.id IS NULL THEN s.value ELSE o.value END AS value,
        CASE WHEN o.id IS NULL THEN s.is_pass ELSE o.is_pass END AS is_pass,
        s.error, (o.id IS NOT NULL) AS is_overridden
      FROM scores s
      LEFT JOIN score_overrides o ON o.id = (SELECT o2.id FROM score_overrides o2
        WHERE o2.score_id = s.id ORDER BY o2.created_at DESC, o2.id DESC LIMIT 1)
      WHERE s.cell_id IN (SELECT value FROM json_each(${ids(cellIds)})) ORDER BY s.scorer_key`);
  }

  /** One scorer's scores in a run, the latest human override applied, as raw tuples. */
  indexScores(runId: string, scorerKey: string): IndexScoreTuple[] {
    return this.tuples<IndexScoreTuple>(sql`SELECT c.rowid,
        CASE WHEN o.id IS NULL THEN s.value ELSE o.value END,
        CASE WHEN o.id IS NULL THEN s.is_pass ELSE o.is_pass END,
        s.error IS NOT NULL, o.id IS NOT NULL
      FROM cells c JOIN scores s ON s.cell_id = c.id AND s.scorer_key = ${scorerKey}
      LEFT JOIN score_overrides o ON o.id = (SELECT o2.id FROM score_overrides o2
        WHERE o2.score_id = s.id ORDER BY o2.created_at DESC, o2.id DESC LIMIT 1)
      WHERE c.run_id = ${runId}`);
  }

  /** Cell ids of cells given by rowid. */
  cellIdsOf(rowids: readonly number[]): { rowid: number; id: string }[] {
    return this.db.all(sql`SELECT rowid, id FROM cells
      WHERE rowid IN (SELECT value FROM json_each(${JSON.stringify(rowids)}))`);
  }

  /** (item key, tag) of the items a run used. */
  itemTags(runId: string): { item_key: string; tag: string }[] {
    return this.db.all(sql`SELECT DISTINCT i.item_key, t.tag FROM item_tags t
      JOIN items i ON i.id = t.item_id
      WHERE t.item_id IN (SELECT item_id FROM cells WHERE run_id = ${runId})`);
  }

  /** Cells of these runs whose item input or output contains the text (case-insensitive). */
  searchCells(runIds: readonly string[], text: string): number[] {
    const pattern = likePattern(text);
    return this.db
      .all<{ id: number }>(
        sql`SELECT c.rowid AS id FROM cells c JOIN items i ON i.id = c.item_id
        LEFT JOIN responses r ON r.cell_id = c.id
        WHERE c.run_id IN (SELECT value FROM json_each(${ids(runIds)}))
          AND (i.input LIKE ${pattern} ESCAPE '\\' OR r.output LIKE ${pattern} ESCAPE '\\')`,
      )
      .map((r) => r.id);
  }

  /**
   * Cells where an automated pass/fail differs from a person's: a pointwise label on the cell
   * or an override of that score. With the scorer type, so the caller keeps judges only.
   */
  disagreements(runIds: readonly string[]): { rowid: number; scorer_id: string }[] {
    return this.db.all(sql`SELECT DISTINCT c.rowid, s.scorer_id FROM scores s
      JOIN cells c ON c.id = s.cell_id
      WHERE c.run_id IN (SELECT value FROM json_each(${ids(runIds)})) AND s.is_pass IS NOT NULL
        AND (EXISTS (SELECT 1 FROM labeling_tasks t JOIN labels l ON l.task_id = t.id
               WHERE t.cell_id = s.cell_id AND t.cell_b_id IS NULL AND l.is_pass IS NOT NULL
                 AND l.is_pass != s.is_pass)
          OR EXISTS (SELECT 1 FROM score_overrides o WHERE o.score_id = s.id
               AND o.is_pass IS NOT NULL AND o.is_pass != s.is_pass))`);
  }

  /** Cells of these runs tagged with a failure mode. */
  cellsWithFailureMode(runIds: readonly string[], failureModeId: string): number[] {
    return this.db
      .all<{ rowid: number }>(
        sql`SELECT c.rowid FROM cell_failure_modes f
        JOIN cells c ON c.id = f.cell_id
        WHERE f.failure_mode_id = ${failureModeId}
          AND c.run_id IN (SELECT value FROM json_each(${ids(runIds)}))`,
      )
      .map((r) => r.rowid);
  }

  /** Status, output excerpt and error class of the cells of one page. */
  pageCells(cellIds: readonly string[], excerptChars: number): PageCellRow[] {
    return this.db
      .all<PageCellRow>(sql`SELECT c.id, c.status, substr(r.output, 1, ${excerptChars}) AS excerpt,
        r.error_class
      FROM cells c LEFT JOIN responses r ON r.cell_id = c.id
      WHERE c.id IN (SELECT value FROM json_each(${ids(cellIds)}))`);
  }

  /** The first characters of the inputs of the items of these cells, by cell. */
  pageInputs(cellIds: readonly string[], excerptChars: number): { id: string; input: string }[] {
    return this.db.all(sql`SELECT c.id, substr(i.input, 1, ${excerptChars}) AS input
      FROM cells c JOIN items i ON i.id = c.item_id
      WHERE c.id IN (SELECT value FROM json_each(${ids(cellIds)}))`);
  }

  failureModesOfCells(cellIds: readonly string[]): { cell_id: string; failure_mode_id: string }[] {
    return this.db.all(sql`SELECT f.cell_id, f.failure_mode_id FROM cell_failure_modes f
      JOIN failure_modes m ON m.id = f.failure_mode_id
      WHERE f.cell_id IN (SELECT value FROM json_each(${ids(cellIds)})) ORDER BY m.name`);
  }

  detailCells(cellIds: readonly string[]): DetailCellRow[] {
    return this.db.all<DetailCellRow>(sql`SELECT c.id, c.run_id, u.name AS run_name, i.item_key,
        i.input_format, i.input, i.reference, i.category, i.metadata, c.prompt_key, c.model_key,
        c.repeat, c.status, r.output, r.error_class, r.error_message, r.latency_ms, r.ttft_ms,
        r.input_tokens, r.output_tokens, r.is_token_estimate, r.cost_usd, r.is_cached
      FROM cells c JOIN items i ON i.id = c.item_id JOIN runs u ON u.id = c.run_id
      LEFT JOIN responses r ON r.cell_id = c.id
      WHERE c.id IN (SELECT value FROM json_each(${ids(cellIds)}))
        AND u.removal_started_at IS NULL`);
  }

  itemTagsOf(cellId: string): string[] {
    return this.db
      .all<{ tag: string }>(
        sql`SELECT t.tag FROM item_tags t
        WHERE t.item_id = (SELECT item_id FROM cells WHERE id = ${cellId}) ORDER BY t.tag`,
      )
      .map((r) => r.tag);
  }

  /** Labels people gave these cells in rating sessions (pointwise, or either side of a pair). */
  labelsOfCells(cellIds: readonly string[]): CellLabelRow[] {
    return this.db.all<CellLabelRow>(sql`SELECT l.id,
        CASE WHEN t.cell_b_id IS NULL THEN t.cell_id
             WHEN t.cell_id IN (SELECT value FROM json_each(${ids(cellIds)})) THEN t.cell_id
             ELSE t.cell_b_id END AS cell_id,
        CASE WHEN t.cell_b_id IS NULL THEN 'single'
             WHEN t.cell_id IN (SELECT value FROM json_each(${ids(cellIds)})) THEN 'a'
             ELSE 'b' END AS role,
        p.name AS rater, s.name AS session_name, l.score, l.is_pass, l.choice, l.note, l.tags,
        l.updated_at
      FROM labeling_tasks t JOIN labels l ON l.task_id = t.id JOIN raters p ON p.id = l.rater_id
      LEFT JOIN labeling_sessions s ON s.id = t.session_id
      WHERE t.cell_id IN (SELECT value FROM json_each(${ids(cellIds)}))
         OR t.cell_b_id IN (SELECT value FROM json_each(${ids(cellIds)}))
      ORDER BY l.updated_at`);
  }

  // Failure modes on cells -----------------------------------------------------------------

  /** The cell is there and its run is not being deleted. */
  cellExists(cellId: string): boolean {
    return (
      this.db.get(sql`SELECT 1 AS x FROM cells c JOIN runs r ON r.id = c.run_id
        WHERE c.id = ${cellId} AND r.removal_started_at IS NULL`) !== undefined
    );
  }

  /** Replaces the failure modes of a cell. */
  setCellFailureModes(
    cellId: string,
    failureModeIds: readonly string[],
    raterId: string | null,
    at: string,
  ): void {
    this.db.transaction(() => {
      this.db.run(sql`DELETE FROM cell_failure_modes WHERE cell_id = ${cellId}
        AND failure_mode_id NOT IN (SELECT value FROM json_each(${ids(failureModeIds)}))`);
      for (const id of failureModeIds)
        this.db
          .run(sql`INSERT INTO cell_failure_modes (cell_id, failure_mode_id, rater_id, created_at)
          VALUES (${cellId}, ${id}, ${raterId}, ${at}) ON CONFLICT DO NOTHING`);
    });
  }

  /**
   * Every column (model or prompt key) of each run, tagged or not, with how many of its outputs
   * carry at least one failure mode.
   */
  failureModeColumns(
    runIds: readonly string[],
    columnsBy: 'model' | 'prompt',
  ): FailureModeColumnRow[] {
    // Tags are few (people add them) and cells many: both joins start from the tags (CROSS JOIN
    // keeps SQLite from scanning the run's cells first: 100,000 cells, 50 tags, 16 → 0.2 ms).
    return this.db.all<FailureModeColumnRow>(sql`WITH
      keys AS (SELECT DISTINCT run_id,
          CASE WHEN ${columnsBy} = 'prompt' THEN prompt_key ELSE model_key END AS column_key
        FROM cells WHERE run_id IN (SELECT value FROM json_each(${ids(runIds)}))),
      tagged AS (SELECT c.run_id,
          CASE WHEN ${columnsBy} = 'prompt' THEN c.prompt_key ELSE c.model_key END AS column_key,
          COUNT(DISTINCT f.cell_id) AS n
        FROM cell_failure_modes f CROSS JOIN cells c ON c.id = f.cell_id
        WHERE c.run_id IN (SELECT value FROM json_each(${ids(runIds)}))
        GROUP BY c.run_id, column_key)
      SELECT k.run_id, k.column_key, COALESCE(t.n, 0) AS tagged
      FROM keys k LEFT JOIN tagged t ON t.run_id = k.run_id AND t.column_key = k.column_key`);
  }

  /** Tagged outputs per run, column (model or prompt) and failure mode. */
  failureModeCounts(
    runIds: readonly string[],
    columnsBy: 'model' | 'prompt',
  ): FailureModeCountRow[] {
    return this.db.all<FailureModeCountRow>(sql`SELECT c.run_id,
        CASE WHEN ${columnsBy} = 'prompt' THEN c.prompt_key ELSE c.model_key END AS column_key,
        f.failure_mode_id, COUNT(*) AS n
      FROM cell_failure_modes f CROSS JOIN cells c ON c.id = f.cell_id
      WHERE c.run_id IN (SELECT value FROM json_each(${ids(runIds)}))
      GROUP BY c.run_id, column_key, f.failure_mode_id`);
  }

  /** How many outputs carry each failure mode, over the whole workspace. */
  failureModeUsage(): { failure_mode_id: string; n: number }[] {
    return this.db.all(sql`SELECT failure_mode_id, COUNT(*) AS n FROM cell_failure_modes
      GROUP BY failure_mode_id`);
  }

  updateFailureModeDescription(id: string, description: string): void {
    this.db.run(sql`UPDATE failure_modes SET description = ${description}
      WHERE id = ${id} AND description IS NULL`);
  }
}
