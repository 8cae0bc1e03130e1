import type { Db } from '../connection';
import { sql } from '../sql';

export type CellStatus = 'pending' | 'done' | 'error' | 'skipped';

export interface NewCellRow {
  id: string;
  runId: string;
  itemId: number;
  promptKey: string;
  modelKey: string;
  repeat: number;
  seed: number | null;
  ordinal: number;
  updatedAt: string;
}

/** A pending cell with the item fields its prompt needs. */
export interface PendingCellRow {
  id: string;
  ordinal: number;
  prompt_key: string;
  model_key: string;
  repeat: number;
  seed: number | null;
  item_key: string;
  input_format: 'text' | 'messages';
  input: string;
  reference: string | null;
  category: string | null;
  metadata: string;
}

export interface CellCountRow {
  model_key: string;
  status: CellStatus;
  is_cached: number | null;
  n: number;
}

/** Cells (item × prompt × model × repeat): written all at once when a run is planned. */
export class CellsRepo {
  constructor(private readonly db: Db) {}

  insert(row: NewCellRow) {
    this.db
      .run(sql`INSERT INTO cells (id, run_id, item_id, prompt_key, model_key, repeat, seed, ordinal, status, attempts, updated_at)
      VALUES (${row.id}, ${row.runId}, ${row.itemId}, ${row.promptKey}, ${row.modelKey}, ${row.repeat}, ${row.seed},
        ${row.ordinal}, 'pending', 0, ${row.updatedAt})`);
  }

  /** The next pending cells of one model after `afterOrdinal`, in run order. */
  pending(runId: string, modelKey: string, afterOrdinal: number, limit: number): PendingCellRow[] {
    return this.db
      .all<PendingCellRow>(sql`SELECT c.id, c.ordinal, c.prompt_key, c.model_key, c.repeat, c.seed,
        i.item_key, i.input_format, i.input, i.reference, i.category, i.metadata
      FROM cells c JOIN items i ON i.id = c.item_id
      WHERE c.run_id = ${runId} AND c.status = 'pending' AND c.model_key = ${modelKey} AND c.ordinal > ${afterOrdinal}
      ORDER BY c.ordinal LIMIT ${limit}`);
  }

  /** Cell counts per model, status and cached flag. */
  counts(runId: string): CellCountRow[] {
    return this.db.all<CellCountRow>(sql`SELECT c.model_key, c.status, r.is_cached, COUNT(*) AS n
      FROM cells c LEFT JOIN responses r ON r.cell_id = c.id
      WHERE c.run_id = ${runId} GROUP BY c.model_key, c.status, r.is_cached`);
  }

  countPending(runId: string): number {
    return (
      this.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM cells WHERE run_id = ${runId} AND status = 'pending'`,
      )?.n ?? 0
    );
  }

  /** Marks errored cells pending again and drops their error responses (resume --retry-errors). */
  resetErrors(runId: string, at: string): number {
    this.db.run(sql`DELETE FROM responses WHERE cell_id IN
      (SELECT id FROM cells WHERE run_id = ${runId} AND status = 'error')`);
    return this.db.run(sql`UPDATE cells SET status = 'pending', updated_at = ${at}
      WHERE run_id = ${runId} AND status = 'error'`).changes;
  }
}
