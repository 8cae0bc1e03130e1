import { z } from 'zod';

/** Identifiers are opaque, prefixed strings such as `ds_01J…`. */
export const Id = z.string().min(1).max(80);
/** ISO-8601 timestamps: JSON-only payloads, never `Date`. */
export const IsoTime = z.string();
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const Page = z.strictObject({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(100),
});

export const Empty = z.strictObject({});

/**
 * One kind of row a deletion removes, named by the core for its count ("1 cell", "8 items"):
 * the line schema of a deletion preview whose counts are `counts`.
 */
export function removalCountLine<Shape extends z.ZodRawShape>(counts: z.ZodObject<Shape>) {
  return z.object({ kind: counts.keyof(), label: z.string(), count: z.number().int() });
}
