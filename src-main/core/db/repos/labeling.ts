/**
 * The SQL of rating sessions: sessions and their tasks, labels (keyed by content and question),
 * the change history undo walks back, rater profiles, the failure-mode taxonomy, and what
 * sessions read of runs (outputs to sample, judge scores). Judge versions: judgeVariants.ts.
 */
import type { Db } from '../connection';
import { bit, sql } from '../sql';

export interface SessionRow {
  id: string;
  name: string;
  kind: 'pointwise' | 'pairwise';
  is_blind: number;
  config: string;
  status: 'open' | 'closed';
  created_at: string;
}

export interface TaskRow {
  id: string;
  session_id: string;
  position: number;
  cell_id: string | null;
  cell_b_id: string | null;
  is_swapped: number;
  content_hash: string;
  required_ratings: number;
  payload: string | null;
}

export interface LabelRow {
  id: string;
  task_id: string | null;
  session_id: string | null;
  rater_id: string;
  content_hash: string;
  scheme_hash: string;
  score: number | null;
  choice: 'a' | 'b' | 'tie' | 'both_bad' | null;
  is_pass: number | null;
  note: string | null;
  tags: string;
  created_at: string;
  updated_at: string;
}

/** A removed label: which id, what it judged, who, and when (the latest removal of that id). */
export interface TombstoneRow {
  label_id: string;
  task_id: string | null;
  session_id: string | null;
  rater_id: string;
  content_hash: string;
  scheme_hash: string;
  removed_at: string;
}

/** A tombstone with its rater's name (for exports). */
export interface NamedTombstoneRow extends TombstoneRow {
  rater: string;
}

/** A label with its rater's name (for statistics and exports). */
export interface NamedLabelRow extends LabelRow {
  rater: string;
}

/** What a task shows, from its cells (or null columns for imported tasks, which carry a payload). */
export interface TaskContentRow extends TaskRow {
  item_key: string | null;
  category: string | null;
  input_format: 'text' | 'messages' | null;
  input: string | null;
  reference: string | null;
  output_a: string | null;
  model_a: string | null;
  run_a: string | null;
  output_b: string | null;
  model_b: string | null;
  run_b: string | null;
}

/** One answered cell of a run, as sampling sees it. */
export interface SourceCellRow {
  cell_id: string;
  run_id: string;
  item_id: number;
  item_key: string;
  category: string | null;
  prompt_key: string;
  model_key: string;
  model: string;
  repeat: number;
  input_format: 'text' | 'messages';
  input: string;
  output: string;
}

export interface HistoryRow {
  id: number;
  task_id: string | null;
  label_id: string;
  previous: string | null;
}

export interface NewLabel {
  id: string;
  taskId: string | null;
  sessionId: string | null;
  raterId: string;
  contentHash: string;
  schemeHash: string;
  score: number | null;
  choice: LabelRow['choice'];
  isPass: boolean | null;
  note: string | null;
  tags: string;
  createdAt: string;
  updatedAt: string;
}

const flag = (value: boolean | null) => (value === null ? null : bit(value));

export class LabelingRepo {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  // Sessions and tasks ---------------------------------------------------------------------

  insertSession(row: SessionRow): void {
    this.db
      .run(sql`INSERT INTO labeling_sessions (id, name, kind, is_blind, config, status, created_at)
      VALUES (${row.id}, ${row.name}, ${row.kind}, ${row.is_blind}, ${row.config}, ${row.status}, ${row.created_at})`);
  }

  session(id: string): SessionRow | undefined {
    return this.db.get<SessionRow>(sql`SELECT * FROM labeling_sessions WHERE id = ${id}`);
  }

  sessions(): SessionRow[] {
    return this.db.all<SessionRow>(
      sql`SELECT * FROM labeling_sessions ORDER BY created_at DESC, id DESC`,
    );
  }

  setStatus(id: string, status: 'open' | 'closed'): void {
    this.db.run(sql`UPDATE labeling_sessions SET status = ${status} WHERE id = ${id}`);
  }

  insertTask(row: TaskRow): void {
    this.db
      .run(sql`INSERT INTO labeling_tasks (id, session_id, position, cell_id, cell_b_id, is_swapped, content_hash, required_ratings, payload)
      VALUES (${row.id}, ${row.session_id}, ${row.position}, ${row.cell_id}, ${row.cell_b_id}, ${row.is_swapped},
        ${row.content_hash}, ${row.required_ratings}, ${row.payload})`);
  }

