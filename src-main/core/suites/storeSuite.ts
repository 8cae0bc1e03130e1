import { parse } from 'yaml';
import type { CoreContext } from '../context';
import { sha256Hex } from '../util/hash';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';

/**
 * Stores a suite's YAML text, content-addressed: the same text is stored once, so a run's
 * manifest can point at exactly the text it ran.
 */
export function storeSuiteText(
  ctx: Pick<CoreContext, 'repos'>,
  yamlText: string,
  sourcePath: string | null,
): { id: string; name: string; contentHash: string; isNew: boolean } {
  const contentHash = sha256Hex(yamlText);
  const existing = ctx.repos.suites.findByHash(contentHash);
  if (existing) return { id: existing.id, name: existing.name, contentHash, isNew: false };
  const doc = parse(yamlText) as { name?: unknown } | null;
  const name = typeof doc?.name === 'string' && doc.name ? doc.name : 'unnamed suite';
  const id = newId('suite');
  ctx.repos.suites.insert({
    id,
    name,
    yaml: yamlText,
    contentHash,
    sourcePath,
    createdAt: nowIso(),
  });
  return { id, name, contentHash, isNew: true };
}
