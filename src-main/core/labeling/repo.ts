import { JudgeVariantsRepo } from '../db/repos/judgeVariants';
import { LabelingRepo } from '../db/repos/labeling';
import { perCore } from '../util/perCore';

/** The labeling repository of a core (one per context, over its single connection). */
export const labelingRepo = perCore((ctx) => new LabelingRepo(ctx.db));

/**
 * The judge-version repository of a core. Created on first use, when versions a previous
 * process left running are marked interrupted (no re-run can still be going then).
 */
export const judgeVariantsRepo = perCore((ctx): JudgeVariantsRepo => {
  const repo = new JudgeVariantsRepo(ctx.db);
  repo.markInterruptedVariants();
  return repo;
});
