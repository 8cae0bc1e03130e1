/**
 * Child process for the dataset-deletion crash and lock tests: deletes DATASET_ID (or one
 * version, given its `dv_` id) of the workspace in DIR in batches of 400 items and, once 800
 * items are gone, prints "between batches N" and waits there — holding the dataset's lock —
 * for the parent's kill -9.
 */
import { removeDatasetTarget } from '@core/datasets/removal/removeDataset';
import { openTestCore } from './core';

const [dir, id] = process.argv.slice(2);
if (!dir || !id) throw new Error('usage: datasetRemovalCrashChild.ts DIR DATASET_ID|VERSION_ID');
const core = openTestCore(dir);
await removeDatasetTarget(
  core.context,
  id.startsWith('dv_') ? { versionId: id } : { datasetId: id },
  {
    batchItems: 400,
    afterBatch: async (deleted) => {
      if (deleted < 800) return;
      process.stdout.write(`between batches ${deleted}\n`);
      // A pending promise alone does not keep Node running: the timer does, till the kill.
      setInterval(() => undefined, 60_000);
      await new Promise(() => undefined);
    },
  },
);
process.stdout.write('finished without being killed\n');
