/** Rater profiles (local people on one laptop) and the workspace's failure-mode taxonomy. */
import type { FailureMode, Rater } from '@contract/routes/labelingSchemas';
import type { CoreContext } from '../context';
import type { LabelingRepo } from '../db/repos/labeling';
import { newId } from '../util/ids';
import { nowIso } from '../util/time';
import { labelingRepo } from './repo';

export function listRaters(ctx: CoreContext): Rater[] {
  return labelingRepo(ctx)
    .raters()
    .map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, labels: r.labels }));
}

/** The rater of that name, created on first use. */
export function raterIdFor(repo: LabelingRepo, name: string): { id: string; isNew: boolean } {
  const existing = repo.raterByName(name);
  if (existing) return { id: existing.id, isNew: false };
  const id = newId('rater');
  repo.insertRater(id, name, nowIso());
  return { id, isNew: true };
}

export function addRater(ctx: CoreContext, name: string): Rater {
  const repo = labelingRepo(ctx);
  const { id } = raterIdFor(repo, name.trim());
  return listRaters(ctx).find((r) => r.id === id) as Rater;
}

export function listFailureModes(ctx: CoreContext): FailureMode[] {
  return labelingRepo(ctx)
    .failureModes()
    .map((m) => ({
      id: m.id,
      name: m.name,
      description: m.description,
      isArchived: m.archived_at !== null,
    }));
}

/** The failure mode of that name, created on first use. */
export function failureModeIdFor(
  repo: LabelingRepo,
  name: string,
  description: string | null = null,
): { id: string; isNew: boolean } {
  const existing = repo.failureModeByName(name);
  if (existing) return { id: existing.id, isNew: false };
  const id = newId('failureMode');
  repo.insertFailureMode({ id, name, description, createdAt: nowIso() });
  return { id, isNew: true };
}

export function addFailureMode(
  ctx: CoreContext,
  name: string,
  description: string | undefined,
): FailureMode {
  const { id } = failureModeIdFor(labelingRepo(ctx), name.trim(), description?.trim() || null);
  return listFailureModes(ctx).find((m) => m.id === id) as FailureMode;
}
