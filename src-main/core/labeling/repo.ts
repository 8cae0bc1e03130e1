import type { CoreContext } from '../context';
import { JudgeVariantsRepo } from '../db/repos/judgeVariants';
import { LabelingRepo } from '../db/repos/labeling';

const repos = new WeakMap<CoreContext, LabelingRepo>();
const variantRepos = new WeakMap<CoreContext, JudgeVariantsRepo>();

/** The labeling repository of a core (one per context, over its single connection). */
export function labelingRepo(ctx: CoreContext): LabelingRepo {
  let repo = repos.get(ctx);
  if (!repo) {
    repo = new LabelingRepo(ctx.db);
    repos.set(ctx, repo);
  }
  return repo;
}

/**
 * The judge-version repository of a core. Created on first use, when versions a previous
 * process left running are marked interrupted (no re-run can still be going then).
 */
export function judgeVariantsRepo(ctx: CoreContext): JudgeVariantsRepo {
  let repo = variantRepos.get(ctx);
  if (!repo) {
    repo = new JudgeVariantsRepo(ctx.db);
    variantRepos.set(ctx, repo);
    repo.markInterruptedVariants();
  }
  return repo;
}
