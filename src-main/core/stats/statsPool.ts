/**
 * Bootstrap in worker threads. The resamples are cut into seeded chunks (see resampleKernels),
 * the chunks are split between the threads, and the replicates are joined in chunk order, so
 * the interval is the same whatever the number of threads — and equals `pairedBootstrap`'s.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { workerScript } from '../scoring/workerEntry';
import {
  defaultResamples,
  defaultSeed,
  intervalFromReplicates,
  jackknifeMeans,
  type BootstrapInterval,
  type BootstrapOptions,
} from './bootstrap';
import { mean } from './descriptive';
import { differences } from './paired';
import { chunkSeeds } from './resampleKernels';
import type { MeanReplicatesTask } from './statsWorker';

export interface StatsPool {
  /** Bootstrap interval of mean(second − first), computed off the main thread. */
  pairedBootstrap(
    first: ArrayLike<number>,
    second: ArrayLike<number>,
    options?: BootstrapOptions,
  ): Promise<BootstrapInterval>;
  /** Bootstrap interval of the mean of `values`, computed off the main thread. */
  bootstrapMean(values: ArrayLike<number>, options?: BootstrapOptions): Promise<BootstrapInterval>;
  destroy(): Promise<void>;
}

export function createStatsPool(
  threads = Math.max(1, Math.min(4, availableParallelism())),
): StatsPool {
  const script = workerScript(import.meta.url, 'statsWorker');
  const pool = new Piscina({
    filename: script.filename,
    execArgv: script.execArgv,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });

  const bootstrapMean = async (
    values: ArrayLike<number>,
    options: BootstrapOptions = {},
  ): Promise<BootstrapInterval> => {
    const nResamples = options.nResamples ?? defaultResamples;
    const confidenceLevel = options.confidenceLevel ?? 0.95;
    const seed = options.seed ?? defaultSeed;
    const method = options.method ?? 'bca';
    const data = Float64Array.from(values);
    const estimate = mean(data);
    const seeds = chunkSeeds(seed, nResamples);
    const share = Math.ceil(seeds.length / threads);
    const tasks: Array<Promise<Float64Array>> = [];
    for (let first = 0; first < seeds.length; first += share) {
      const task: MeanReplicatesTask = {
        data,
        seeds,
        nResamples,
        firstChunk: first,
        lastChunk: Math.min(seeds.length, first + share),
      };
      tasks.push(pool.run(task) as Promise<Float64Array>);
    }
    const parts = await Promise.all(tasks);
    const replicates = new Float64Array(nResamples);
    let offset = 0;
    for (const part of parts) {
      replicates.set(part, offset);
      offset += part.length;
    }
    const useBca = method === 'bca' && data.length > 1;
    const interval = intervalFromReplicates(replicates, estimate, {
      method: useBca ? 'bca' : 'percentile',
      confidenceLevel,
      ...(useBca ? { jackknifeValues: jackknifeMeans(data) } : {}),
    });
    return {
      estimate,
      ...interval,
      method: useBca ? 'bca' : 'percentile',
      confidenceLevel,
      nResamples,
      seed,
    };
  };

  return {
    bootstrapMean,
    pairedBootstrap: (first, second, options) => bootstrapMean(differences(first, second), options),
    destroy: () => pool.destroy(),
  };
}
