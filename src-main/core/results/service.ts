import type { CoreContext } from '../context';
import { ResultsRepo } from './repo';

const repos = new WeakMap<CoreContext, ResultsRepo>();

/** The results repository of a core (one per context, over its single connection). */
export function resultsRepo(ctx: CoreContext): ResultsRepo {
  let repo = repos.get(ctx);
  if (!repo) {
    repo = new ResultsRepo(ctx.db);
    repos.set(ctx, repo);
  }
  return repo;
}
