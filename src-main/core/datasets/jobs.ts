import type { DatasetJobResult } from '@contract/routes/datasets';
import type { CoreContext } from '../context';
import type { JobControl } from '../jobs/jobManager';
import { perCore } from '../util/perCore';

type Kind = DatasetJobResult['kind'];
type ValueOf<K extends Kind> = Extract<DatasetJobResult, { kind: K }>['value'];

interface JobStore {
  results: Map<string, DatasetJobResult>;
  running: Map<string, Promise<unknown>>;
  /** Names of the datasets each running job reads or writes (deleting them waits for it). */
  touching: Map<string, readonly string[]>;
}

const keptResults = 200;

const storeOf = perCore((): JobStore => ({
  results: new Map(),
  running: new Map(),
  touching: new Map(),
}));

/**
 * Runs a dataset action as a job (progress, ETA and cancel for free) and keeps its typed
 * result for `datasets.jobResult`, so callers get a job id at once and the value later.
 */
export function startDatasetJob<K extends Kind>(
  ctx: CoreContext,
  kind: K,
  title: string,
  work: (control: JobControl) => Promise<ValueOf<K>>,
  datasets: readonly string[] = [],
): { jobId: string; result: Promise<ValueOf<K>> } {
  const store = storeOf(ctx);
  let jobId = '';
  const job = ctx.jobs.start(`dataset.${kind}`, title, async (control) => {
    const value = await work(control);
    store.results.set(jobId, { kind, value } as DatasetJobResult);
    if (store.results.size > keptResults) {
      const oldest = store.results.keys().next().value;
      if (oldest !== undefined) store.results.delete(oldest);
    }
    return value;
  });
  jobId = job.id;
  store.running.set(jobId, job.result);
  store.touching.set(jobId, datasets);
  const forget = () => {
    store.running.delete(jobId);
    store.touching.delete(jobId);
  };
  void job.result.then(forget, forget);
  return { jobId, result: job.result };
}

/** Running dataset jobs of this process that read or write the dataset named `name`. */
export function datasetJobsTouching(
  ctx: CoreContext,
  name: string,
): Array<{ id: string; title: string }> {
  const jobs: Array<{ id: string; title: string }> = [];
  for (const [id, names] of storeOf(ctx).touching) {
    const job = ctx.jobs.get(id);
    if (names.includes(name) && job?.status === 'running') jobs.push({ id, title: job.title });
  }
  return jobs;
}

export function datasetJobResult(ctx: CoreContext, jobId: string): DatasetJobResult | null {
  return storeOf(ctx).results.get(jobId) ?? null;
}

/** Resolves when a dataset job ends (the CLI waits this way); rejects if it failed or was cancelled. */
export async function waitForDatasetJob(
  ctx: CoreContext,
  jobId: string,
): Promise<DatasetJobResult | null> {
  await storeOf(ctx).running.get(jobId);
  return datasetJobResult(ctx, jobId);
}
