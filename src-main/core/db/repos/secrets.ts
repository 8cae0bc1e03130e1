import type { Db } from '../connection';
import { sql } from '../sql';

/** Ciphertext of secrets sealed by the OS keychain. The plain value never reaches SQL. */
export class SecretsRepo {
  constructor(private readonly db: Db) {}

  get(name: string): { ciphertext: Buffer; last4: string | null } | undefined {
    return this.db.get<{ ciphertext: Buffer; last4: string | null }>(
      sql`SELECT ciphertext, last4 FROM secrets WHERE name = ${name}`,
    );
  }

  names(): string[] {
    return this.db
      .all<{ name: string }>(sql`SELECT name FROM secrets ORDER BY name`)
      .map((r) => r.name);
  }

  put(name: string, ciphertext: Buffer, last4: string, updatedAt: string) {
    this.db.run(sql`INSERT INTO secrets (name, ciphertext, last4, updated_at)
      VALUES (${name}, ${ciphertext}, ${last4}, ${updatedAt})
      ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, last4 = excluded.last4, updated_at = excluded.updated_at`);
  }

  delete(name: string) {
    this.db.run(sql`DELETE FROM secrets WHERE name = ${name}`);
  }
}
