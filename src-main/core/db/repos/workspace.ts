import type { Db } from '../connection';
import { sql } from '../sql';

export interface WorkspaceCountsRow {
  datasets: number;
  datasetVersions: number;
  items: number;
  suites: number;
  runs: number;
  responses: number;
  labels: number;
  providers: number;
  decidedRuns: number;
}

export class WorkspaceRepo {
  constructor(private readonly db: Db) {}

  counts(): WorkspaceCountsRow {
    const row = this.db.get<WorkspaceCountsRow>(sql`SELECT
      (SELECT COUNT(*) FROM datasets) AS datasets,
      (SELECT COUNT(*) FROM dataset_versions WHERE is_frozen = 1) AS datasetVersions,
      (SELECT COUNT(*) FROM items i JOIN dataset_versions v ON v.id = i.version_id WHERE v.is_frozen = 1) AS items,
      (SELECT COUNT(DISTINCT name) FROM suites) AS suites,
      (SELECT COUNT(*) FROM runs WHERE removal_started_at IS NULL) AS runs,
      (SELECT COUNT(*) FROM responses) AS responses,
      (SELECT COUNT(*) FROM labels) AS labels,
      (SELECT COUNT(*) FROM providers) AS providers,
      (SELECT COUNT(DISTINCT run_id) FROM decisions) AS decidedRuns`);
    if (!row) throw new Error('count query returned no row');
    return row;
  }
}
