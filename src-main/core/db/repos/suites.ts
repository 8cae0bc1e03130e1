import type { SuiteSummary } from '@contract/index';
import type { Db } from '../connection';
import { sql } from '../sql';

interface SuiteRow {
  id: string;
  name: string;
  yaml: string;
  content_hash: string;
  source_path: string | null;
  created_at: string;
}

function toSummary(row: SuiteRow): SuiteSummary {
  return {
    id: row.id,
    name: row.name,
    contentHash: row.content_hash,
    sourcePath: row.source_path,
    createdAt: row.created_at,
  };
}

export class SuitesRepo {
  constructor(private readonly db: Db) {}

  /** The newest text of each suite name. */
  listLatest(): SuiteSummary[] {
    return this.db
      .all<SuiteRow>(
        sql`SELECT s.* FROM suites s
          WHERE s.created_at = (SELECT MAX(created_at) FROM suites t WHERE t.name = s.name)
          ORDER BY s.name`,
      )
      .map(toSummary);
  }

  get(id: string): (SuiteSummary & { yaml: string }) | undefined {
    const row = this.db.get<SuiteRow>(sql`SELECT * FROM suites WHERE id = ${id}`);
    return row ? { ...toSummary(row), yaml: row.yaml } : undefined;
  }

  /** The content hash of the newest text saved under the name of `suiteId`'s suite. */
  newestHashOfNameOf(suiteId: string): string | undefined {
    return this.db.get<{ content_hash: string }>(
      sql`SELECT content_hash FROM suites
        WHERE name = (SELECT name FROM suites WHERE id = ${suiteId})
        ORDER BY created_at DESC LIMIT 1`,
    )?.content_hash;
  }

  findByHash(contentHash: string): SuiteSummary | undefined {
    const row = this.db.get<SuiteRow>(
      sql`SELECT * FROM suites WHERE content_hash = ${contentHash}`,
    );
    return row ? toSummary(row) : undefined;
  }

  insert(row: {
    id: string;
    name: string;
    yaml: string;
    contentHash: string;
    sourcePath: string | null;
    createdAt: string;
  }) {
    this.db.run(sql`INSERT INTO suites (id, name, yaml, content_hash, source_path, created_at)
      VALUES (${row.id}, ${row.name}, ${row.yaml}, ${row.contentHash}, ${row.sourcePath}, ${row.createdAt})`);
  }
}
