import type { Db } from '../connection';
import { bit, sql } from '../sql';

/** A provider instance the user configured. Its key is referenced by secret name only. */
export interface ProviderRecord {
  id: string;
  kind: string;
  label: string;
  baseUrl: string | null;
  /** The config as the user gave it (defaults are applied when an adapter is created). */
  config: Record<string, unknown>;
  secretName: string | null;
  isLocal: boolean;
  createdAt: string;
  updatedAt: string;
}

interface ProviderRow {
  id: string;
  kind: string;
  label: string;
  base_url: string | null;
  config: string;
  secret_name: string | null;
  is_local: number;
  created_at: string;
  updated_at: string;
}

function toRecord(row: ProviderRow): ProviderRecord {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    baseUrl: row.base_url,
    config: JSON.parse(row.config) as Record<string, unknown>,
    secretName: row.secret_name,
    isLocal: row.is_local === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The `providers` table (migration 0001). */
export class ProvidersRepo {
  constructor(private readonly db: Db) {}

  list(): ProviderRecord[] {
    return this.db.all<ProviderRow>(sql`SELECT * FROM providers ORDER BY label`).map(toRecord);
  }

  get(id: string): ProviderRecord | undefined {
    const row = this.db.get<ProviderRow>(sql`SELECT * FROM providers WHERE id = ${id}`);
    return row ? toRecord(row) : undefined;
  }

  getByLabel(label: string): ProviderRecord | undefined {
    const row = this.db.get<ProviderRow>(sql`SELECT * FROM providers WHERE label = ${label}`);
    return row ? toRecord(row) : undefined;
  }

  insert(record: ProviderRecord): void {
    this.db.run(sql`INSERT INTO providers (id, kind, label, base_url, config, secret_name, is_local,
        created_at, updated_at)
      VALUES (${record.id}, ${record.kind}, ${record.label}, ${record.baseUrl},
        ${JSON.stringify(record.config)}, ${record.secretName}, ${bit(record.isLocal)},
        ${record.createdAt}, ${record.updatedAt})`);
  }

  update(record: ProviderRecord): void {
    this.db.run(sql`UPDATE providers SET label = ${record.label}, base_url = ${record.baseUrl},
        config = ${JSON.stringify(record.config)}, secret_name = ${record.secretName},
        is_local = ${bit(record.isLocal)}, updated_at = ${record.updatedAt}
      WHERE id = ${record.id}`);
  }

  /** False when there was no such provider. */
  remove(id: string): boolean {
    return this.db.run(sql`DELETE FROM providers WHERE id = ${id}`).changes > 0;
  }

  isReferenced(id: string): boolean {
    return (
      this.db.get<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM run_models WHERE provider_id = ${id}`,
      )?.n !== 0
    );
  }
}