  tasks(sessionId: string): TaskRow[] {
    return this.db.all<TaskRow>(
      sql`SELECT * FROM labeling_tasks WHERE session_id = ${sessionId} ORDER BY position`,
    );
  }

  task(id: string): TaskRow | undefined {
    return this.db.get<TaskRow>(sql`SELECT * FROM labeling_tasks WHERE id = ${id}`);
  }

  /** Task rows joined with what they show: the item and both outputs (cells), or a payload. */
  taskContents(sessionId: string, taskId: string | null = null): TaskContentRow[] {
    return this.db
      .all<TaskContentRow>(sql`SELECT t.*, i.item_key, i.category, i.input_format, i.input, i.reference,
        ra.output AS output_a, ca.model_key AS model_a, ca.run_id AS run_a,
        rb.output AS output_b, cb.model_key AS model_b, cb.run_id AS run_b
      FROM labeling_tasks t
      LEFT JOIN cells ca ON ca.id = t.cell_id LEFT JOIN items i ON i.id = ca.item_id
      LEFT JOIN responses ra ON ra.cell_id = ca.id
      LEFT JOIN cells cb ON cb.id = t.cell_b_id LEFT JOIN responses rb ON rb.cell_id = cb.id
      WHERE t.session_id = ${sessionId} AND (${taskId} IS NULL OR t.id = ${taskId})
      ORDER BY t.position`);
  }

  // Labels ---------------------------------------------------------------------------------

  /** Every label answering the session's question about the content of its tasks, oldest first. */
  labelsForSession(sessionId: string, schemeHash: string): NamedLabelRow[] {
    return this.db.all<NamedLabelRow>(sql`SELECT l.*, r.name AS rater FROM labels l
      JOIN raters r ON r.id = l.rater_id
      WHERE l.scheme_hash = ${schemeHash}
        AND l.content_hash IN (SELECT content_hash FROM labeling_tasks WHERE session_id = ${sessionId})
      ORDER BY l.updated_at, l.id`);
  }

  /**
   * Per task of the session, what decides its status for one rater: their own label on it,
   * their label on the same content elsewhere, and how many distinct raters labelled the content
   * (all for the session's question), in one pass over an index.
   */
  taskStatusRows(
    sessionId: string,
    schemeHash: string,
    raterId: string,
  ): {
    id: string;
    position: number;
    own: number;
    mine: number;
    raters: number;
    required: number;
  }[] {
    // A label given on a task carries its content and question, so one join finds all three.
    return this.db.all(sql`SELECT t.id, t.position, t.required_ratings AS required,
        COALESCE(MAX(l.task_id = t.id AND l.rater_id = ${raterId}), 0) AS own,
        COALESCE(MAX(l.rater_id = ${raterId}), 0) AS mine,
        COUNT(DISTINCT l.rater_id) AS raters
      FROM labeling_tasks t
      LEFT JOIN labels l ON l.content_hash = t.content_hash AND l.scheme_hash = ${schemeHash}
      WHERE t.session_id = ${sessionId}
      GROUP BY t.id ORDER BY t.position`);
  }

  label(id: string): LabelRow | undefined {
    return this.db.get<LabelRow>(sql`SELECT * FROM labels WHERE id = ${id}`);
  }

  labelOfTask(taskId: string, raterId: string): LabelRow | undefined {
    return this.db.get<LabelRow>(
      sql`SELECT * FROM labels WHERE task_id = ${taskId} AND rater_id = ${raterId}`,
    );
  }

  /** The rater's latest label on this content for this question, from any session. */
  labelOfContent(contentHash: string, schemeHash: string, raterId: string): LabelRow | undefined {
    return this.db.get<LabelRow>(sql`SELECT * FROM labels
      WHERE content_hash = ${contentHash} AND scheme_hash = ${schemeHash} AND rater_id = ${raterId}
      ORDER BY updated_at DESC, id DESC LIMIT 1`);
  }

  insertLabel(l: NewLabel): void {
    this.db
      .run(sql`INSERT INTO labels (id, task_id, session_id, rater_id, content_hash, scheme_hash, score, choice, is_pass, note, tags, created_at, updated_at)
      VALUES (${l.id}, ${l.taskId}, ${l.sessionId}, ${l.raterId}, ${l.contentHash}, ${l.schemeHash}, ${l.score}, ${l.choice},
        ${flag(l.isPass)}, ${l.note}, ${l.tags}, ${l.createdAt}, ${l.updatedAt})`);
  }

