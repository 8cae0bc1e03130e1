import { createHash } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../util/hash';

/** The fields of an item that its content hash covers (see docs/dataset-hash.md). */
export interface HashedItem {
  key: string;
  inputFormat: 'text' | 'messages';
  input: string;
  reference: string | null;
  category: string | null;
  groupId: string | null;
  tags: readonly string[];
  metadata: Record<string, unknown>;
}

/** Tags are a set: sorted and de-duplicated before hashing and storing. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort();
}

/** sha256 of the RFC 8785 canonical JSON of the item's hashed fields. */
export function itemContentHash(item: HashedItem): string {
  return sha256Hex(
    canonicalJson({
      key: item.key,
      inputFormat: item.inputFormat,
      input: item.input,
      reference: item.reference,
      category: item.category,
      groupId: item.groupId,
      tags: normaliseTags(item.tags),
      metadata: item.metadata,
    }),
  );
}

/**
 * A version's hash: sha256 over each item hash followed by "\n", items ordered by key
 * compared as UTF-8 bytes. Streaming, and independent of import order.
 */
export function versionContentHash(itemHashesInKeyOrder: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const itemHash of itemHashesInKeyOrder) hash.update(`${itemHash}\n`);
  return hash.digest('hex');
}

/** The same version hash from chunks of "<item hash>\n" lines already in key order. */
export function versionContentHashOfChunks(chunks: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

/** `versionContentHashOfChunks` for chunks that arrive over time (a freeze in chunks). */
export async function versionContentHashOfAsyncChunks(
  chunks: AsyncIterable<string>,
): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}
