import type { Db } from '../db/connection';
import { sql } from '../db/sql';
import type { PriceRow } from './table';

interface PricingRowDb {
  id: number;
  provider_kind: string;
  model: string;
  input_usd_per_mtok: number;
  output_usd_per_mtok: number;
  cached_input_usd_per_mtok: number | null;
  effective_from: string;
  source: string | null;
}

function toRow(row: PricingRowDb): PriceRow {
  return {
    id: row.id,
    providerKind: row.provider_kind,
    model: row.model,
    inputUsdPerMTok: row.input_usd_per_mtok,
    outputUsdPerMTok: row.output_usd_per_mtok,
    cachedInputUsdPerMTok: row.cached_input_usd_per_mtok,
    effectiveFrom: row.effective_from,
    source: row.source,
  };
}

export type NewPriceRow = Omit<PriceRow, 'id'>;

/** The workspace's `pricing` table (migration 0001). */
export class PricingRepo {
  constructor(private readonly db: Db) {}

  list(): PriceRow[] {
    return this.db
      .all<PricingRowDb>(
        sql`SELECT * FROM pricing ORDER BY provider_kind, model, effective_from DESC`,
      )
      .map(toRow);
  }

  get(id: number): PriceRow | undefined {
    const row = this.db.get<PricingRowDb>(sql`SELECT * FROM pricing WHERE id = ${id}`);
    return row ? toRow(row) : undefined;
  }

  /** Sets the price of (kind, model) from a date, replacing a row with the same date. */
  upsert(row: NewPriceRow): PriceRow {
    this.db
      .run(sql`INSERT INTO pricing (provider_kind, model, input_usd_per_mtok, output_usd_per_mtok,
        cached_input_usd_per_mtok, effective_from, source)
      VALUES (${row.providerKind}, ${row.model}, ${row.inputUsdPerMTok}, ${row.outputUsdPerMTok},
        ${row.cachedInputUsdPerMTok}, ${row.effectiveFrom}, ${row.source})
      ON CONFLICT (provider_kind, model, effective_from) DO UPDATE SET
        input_usd_per_mtok = excluded.input_usd_per_mtok,
        output_usd_per_mtok = excluded.output_usd_per_mtok,
        cached_input_usd_per_mtok = excluded.cached_input_usd_per_mtok,
        source = excluded.source`);
    const stored = this.db.get<PricingRowDb>(
      sql`SELECT * FROM pricing WHERE provider_kind = ${row.providerKind} AND model = ${row.model}
        AND effective_from = ${row.effectiveFrom}`,
    );
    if (!stored) throw new Error('pricing row vanished after writing it');
    return toRow(stored);
  }

  /** Adds rows that are not there yet; rows the user edited (same kind, model, date) are kept. */
  insertMissing(rows: readonly NewPriceRow[]): number {
    let added = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        added += this.db
          .run(sql`INSERT OR IGNORE INTO pricing (provider_kind, model, input_usd_per_mtok,
            output_usd_per_mtok, cached_input_usd_per_mtok, effective_from, source)
          VALUES (${row.providerKind}, ${row.model}, ${row.inputUsdPerMTok}, ${row.outputUsdPerMTok},
            ${row.cachedInputUsdPerMTok}, ${row.effectiveFrom}, ${row.source})`).changes;
      }
    });
    return added;
  }

  remove(id: number): boolean {
    return this.db.run(sql`DELETE FROM pricing WHERE id = ${id}`).changes > 0;
  }
}
