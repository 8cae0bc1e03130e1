import { itemContentHash, normaliseTags, type HashedItem } from './contentHash';
import { scanItem, type PiiFinding } from './privacy/scan';

export interface NewItem extends Omit<HashedItem, 'inputFormat' | 'tags' | 'metadata'> {
  inputFormat?: 'text' | 'messages';
  tags?: readonly string[];
  metadata?: Record<string, unknown>;
  /** Set by callers that know; otherwise the item is scanned for personal data as it is written. */
  hasPersonalData?: boolean;
}

/**
 * An item ready to insert: normalised, hashed and scanned for personal data. Preparing is
 * the costly part of writing, so imports do it off the main thread (import/importWorker.ts).
 */
export interface PreparedRow {
  key: string;
  inputFormat: 'text' | 'messages';
  input: string;
  reference: string | null;
  category: string | null;
  groupId: string | null;
  tags: string[];
  metadataJson: string;
  contentHash: string;
  hasPersonalData: boolean;
  findings: PiiFinding[];
}

function hashedOf(
  row: Omit<PreparedRow, 'contentHash' | 'hasPersonalData' | 'findings'>,
  metadata: Record<string, unknown>,
): HashedItem {
  return {
    key: row.key,
    inputFormat: row.inputFormat,
    input: row.input,
    reference: row.reference,
    category: row.category,
    groupId: row.groupId,
    tags: row.tags,
    metadata,
  };
}

/** Normalises, hashes and (unless the caller says) scans one item. */
export function prepareRow(item: NewItem): PreparedRow {
  const metadata = item.metadata ?? {};
  const base = {
    key: item.key,
    inputFormat: item.inputFormat ?? 'text',
    input: item.input,
    reference: item.reference,
    category: item.category,
    groupId: item.groupId,
    tags: normaliseTags(item.tags ?? []),
    metadataJson: JSON.stringify(metadata),
  };
  const hashed = hashedOf(base, metadata);
  const findings = item.hasPersonalData === undefined ? scanItem(hashed) : [];
  return {
    ...base,
    contentHash: itemContentHash(hashed),
    hasPersonalData: item.hasPersonalData ?? findings.length > 0,
    findings,
  };
}

/** The same row under another key (its hash covers the key, so it is recomputed). */
export function rekeyRow(row: PreparedRow, key: string): PreparedRow {
  const renamed = { ...row, key };
  return {
    ...renamed,
    contentHash: itemContentHash(
      hashedOf(renamed, JSON.parse(row.metadataJson) as Record<string, unknown>),
    ),
  };
}
