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

export class RunsRepo {
  constructor(private readonly db: Db) {}

  list(limit = 1000): RunSummary[] {
    return this.db
      .all<RunSummaryRow>(
        sql`SELECT r.id, r.name, r.status, r.suite_id, s.name AS suite_name, r.dataset_version_id,
            d.name AS dataset_name, r.created_at, r.finished_at,
            (SELECT COUNT(*) FROM cells c WHERE c.run_id = r.id) AS cell_count,
            (SELECT COUNT(*) FROM cells c WHERE c.run_id = r.id AND c.status <> 'pending') AS finished_cell_count
          FROM runs r
          JOIN suites s ON s.id = r.suite_id
          JOIN dataset_versions v ON v.id = r.dataset_version_id
          JOIN datasets d ON d.id = v.dataset_id
          ORDER BY r.created_at DESC LIMIT ${limit}`,
      )
      .map(toSummary);
  }
}
