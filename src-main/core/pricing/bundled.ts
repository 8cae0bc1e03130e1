/**
 * The bundled default prices (`resources/pricing.json`) and their loading into a workspace.
 * They are loaded when the bundled file changes (a new app version), never on every start: a
 * row the user deleted stays deleted until the bundled prices themselves change, and a row the
 * user edited (same provider, model and date) is never overwritten.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { sha256Hex } from '../util/hash';
import { perCore } from '../util/perCore';
import { nowIso } from '../util/time';
import { PricingRepo, type NewPriceRow } from './repo';
import { PricingTable } from './table';

const usd = z.number().min(0);

const BundledPricing = z.object({
  rows: z.array(
    z.strictObject({
      provider_kind: z.string().min(1),
      model: z.string().min(1),
      input_usd_per_mtok: usd,
      output_usd_per_mtok: usd,
      cached_input_usd_per_mtok: usd.nullable(),
      effective_from: z.iso.date(),
      source: z.string().min(1),
    }),
  ),
});

export function bundledPricingFile(resourcesDir: string): string {
  return join(resourcesDir, 'pricing.json');
}

/** Reads and validates the bundled prices; a bad file names the row and field. */
export function readBundledPricing(file: string): { rows: NewPriceRow[]; hash: string } {
  const text = readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${String(error)}`);
  }
  const parsed = BundledPricing.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return {
    hash: sha256Hex(text),
    rows: parsed.data.rows.map((r) => ({
      providerKind: r.provider_kind,
      model: r.model,
      inputUsdPerMTok: r.input_usd_per_mtok,
      outputUsdPerMTok: r.output_usd_per_mtok,
      cachedInputUsdPerMTok: r.cached_input_usd_per_mtok,
      effectiveFrom: r.effective_from,
      source: r.source,
    })),
  };
}

const bundledHashSetting = 'pricing.bundledHash';

interface PricingService {
  repo: PricingRepo;
  table: PricingTable | null;
}

const serviceOf = perCore((ctx): PricingService => {
  const service: PricingService = { repo: new PricingRepo(ctx.db), table: null };
  syncBundledPricing(ctx, service.repo);
  return service;
});

/** Loads the bundled prices into the workspace if they changed since the last load. */
export function syncBundledPricing(ctx: CoreContext, repo: PricingRepo = new PricingRepo(ctx.db)) {
  const { rows, hash } = readBundledPricing(bundledPricingFile(ctx.resourcesDir));
  if (ctx.repos.settings.get<string>(bundledHashSetting) === hash) return 0;
  const added = repo.insertMissing(rows);
  ctx.repos.settings.set(bundledHashSetting, hash, nowIso());
  return added;
}

/** The workspace's pricing rows (bundled defaults loaded on first use). */
export function pricingRepo(ctx: CoreContext): PricingRepo {
  return serviceOf(ctx).repo;
}

/** The pricing table in force, cached until `invalidatePricing` (called after every edit). */
export function pricingTable(ctx: CoreContext): PricingTable {
  const service = serviceOf(ctx);
  service.table ??= new PricingTable(service.repo.list());
  return service.table;
}

/** Call after editing prices so the next `pricingTable` sees the change. */
export function invalidatePricing(ctx: CoreContext): void {
  // Every caller has just edited through `pricingRepo`, so this never loads the bundled rows.
  serviceOf(ctx).table = null;
}
