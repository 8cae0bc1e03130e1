/**
 * Entry of the statistics worker threads: computes a share of the bootstrap replicates of a
 * mean (chunks [firstChunk, lastChunk) of the seeded chunk list), so long resampling never
 * blocks the main thread's event loop.
 */
import { meanReplicates } from './resampleKernels';

export interface MeanReplicatesTask {
  data: Float64Array;
  seeds: number[];
  nResamples: number;
  firstChunk: number;
  lastChunk: number;
}

export default function meanReplicatesTask(task: MeanReplicatesTask): Float64Array {
  return meanReplicates(task.data, task.seeds, task.nResamples, task.firstChunk, task.lastChunk);
}