  updateLabelValues(
    id: string,
    v: {
      score: number | null;
      choice: LabelRow['choice'];
      isPass: boolean | null;
      note: string | null;
      tags: string;
      updatedAt: string;
    },
  ): void {
    this.db
      .run(sql`UPDATE labels SET score = ${v.score}, choice = ${v.choice}, is_pass = ${flag(v.isPass)},
      note = ${v.note}, tags = ${v.tags}, updated_at = ${v.updatedAt} WHERE id = ${id}`);
  }

  deleteLabel(id: string): void {
    this.db.run(sql`DELETE FROM labels WHERE id = ${id}`);
  }

  // Tombstones (removed labels, so a removal travels in session files) --------------------

  /** Records a removal; a tombstone already there keeps the later of the two times. */
  recordTombstone(t: TombstoneRow): void {
    this.db
      .run(sql`INSERT INTO label_tombstones (label_id, task_id, session_id, rater_id, content_hash, scheme_hash, removed_at)
      VALUES (${t.label_id}, ${t.task_id}, ${t.session_id}, ${t.rater_id}, ${t.content_hash}, ${t.scheme_hash}, ${t.removed_at})
      ON CONFLICT (label_id) DO UPDATE SET removed_at = excluded.removed_at
        WHERE excluded.removed_at > label_tombstones.removed_at`);
  }

  tombstone(labelId: string): TombstoneRow | undefined {
    return this.db.get<TombstoneRow>(
      sql`SELECT * FROM label_tombstones WHERE label_id = ${labelId}`,
    );
  }

  /** The removals matching `labelsForSession` (the session's question, its tasks' content). */
  tombstonesForSession(sessionId: string, schemeHash: string): NamedTombstoneRow[] {
    return this.db.all<NamedTombstoneRow>(sql`SELECT t.*, r.name AS rater FROM label_tombstones t
      JOIN raters r ON r.id = t.rater_id
      WHERE t.scheme_hash = ${schemeHash}
        AND t.content_hash IN (SELECT content_hash FROM labeling_tasks WHERE session_id = ${sessionId})
      ORDER BY t.removed_at, t.label_id`);
  }

  /** When the rater last saved labels in this session, oldest first (for pace). */
  saveTimes(sessionId: string, raterId: string, last = 21): string[] {
    return this.db
      .all<{ created_at: string }>(
        sql`SELECT created_at FROM labels WHERE session_id = ${sessionId} AND rater_id = ${raterId}
          ORDER BY created_at DESC LIMIT ${last}`,
      )
      .map((r) => r.created_at)
      .reverse();
  }

  // History (undo) -------------------------------------------------------------------------

  addHistory(row: {
    sessionId: string;
    taskId: string;
    raterId: string;
    labelId: string;
    previous: string | null;
    createdAt: string;
  }): void {
    this.db
      .run(sql`INSERT INTO label_history (session_id, task_id, rater_id, label_id, previous, created_at)
      VALUES (${row.sessionId}, ${row.taskId}, ${row.raterId}, ${row.labelId}, ${row.previous}, ${row.createdAt})`);
  }

  lastChange(sessionId: string, raterId: string): HistoryRow | undefined {
    return this.db.get<HistoryRow>(sql`SELECT id, task_id, label_id, previous FROM label_history
      WHERE session_id = ${sessionId} AND rater_id = ${raterId} AND is_undone = 0 ORDER BY id DESC LIMIT 1`);
  }

  markUndone(historyId: number): void {
    this.db.run(sql`UPDATE label_history SET is_undone = 1 WHERE id = ${historyId}`);
  }

  // Raters and failure modes ---------------------------------------------------------------

  raters(): { id: string; name: string; created_at: string; labels: number }[] {
    return this.db.all(sql`SELECT r.id, r.name, r.created_at,
        (SELECT COUNT(*) FROM labels l WHERE l.rater_id = r.id) AS labels
      FROM raters r ORDER BY r.name`);
  }

  rater(id: string): { id: string; name: string } | undefined {
    return this.db.get(sql`SELECT id, name FROM raters WHERE id = ${id}`);
  }

  raterByName(name: string): { id: string; name: string } | undefined {
    return this.db.get(sql`SELECT id, name FROM raters WHERE name = ${name}`);
  }

  insertRater(id: string, name: string, createdAt: string): void {
    this.db.run(
      sql`INSERT INTO raters (id, name, created_at) VALUES (${id}, ${name}, ${createdAt})`,
    );
  }

  failureModes(): {
    id: string;
    name: string;
    description: string | null;
    archived_at: string | null;
  }[] {
    return this.db.all(
      sql`SELECT id, name, description, archived_at FROM failure_modes ORDER BY name`,
    );
  }

