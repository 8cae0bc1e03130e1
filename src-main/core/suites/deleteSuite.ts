import type { SuiteRemovalBlocker, SuiteRemovalPreview } from '@contract/routes/suites';
import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { suiteRemovalCountLines } from './removalCountNames';
import { suiteDomainRepo, type SuiteDomainRepo } from './repo';

/** Runs named in a refusal; the rest are counted ("and 3 more"). */
const namedRuns = 5;

export interface DeletedSuite {
  name: string;
  deletedVersions: number;
  droppedDraft: boolean;
}

function suiteOf(ctx: CoreContext, suiteId: string) {
  const suite = ctx.repos.suites.get(suiteId);
  if (!suite) throw notFound('suite', suiteId);
  return suite;
}

/**
 * What refuses deleting the suite called `name`: the runs that used any of its saved texts —
 * a run's evidence (its manifest points at the exact text it ran) must stay. The preview and
 * the deletion ask this same question, so they cannot disagree.
 */
function removalBlockers(repo: SuiteDomainRepo, name: string): SuiteRemovalBlocker[] {
  const runs = repo.runsUsingName(name, namedRuns);
  if (runs.total === 0) return [];
  const more = runs.total - runs.first.length;
  const names = runs.first.map((r) => `"${r.name}"`).join(', ');
  return [
    {
      kind: 'runs',
      total: runs.total,
      runs: runs.first.map((r) => ({
        runId: r.id,
        runName: r.name,
        isBeingDeleted: r.being_deleted === 1,
      })),
      message: `suite "${name}" cannot be deleted: ${runs.total} run${runs.total === 1 ? '' : 's'} used it (${names}${more > 0 ? ` and ${more} more` : ''}). A run keeps the suite it ran; delete those runs first.`,
    },
  ];
}

/** The dry run of `deleteSuite`: what would go and what refuses it; changes nothing. */
export function previewSuiteRemoval(ctx: CoreContext, suiteId: string): SuiteRemovalPreview {
  const suite = suiteOf(ctx, suiteId);
  const repo = suiteDomainRepo(ctx);
  const blockers = removalBlockers(repo, suite.name);
  const counts = repo.countName(suite.name);
  return {
    suiteId,
    suiteName: suite.name,
    canDelete: blockers.length === 0,
    blockers,
    counts,
    countLines: suiteRemovalCountLines(counts),
  };
}

/**
 * Deletes a suite: every saved text of its name and its draft, in one transaction. Refused
 * (`conflict`, naming the runs) while any run used any of those texts; delete the runs first.
 */
export function deleteSuite(ctx: CoreContext, suiteId: string): DeletedSuite {
  const suite = suiteOf(ctx, suiteId);
  const repo = suiteDomainRepo(ctx);
  const deleted = ctx.db.transaction(() => {
    // Checked inside the transaction: a run planned a moment ago is seen, or waits for it.
    const [blocker] = removalBlockers(repo, suite.name);
    if (blocker) throw new ApiError('conflict', blocker.message);
    return repo.deleteName(suite.name);
  });
  ctx.events.emit('workspace.changed', {
    domain: 'suites',
    reason: `suite ${suite.name} deleted`,
  });
  return { name: suite.name, deletedVersions: deleted.versions, droppedDraft: deleted.drafts > 0 };
}
