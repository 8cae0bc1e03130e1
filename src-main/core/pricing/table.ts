/**
 * The dated pricing table: US dollars per million tokens by (provider kind, model), each row
 * valid from its `effectiveFrom` date until a newer row for the same model takes over.
 */
export interface PriceRow {
  id: number;
  providerKind: string;
  model: string;
  inputUsdPerMTok: number;
  outputUsdPerMTok: number;
  cachedInputUsdPerMTok: number | null;
  /** `YYYY-MM-DD`. */
  effectiveFrom: string;
  source: string | null;
}

/** Model names that are the same model as a listed one: dated or numbered snapshots. */
const snapshotSuffix = /^-(\d{4}-\d{2}-\d{2}|\d{8}|\d{3,4}|latest)$/;

/** `models/gemini-2.5-flash` → `gemini-2.5-flash`. */
function bareModel(model: string): string {
  return model.startsWith('models/') ? model.slice(7) : model;
}

export class PricingTable {
  private readonly byKind = new Map<string, PriceRow[]>();

  constructor(rows: readonly PriceRow[]) {
    for (const row of rows) {
      const list = this.byKind.get(row.providerKind) ?? [];
      list.push(row);
      this.byKind.set(row.providerKind, list);
    }
    // Newest first, so the first row on or before a date is the one in force.
    for (const list of this.byKind.values())
      list.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  }

  /**
   * The row in force for `model` at `at`: an exact model name first, then the listed model of
   * which `model` is a dated snapshot (`claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`),
   * then the kind's `*` row.
   */
  find(providerKind: string, model: string, at: Date | string = new Date()): PriceRow | null {
    const rows = this.byKind.get(providerKind);
    if (!rows) return null;
    const day = (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
    const name = bareModel(model);
    const inForce = (m: string) =>
      rows.find((r) => r.model === m && r.effectiveFrom <= day) ?? null;
    const exact = inForce(name);
    if (exact) return exact;
    const base = rows
      .map((r) => r.model)
      .filter((m) => m !== '*' && name.startsWith(m) && snapshotSuffix.test(name.slice(m.length)))
      .sort((a, b) => b.length - a.length)[0];
    return (base ? inForce(base) : null) ?? inForce('*');
  }

  /**
   * Cost in US dollars of one response, or null when no price is known. A missing count is
   * treated as zero only when the other is known.
   */
  costUsd(
    providerKind: string,
    model: string,
    inputTokens: number | null,
    outputTokens: number | null,
    at: Date | string = new Date(),
  ): number | null {
    if (inputTokens === null && outputTokens === null) return null;
    const row = this.find(providerKind, model, at);
    if (!row) return null;
    return (
      ((inputTokens ?? 0) * row.inputUsdPerMTok + (outputTokens ?? 0) * row.outputUsdPerMTok) /
      1_000_000
    );
  }
}
