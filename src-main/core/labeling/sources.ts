/** What a new session can rate: runs with their models, categories and judge scorers. */
import type { RunSources } from '@contract/routes/labelingSchemas';
import type { CoreContext } from '../context';
import { labelingRepo } from './repo';

export function runSources(ctx: CoreContext, runIds: readonly string[] | undefined): RunSources {
  const repo = labelingRepo(ctx);
  return repo.runs(runIds ?? null).map((run) => ({
    runId: run.id,
    runName: run.name,
    status: run.status,
    datasetVersionId: run.dataset_version_id,
    models: repo
      .runModels(run.id)
      .map((m) => ({ modelKey: m.model_key, model: m.model, outputs: m.outputs })),
    categories: repo.runCategories(run.id),
    judgeScorers: repo.judgeScorers(run.id),
  }));
}
