/**
 * The failure-mode taxonomy as a portable file, so the list a team built while reading one
 * evaluation's outputs is there when they label the next one (in this workspace or another).
 * Import is by name: a mode that already exists is kept as it is (it may have tags), a missing
 * description is filled in, new modes are added. Nothing is ever removed.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { TaxonomyImportResult } from '@contract/routes/failureModes';
import { ApiError } from '../apiError';
import type { CoreContext } from '../context';
import { failureModeIdFor } from '../labeling/people';
import { labelingRepo } from '../labeling/repo';
import { resultsRepo } from './service';

export const TAXONOMY_FORMAT = 'yardstick.failure-modes';

const TaxonomyFile = z.object({
  format: z.literal(TAXONOMY_FORMAT),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  modes: z.array(
    z.object({
      name: z.string().trim().min(1).max(100),
      description: z.string().max(2000).nullable().optional(),
      /** How many outputs carried it where it was exported (information only). */
      uses: z.number().int().min(0).optional(),
    }),
  ),
});

export function exportTaxonomy(ctx: CoreContext): {
  fileName: string;
  text: string;
  count: number;
} {
  const usage = new Map(
    resultsRepo(ctx)
      .failureModeUsage()
      .map((u) => [u.failure_mode_id, u.n]),
  );
  const modes = labelingRepo(ctx)
    .failureModes()
    .filter((m) => m.archived_at === null)
    .map((m) => ({ name: m.name, description: m.description, uses: usage.get(m.id) ?? 0 }));
  const file = {
    format: TAXONOMY_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    modes,
  };
  return {
    fileName: 'failure-modes.json',
    text: `${JSON.stringify(file, null, 2)}\n`,
    count: modes.length,
  };
}

function parseTaxonomy(text: string, fileName: string): z.output<typeof TaxonomyFile> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError('bad_request', `${fileName}: not JSON (${(error as Error).message})`);
  }
  const parsed = TaxonomyFile.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') || '(file)' : '(file)';
    throw new ApiError(
      'bad_request',
      `${fileName}: not a failure-mode taxonomy file — field ${where}: ${first?.message ?? 'invalid'}`,
      issues,
    );
  }
  return parsed.data;
}

export function importTaxonomyText(
  ctx: CoreContext,
  text: string,
  fileName: string,
): TaxonomyImportResult {
  const file = parseTaxonomy(text, fileName);
  const repo = labelingRepo(ctx);
  const results = resultsRepo(ctx);
  const out: TaxonomyImportResult = { added: [], existing: [], described: [] };
  repo.transaction(() => {
    for (const mode of file.modes) {
      const description = mode.description?.trim() || null;
      const before = repo.failureModes().find((m) => m.name === mode.name);
      const { id, isNew } = failureModeIdFor(repo, mode.name, description);
      if (isNew) out.added.push(mode.name);
      else {
        out.existing.push(mode.name);
        if (before?.description === null && description) {
          results.updateFailureModeDescription(id, description);
          out.described.push(mode.name);
        }
      }
    }
  });
  return out;
}

export function importTaxonomyFile(ctx: CoreContext, path: string): TaxonomyImportResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ApiError('bad_request', `cannot read ${path}: ${(error as Error).message}`);
  }
  return importTaxonomyText(ctx, text, basename(path));
}
