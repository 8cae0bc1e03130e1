/**
 * Which suites a dataset deletion affects. A suite names its dataset in its text (no key), so
 * the deletion is not refused for it; the preview lists what happens to each instead. Texts
 * are read leniently (only `dataset.name` / `dataset.version`): a draft with mistakes
 * elsewhere still counts.
 */
import type { SuiteLosingDataset } from '@contract/routes/datasets';
import { parse } from 'yaml';
import type { DatasetRemovalRepo, VersionRow } from './repo';

interface DatasetReference {
  name: string;
  /** "latest", a version number, or "sha256:<hash>". */
  version: string | number;
}

function datasetReferenceOf(text: string): DatasetReference | null {
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const dataset = (value as { dataset?: unknown }).dataset;
  if (typeof dataset !== 'object' || dataset === null) return null;
  const { name, version } = dataset as { name?: unknown; version?: unknown };
  if (typeof name !== 'string') return null;
  return {
    name,
    version: typeof version === 'number' || typeof version === 'string' ? version : 'latest',
  };
}

/** What deleting `deleted` versions of `datasetName` does to a suite naming it, if anything. */
function consequence(
  reference: DatasetReference,
  datasetName: string,
  deleted: readonly VersionRow[],
  remaining: readonly VersionRow[],
): string | null {
  if (reference.name !== datasetName) return null;
  if (remaining.length === 0) return `will no longer validate: dataset "${datasetName}" is deleted`;
  const ref = reference.version;
  if (ref === 'latest') {
    const newest = [...deleted, ...remaining].sort((a, b) => b.version - a.version)[0];
    const next = remaining[0];
    if (!newest || !next || !deleted.includes(newest)) return null;
    return `will use v${next.version} instead of v${newest.version} (the newest version left)`;
  }
  const hit = deleted.find((v) =>
    typeof ref === 'number' ? v.version === ref : ref === `sha256:${v.content_hash}`,
  );
  return hit ? `will no longer validate: it names v${hit.version}, which is deleted` : null;
}

/** Saved suites and drafts naming what is deleted, by suite name (a draft after its saved text). */
export function suitesLosingDataset(
  repo: DatasetRemovalRepo,
  datasetName: string,
  deleted: readonly VersionRow[],
  remaining: readonly VersionRow[],
): SuiteLosingDataset[] {
  const affected: SuiteLosingDataset[] = [];
  for (const row of repo.suiteTexts()) {
    const reference = datasetReferenceOf(row.text);
    if (!reference) continue;
    const message = consequence(reference, datasetName, deleted, remaining);
    if (!message) continue;
    affected.push({
      suiteId: row.suite_id,
      suiteName: row.name,
      reference: String(reference.version),
      isDraft: row.is_draft === 1,
      message: row.is_draft === 1 ? `its unsaved draft ${message}` : message,
    });
  }
  return affected;
}