  failureModeByName(name: string): { id: string } | undefined {
    return this.db.get(sql`SELECT id FROM failure_modes WHERE name = ${name}`);
  }

  insertFailureMode(row: {
    id: string;
    name: string;
    description: string | null;
    createdAt: string;
  }): void {
    this.db.run(sql`INSERT INTO failure_modes (id, name, description, created_at)
      VALUES (${row.id}, ${row.name}, ${row.description}, ${row.createdAt})`);
  }

  /** Tags a cell with failure modes (a mode it already carries keeps its first tagger). */
  addCellFailureModes(
    cellId: string,
    failureModeIds: readonly string[],
    raterId: string,
    at: string,
  ): void {
    for (const id of failureModeIds)
      this.db
        .run(sql`INSERT INTO cell_failure_modes (cell_id, failure_mode_id, rater_id, created_at)
        VALUES (${cellId}, ${id}, ${raterId}, ${at}) ON CONFLICT DO NOTHING`);
  }

  /** Removes the failure modes this rater put on a cell (others' tags stay). */
  removeCellFailureModes(cellId: string, failureModeIds: readonly string[], raterId: string): void {
    for (const id of failureModeIds)
      this.db.run(sql`DELETE FROM cell_failure_modes
        WHERE cell_id = ${cellId} AND failure_mode_id = ${id} AND rater_id = ${raterId}`);
  }

  // What sessions read of runs -------------------------------------------------------------

  runs(
    runIds: readonly string[] | null,
  ): { id: string; name: string; status: string; dataset_version_id: string }[] {
    const all = this.db.all<{
      id: string;
      name: string;
      status: string;
      dataset_version_id: string;
    }>(
      sql`SELECT id, name, status, dataset_version_id FROM runs WHERE removal_started_at IS NULL ORDER BY created_at DESC`,
    );
    return runIds === null ? all : all.filter((r) => runIds.includes(r.id));
  }

  runModels(runId: string): { model_key: string; model: string; outputs: number }[] {
    return this.db.all(sql`SELECT m.model_key, m.model,
        (SELECT COUNT(*) FROM cells c JOIN responses r ON r.cell_id = c.id
          WHERE c.run_id = m.run_id AND c.model_key = m.model_key AND r.output IS NOT NULL) AS outputs
      FROM run_models m WHERE m.run_id = ${runId} ORDER BY m.model_key`);
  }

  runCategories(runId: string): { category: string | null; items: number }[] {
    return this.db.all(sql`SELECT i.category, COUNT(DISTINCT i.id) AS items
      FROM cells c JOIN items i ON i.id = c.item_id WHERE c.run_id = ${runId}
      GROUP BY i.category ORDER BY i.category`);
  }

  judgeScorers(runId: string): { key: string; type: string; scored: number }[] {
    return this.db.all(sql`SELECT s.scorer_key AS key, MIN(s.scorer_id) AS type, COUNT(*) AS scored
      FROM scores s JOIN cells c ON c.id = s.cell_id
      WHERE c.run_id = ${runId} AND s.scorer_id LIKE 'judge-%'
      GROUP BY s.scorer_key ORDER BY s.scorer_key`);
  }

  /** Answered cells (a non-error response) of a run, in run order. */
  answeredCells(runId: string): SourceCellRow[] {
    return this.db
      .all<SourceCellRow>(sql`SELECT c.id AS cell_id, c.run_id, i.id AS item_id, i.item_key, i.category, c.prompt_key,
        c.model_key, m.model, c.repeat, i.input_format, i.input, r.output
      FROM cells c JOIN items i ON i.id = c.item_id JOIN responses r ON r.cell_id = c.id
      JOIN run_models m ON m.run_id = c.run_id AND m.model_key = c.model_key
      WHERE c.run_id = ${runId} AND r.output IS NOT NULL ORDER BY c.ordinal`);
  }

  /** Where a cell's item lives: for promoting an output to the item's reference. */
  cellOrigin(
    cellId: string,
  ):
    | { run_id: string; dataset_version_id: string; item_id: number; output: string | null }
    | undefined {
    return this.db.get(sql`SELECT c.run_id, r.dataset_version_id, c.item_id, o.output
      FROM cells c JOIN runs r ON r.id = c.run_id JOIN items i ON i.id = c.item_id
      LEFT JOIN responses o ON o.cell_id = c.id WHERE c.id = ${cellId}`);
  }
}
