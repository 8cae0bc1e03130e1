import type { Db } from '../connection';
import { sql } from '../sql';

/** Prompt templates, content-addressed: the same template text is stored once. */
export class PromptTemplatesRepo {
  constructor(private readonly db: Db) {}

  /** The id of the template with this hash, inserting it if new. */
  ensure(row: {
    id: string;
    name: string;
    content: string;
    contentHash: string;
    createdAt: string;
  }) {
    const existing = this.db.get<{ id: string }>(
      sql`SELECT id FROM prompt_templates WHERE content_hash = ${row.contentHash}`,
    );
    if (existing) return existing.id;
    this.db.run(sql`INSERT INTO prompt_templates (id, name, content, content_hash, created_at)
      VALUES (${row.id}, ${row.name}, ${row.content}, ${row.contentHash}, ${row.createdAt})`);
    return row.id;
  }
}
