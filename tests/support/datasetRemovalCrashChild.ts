/**
 * Child process for the dataset-deletion crash test: deletes DATASET_ID of the workspace in
 * DIR in batches of 400 items and, once 800 items are gone, prints "between batches N" and
 * waits there for the parent's kill -9.
 */
import { removeDatasetTarget } from '@core/datasets/removal/removeDataset';
import { openTestCore } from './core';

const [dir, datasetId] = process.argv.slice(2);
if (!dir || !datasetId) throw new Error('usage: datasetRemovalCrashChild.ts DIR DATASET_ID');
const core = openTestCore(dir);
await removeDatasetTarget(
  core.context,
  { datasetId },
  {
    batchItems: 400,
    afterBatch: async (deleted) => {
      if (deleted < 800) return;
      process.stdout.write(`between batches ${deleted}\n`);
      await new Promise(() => undefined);
    },
  },
);
process.stdout.write('finished without being killed\n');
