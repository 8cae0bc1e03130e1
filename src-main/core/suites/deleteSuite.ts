import { ApiError, notFound } from '../apiError';
import type { CoreContext } from '../context';
import { suiteDomainRepo } from './repo';

/** Runs named in a refusal; the rest are counted ("and 3 more"). */
const namedRuns = 5;

export interface DeletedSuite {
  name: string;
  deletedVersions: number;
  droppedDraft: boolean;
}

/**
 * Deletes a suite: every saved text of its name and its draft, in one transaction. Refused
 * (`conflict`, naming the runs) while any run used any of those texts — a run's evidence
 * (its manifest points at the exact text it ran) must stay; delete the runs first.
 */
export function deleteSuite(ctx: CoreContext, suiteId: string): DeletedSuite {
  const suite = ctx.repos.suites.get(suiteId);
  if (!suite) throw notFound('suite', suiteId);
  const repo = suiteDomainRepo(ctx);
  const deleted = ctx.db.transaction(() => {
    // Checked inside the transaction: a run planned a moment ago is seen, or waits for it.
    const runs = repo.runsUsingName(suite.name, namedRuns);
    if (runs.total > 0) {
      const more = runs.total - runs.first.length;
      const names = runs.first.map((r) => `"${r.name}"`).join(', ');
      throw new ApiError(
        'conflict',
        `suite "${suite.name}" cannot be deleted: ${runs.total} run${runs.total === 1 ? '' : 's'} used it (${names}${more > 0 ? ` and ${more} more` : ''}). A run keeps the suite it ran; delete those runs first.`,
      );
    }
    return repo.deleteName(suite.name);
  });
  ctx.events.emit('workspace.changed', {
    domain: 'suites',
    reason: `suite ${suite.name} deleted`,
  });
  return { name: suite.name, deletedVersions: deleted.versions, droppedDraft: deleted.drafts > 0 };
}
